# Identity: which object a value names, by the forms each cmdlet's parameter
# accepts (compiler/exchange/behaviour.json, "identities"). Matching ignores
# case, as Exchange does; a value that names several objects is
# "ambiguous", one that names none is "not found", each with Exchange's
# error (Sim.Errors.ps1).

function Get-SimRecipientForms {
    # Every (form, value) by which Exchange finds a recipient.
    param([Parameter(Mandatory = $true)] $Recipient)
    $forms = New-Object -TypeName 'System.Collections.ArrayList'
    $pairs = @(
        @('GUID', 'guid'), @('Name', 'name'), @('Alias', 'alias'), @('DistinguishedName', 'distinguishedName'),
        @('CanonicalDN', 'identity'), @('UPN', 'userPrincipalName'), @('SamAccountName', 'samAccountName'),
        @('SID', 'sid'), @('ExternalDirectoryObjectId', 'externalDirectoryObjectId'), @('EmailAddress', 'primarySmtpAddress'),
        @('UPN', 'windowsLiveID')
    )
    foreach ($pair in $pairs) {
        $value = [string](Get-SimField -Record $Recipient -Name $pair[1])
        if ($value -ne '') {
            $null = $forms.Add(@($pair[0], $value))
        }
    }
    foreach ($address in @(Get-SimField -Record $Recipient -Name 'emailAddresses')) {
        $text = [string]$address
        if ($text -like 'smtp:*') {
            $null = $forms.Add(@('EmailAddress', $text.Substring(5)))
        }
    }
    $sam = [string](Get-SimField -Record $Recipient -Name 'samAccountName')
    if ($sam -ne '' -and $script:Sim.Kind -eq 'onPremises') {
        $null = $forms.Add(@('Domain\User', ((Get-SimNetbios) + '\' + $sam)))
    }
    return $forms
}

function Update-SimIndex {
    # Rebuilds the recipient index when the recipients changed.
    if (-not $script:Sim.IndexDirty) {
        return
    }
    $index = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
    $byGuid = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($recipient in $script:Sim.Org.recipients) {
        Add-SimIndexEntry -Index $index -ByGuid $byGuid -Recipient $recipient
    }
    $script:Sim.Index = $index
    $script:Sim.ByGuid = $byGuid
    $script:Sim.IndexNetbios = Get-SimIndexNetbios
    $script:Sim.FindMemo = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([System.StringComparer]::Ordinal)
    $script:Sim.TrusteeOf = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([System.StringComparer]::Ordinal)
    $script:Sim.IndexDirty = $false
}

function Add-SimIndexEntry {
    # Indexes one recipient by every form it answers to.
    param([Parameter(Mandatory = $true)] $Index, [Parameter(Mandatory = $true)] $ByGuid, [Parameter(Mandatory = $true)] $Recipient)
    $ByGuid[[string]$Recipient.guid] = $Recipient
    foreach ($form in (Get-SimRecipientForms -Recipient $Recipient)) {
        $key = $form[0] + '|' + $form[1]
        $list = $null
        if (-not $Index.TryGetValue($key, [ref]$list)) {
            $list = New-Object -TypeName 'System.Collections.ArrayList'
            $Index[$key] = $list
        }
        if (-not $list.Contains($Recipient)) {
            $null = $list.Add($Recipient)
        }
    }
}

function Get-SimIndexNetbios {
    # The NetBIOS domain the index's Domain\User forms were built with
    # (on-premises only: online recipients have no such form).
    if ($script:Sim.Kind -eq 'onPremises') {
        return Get-SimNetbios
    }
    return ''
}

function Add-SimNewRecipient {
    # Adds a new recipient to the organization, and to the index when the
    # index is current: the index is then what a rebuild would make, without
    # the rebuild (seeding adds thousands of recipients one by one).
    param([Parameter(Mandatory = $true)] $Recipient)
    $null = $script:Sim.Org.recipients.Add($Recipient)
    if ($script:Sim.IndexDirty -or $null -eq $script:Sim.Index -or (Get-SimIndexNetbios) -ne $script:Sim.IndexNetbios) {
        $script:Sim.IndexDirty = $true
        return
    }
    Add-SimIndexEntry -Index $script:Sim.Index -ByGuid $script:Sim.ByGuid -Recipient $Recipient
    $script:Sim.FindMemo.Clear()
    $script:Sim.TrusteeOf.Clear()
}

function Get-SimIdentityForms {
    # The forms a cmdlet's parameter accepts, from the behaviour table; all
    # recipient forms when the table names none.
    param([string]$Cmdlet = '', [string]$Parameter = '')
    $row = $script:Sim.Behaviour[$Cmdlet]
    if ($null -ne $row) {
        foreach ($identity in @($row['identities'])) {
            if ($null -ne $identity -and $identity['param'] -eq $Parameter) {
                return @($identity['forms'])
            }
        }
    }
    return @('GUID', 'Name', 'Alias', 'DistinguishedName', 'CanonicalDN', 'EmailAddress', 'UPN', 'SamAccountName', 'Domain\User', 'SID', 'ExternalDirectoryObjectId')
}

function Find-SimRecipients {
    # The recipients a value names in the forms a parameter accepts. A value
    # that is an object (piped from a Get- cmdlet) is taken by its Guid.
    param($Value, [string]$Cmdlet = '', [string]$Parameter = '', [scriptblock]$Where)
    Update-SimIndex
    # What a name finds changes only with the index: remembered until then.
    $memoKey = $null
    if ($Value -is [string] -and $null -eq $Where) {
        $memoKey = $Cmdlet + '|' + $Parameter + '|' + $Value
        $memo = $null
        if ($script:Sim.FindMemo.TryGetValue($memoKey, [ref]$memo)) {
            return $memo
        }
    }
    $text = ConvertTo-SimIdentityText -Value $Value
    $forms = Get-SimIdentityForms -Cmdlet $Cmdlet -Parameter $Parameter
    if ($Value -isnot [string] -and $null -ne $Value.PSObject.Properties['Guid']) {
        $forms = @('GUID')
    }
    $found = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($form in $forms) {
        $list = $null
        if ($script:Sim.Index.TryGetValue($form + '|' + $text, [ref]$list)) {
            foreach ($recipient in $list) {
                if (-not $found.Contains($recipient) -and ($null -eq $Where -or (& $Where $recipient))) {
                    $null = $found.Add($recipient)
                }
            }
        }
    }
    $result = $found.ToArray()
    if ($null -ne $memoKey) {
        $script:Sim.FindMemo[$memoKey] = $result
    }
    return $result
}

function ConvertTo-SimIdentityText {
    # The text of an identity value: a string as it is, an object by its
    # Guid (or Identity).
    param($Value)
    if ($null -eq $Value) {
        return ''
    }
    if ($Value -is [string]) {
        return $Value
    }
    foreach ($name in @('Guid', 'Identity')) {
        $property = $Value.PSObject.Properties[$name]
        if ($null -ne $property -and [string]$property.Value -ne '') {
            return [string]$property.Value
        }
    }
    return [string]$Value
}

function Resolve-SimRecipient {
    # The one recipient a value names, or Exchange's "not found" or
    # "ambiguous" error.
    param($Value, [string]$Cmdlet = '', [string]$Parameter = '', [scriptblock]$Where)
    $found = @(Find-SimRecipients -Value $Value -Cmdlet $Cmdlet -Parameter $Parameter -Where $Where)
    $text = ConvertTo-SimIdentityText -Value $Value
    if ($found.Count -eq 0) {
        Stop-SimCall -Class 'notFound' -Identity $text
    }
    if ($found.Count -gt 1) {
        Stop-SimCall -Class 'ambiguous' -Identity $text
    }
    return $found[0]
}

function Find-SimNamed {
    # The configuration objects of a list whose name field (or Guid) is the
    # value, ignoring case.
    param($List, [Parameter(Mandatory = $true)] [string]$Field, $Value)
    $text = ConvertTo-SimIdentityText -Value $Value
    return @($List | Where-Object {
            [string]::Equals([string](Get-SimField -Record $_ -Name $Field), $text, [System.StringComparison]::OrdinalIgnoreCase) -or
            [string]::Equals([string](Get-SimField -Record $_ -Name '_guid'), $text, [System.StringComparison]::OrdinalIgnoreCase)
        })
}

function Resolve-SimNamed {
    # The one configuration object a value names, or Exchange's error.
    param($List, [Parameter(Mandatory = $true)] [string]$Field, $Value)
    $found = @(Find-SimNamed -List $List -Field $Field -Value $Value)
    if ($found.Count -eq 0) {
        Stop-SimCall -Class 'notFound' -Identity (ConvertTo-SimIdentityText -Value $Value)
    }
    if ($found.Count -gt 1) {
        Stop-SimCall -Class 'ambiguous' -Identity (ConvertTo-SimIdentityText -Value $Value)
    }
    return $found[0]
}
