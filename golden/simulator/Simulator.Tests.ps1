# Pester tests of the simulator's fidelity: the behaviours the scenarios
# rely on, each as the behaviour table (compiler/exchange/behaviour.json)
# records it. Run by pester_test.go.

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'HybridcSimulator.psm1') -Force

    function Start-TestOrganization {
        # An on-premises or online organization with three mailboxes, two of
        # them named alike.
        param([string]$Kind = 'onPremises')
        $name = 'Contoso'
        if ($Kind -eq 'online') {
            $name = 'contoso.onmicrosoft.com'
        }
        $stateKind = $Kind
        if ($Kind -eq 'online') {
            $stateKind = 'exchangeOnline'
        }
        $org = New-SimOrganization -Kind $stateKind -Name $name
        Initialize-HybridcSimulator -Kind $Kind -Organization $org
        $mailbox = {
            param($guid, $name, $alias)
            [ordered]@{
                guid = $guid; name = $name; alias = $alias; identity = 'contoso.com/Users/' + $name
                distinguishedName = 'CN=' + $name + ',OU=Users,DC=contoso,DC=com'; samAccountName = $alias
                primarySmtpAddress = $alias + '@contoso.com'; userPrincipalName = $alias + '@contoso.com'
                emailAddresses = @(('SMTP:' + $alias + '@contoso.com'), ('smtp:' + $alias + '@contoso.mail.onmicrosoft.com'))
                recipientTypeDetails = 'UserMailbox'; sid = 'S-1-5-21-1-2-3-' + $alias.Length
            }
        }
        Add-SimObjects -Objects @{
            recipients = @(
                (& $mailbox '11111111-1111-1111-1111-111111111111' 'Ann Lee' 'ann'),
                (& $mailbox '22222222-2222-2222-2222-222222222222' 'Bo Chan' 'bo'),
                (& $mailbox '33333333-3333-3333-3333-333333333333' 'Bo Chan' 'bochan')
            )
        }
    }
}

Describe 'Cmdlets are module functions' {
    BeforeEach { Start-TestOrganization }

    It 'ignore the caller''s ErrorActionPreference: a failure without -ErrorAction Stop does not stop (behaviour table, errors)' {
        # Pester itself sets the global preference to Stop, which module
        # functions do see (the global scope is their parent).
        $saved = $global:ErrorActionPreference
        $global:ErrorActionPreference = 'Continue'
        try {
            $reached = & {
                $ErrorActionPreference = 'Stop'
                $null = Get-Mailbox -Identity 'nobody' 2>$null
                $true
            }
        }
        finally {
            $global:ErrorActionPreference = $saved
        }
        $reached | Should -BeTrue
    }

    It 'throw with -ErrorAction Stop, shaped as the implicit-remoting error of the table' {
        $caught = $null
        try {
            Get-Mailbox -Identity 'nobody' -ErrorAction Stop
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty
        $caught.Exception.GetType().FullName | Should -Be 'System.Management.Automation.RemoteException'
        $caught.CategoryInfo.Reason | Should -Be 'ManagementObjectNotFoundException'
        $caught.FullyQualifiedErrorId | Should -Match 'ManagementObjectNotFoundException'
        $caught.Exception.Message | Should -Match "couldn't be found on"
    }

    It 'refuse a parameter the catalog does not document' {
        { Get-Mailbox -Identiy 'ann' -ErrorAction Stop } | Should -Throw -ExpectedMessage '*parameter name*'
    }
}

Describe 'Identity' {
    BeforeEach { Start-TestOrganization }

    It 'finds a mailbox by <form> (Get-Mailbox row)' -TestCases @(
        @{ form = 'GUID'; value = '11111111-1111-1111-1111-111111111111' },
        @{ form = 'Name'; value = 'Ann Lee' },
        @{ form = 'Alias'; value = 'ann' },
        @{ form = 'primary SMTP address'; value = 'ann@contoso.com' },
        @{ form = 'secondary SMTP address'; value = 'ann@contoso.mail.onmicrosoft.com' },
        @{ form = 'UPN, other case'; value = 'ANN@CONTOSO.COM' },
        @{ form = 'distinguished name'; value = 'CN=Ann Lee,OU=Users,DC=contoso,DC=com' },
        @{ form = 'DOMAIN\user'; value = 'CONTOSO\ann' }
    ) {
        param($form, $value)
        (Get-Mailbox -Identity $value -ErrorAction Stop).Guid | Should -Be '11111111-1111-1111-1111-111111111111'
    }

    It 'takes only the forms Get-ADPermission documents: a distinguished name, not an address' {
        { Get-ADPermission -Identity 'CN=Ann Lee,OU=Users,DC=contoso,DC=com' -ErrorAction Stop } | Should -Not -Throw
        { Get-ADPermission -Identity 'ann@contoso.com' -ErrorAction Stop } | Should -Throw -ExpectedMessage "*couldn't be found*"
    }

    It 'says ambiguous, never not found, for a name two objects share' {
        $caught = $null
        try {
            Set-Mailbox -Identity 'Bo Chan' -RoleAssignmentPolicy 'Default Role Assignment Policy' -ErrorAction Stop
        }
        catch {
            $caught = $_
        }
        $caught.CategoryInfo.Reason | Should -Be 'ManagementObjectAmbiguousException'
    }
}

Describe 'Objects as remoting returns them' {
    BeforeEach { Start-TestOrganization }

    It 'carry Deserialized type names and multi-valued properties as lists of strings' {
        $mailbox = Get-Mailbox -Identity 'ann' -ErrorAction Stop
        $mailbox.PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox'
        $mailbox.EmailAddresses | Should -HaveCount 2
        $mailbox.EmailAddresses[0] | Should -BeOfType [string]
        $mailbox.Guid | Should -BeOfType [string]
    }
}

Describe 'Multi-valued parameters (Set-OrganizationRelationship row)' {
    BeforeEach {
        Start-TestOrganization
        New-OrganizationRelationship -Name 'To Cloud' -DomainNames @('a.com', 'b.com') -Confirm:$false -ErrorAction Stop | Out-Null
    }

    It 'an array replaces the list' {
        Set-OrganizationRelationship -Identity 'To Cloud' -DomainNames @('c.com') -Confirm:$false -ErrorAction Stop
        @((Get-OrganizationRelationship -Identity 'To Cloud' -ErrorAction Stop).DomainNames) | Should -Be @('c.com')
    }

    It '@{ Add = ... } adds and keeps the others; @{ Remove = ... } removes' {
        Set-OrganizationRelationship -Identity 'To Cloud' -DomainNames @{ Add = 'c.com' } -Confirm:$false -ErrorAction Stop
        @((Get-OrganizationRelationship -Identity 'To Cloud' -ErrorAction Stop).DomainNames) | Should -Be @('a.com', 'b.com', 'c.com')
        Set-OrganizationRelationship -Identity 'To Cloud' -DomainNames @{ Remove = 'A.COM' } -Confirm:$false -ErrorAction Stop
        @((Get-OrganizationRelationship -Identity 'To Cloud' -ErrorAction Stop).DomainNames) | Should -Be @('b.com', 'c.com')
    }
}

Describe 'Multi-valued recipient parameters (Set-Mailbox GrantSendOnBehalfTo row)' {
    BeforeEach {
        Start-TestOrganization
        Set-Mailbox -Identity 'ann' -GrantSendOnBehalfTo @{ Add = 'bo' } -Confirm:$false -ErrorAction Stop
    }

    It '@{ Add = a, b; Remove = c } adds and removes in one call, keeping the others' {
        Set-Mailbox -Identity 'ann' -GrantSendOnBehalfTo @{ Add = 'bochan', 'ann'; Remove = 'bo' } -Confirm:$false -ErrorAction Stop
        @((Get-Mailbox -Identity 'ann' -ErrorAction Stop).GrantSendOnBehalfTo | Sort-Object) | Should -Be @('contoso.com/Users/Ann Lee', 'contoso.com/Users/Bo Chan')
        @((Get-HybridcSimulation).Calls | Where-Object { $_.cmdlet -eq 'Set-Mailbox' }) | Should -HaveCount 2
    }

    It 'fails the whole call, changing nothing, when one value names no recipient' {
        { Set-Mailbox -Identity 'ann' -GrantSendOnBehalfTo @{ Add = 'bochan', 'nobody'; Remove = 'bo' } -Confirm:$false -ErrorAction Stop } | Should -Throw -ExpectedMessage "*nobody*"
        @((Get-Mailbox -Identity 'ann' -ErrorAction Stop).GrantSendOnBehalfTo) | Should -Be @('contoso.com/Users/Bo Chan')
    }

    It 'changes nothing for a delegate added again or one removed that is not there' {
        Set-Mailbox -Identity 'ann' -GrantSendOnBehalfTo @{ Add = 'bo'; Remove = 'bochan' } -Confirm:$false -ErrorAction Stop
        @((Get-Mailbox -Identity 'ann' -ErrorAction Stop).GrantSendOnBehalfTo) | Should -Be @('contoso.com/Users/Bo Chan')
    }
}

Describe 'Environments' {
    It 'defines only the cmdlets of the environment: <cmdlet> <present> online' -TestCases @(
        @{ cmdlet = 'Add-RecipientPermission'; present = $true },
        @{ cmdlet = 'Add-ADPermission'; present = $false },
        @{ cmdlet = 'Set-SendConnector'; present = $false }
    ) {
        param($cmdlet, $present)
        Start-TestOrganization -Kind 'online'
        [bool](Get-Command -Name $cmdlet -ErrorAction SilentlyContinue) | Should -Be $present
    }

    It 'records every call with its parameters' {
        Start-TestOrganization
        $null = Get-Recipient -ResultSize Unlimited -ErrorAction Stop
        $calls = @((Get-HybridcSimulation).Calls)
        $calls[-1].cmdlet | Should -Be 'Get-Recipient'
        $calls[-1].parameters.ResultSize | Should -Be 'Unlimited'
    }
}
