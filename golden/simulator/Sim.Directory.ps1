# The directory: recipients, users, groups, mailboxes, remote mailboxes and
# mail users, all kept as the state file's recipients (behaviour table rows
# Get-Recipient, Get-User, Get-Group, Get-Mailbox, Set-Mailbox,
# Get-RemoteMailbox, Set-RemoteMailbox, Get-MailUser, Update-Recipient).

function Assert-SimHandled {
    # Refuses a parameter the simulator does not implement for a cmdlet: a
    # call the scenarios have not modelled fails loudly instead of passing.
    param([Parameter(Mandatory = $true)] [hashtable]$Call, [string[]]$Names = @())
    foreach ($key in $Call.Keys) {
        if ($Names -notcontains $key) {
            throw ('the simulator does not implement -' + $key + ' of ' + $script:Sim.CurrentCmdlet)
        }
    }
}

function Get-SimIdentity {
    # The Identity Exchange shows for a recipient: the canonical name
    # on-premises (contoso.com/Users/Name), the name online.
    param([Parameter(Mandatory = $true)] $Recipient)
    $identity = [string](Get-SimField -Record $Recipient -Name 'identity')
    if ($identity -ne '') {
        return $identity
    }
    return [string](Get-SimField -Record $Recipient -Name 'name')
}

function ConvertTo-SimRecipientObject {
    # A recipient as one of the directory cmdlets returns it.
    param([Parameter(Mandatory = $true)] $Recipient, [Parameter(Mandatory = $true)] [string]$Type)
    $properties = [ordered]@{
        Guid                 = [string]$Recipient.guid
        Identity             = Get-SimIdentity -Recipient $Recipient
        Name                 = [string](Get-SimField -Record $Recipient -Name 'name')
        DisplayName          = [string](Get-SimField -Record $Recipient -Name 'name')
        DistinguishedName    = [string](Get-SimField -Record $Recipient -Name 'distinguishedName')
        RecipientType        = Get-SimRecipientType -Recipient $Recipient
        RecipientTypeDetails = [string](Get-SimField -Record $Recipient -Name 'recipientTypeDetails')
    }
    if ($properties.RecipientTypeDetails -eq '') {
        $properties.RecipientTypeDetails = 'User'
    }
    if ($script:Sim.Kind -ne 'onPremises') {
        $properties.ExternalDirectoryObjectId = [string](Get-SimField -Record $Recipient -Name 'externalDirectoryObjectId')
    }
    if ($Type -ne 'User') {
        $properties.Alias = [string](Get-SimField -Record $Recipient -Name 'alias')
        $properties.PrimarySmtpAddress = [string](Get-SimField -Record $Recipient -Name 'primarySmtpAddress')
        $properties.EmailAddresses = @(Get-SimField -Record $Recipient -Name 'emailAddresses')
    }
    if (@('User', 'Mailbox', 'RemoteMailbox', 'MailUser') -contains $Type) {
        $properties.UserPrincipalName = [string](Get-SimField -Record $Recipient -Name 'userPrincipalName')
        $properties.SamAccountName = [string](Get-SimField -Record $Recipient -Name 'samAccountName')
        if ($script:Sim.Kind -eq 'onPremises') {
            $properties.Sid = [string](Get-SimField -Record $Recipient -Name 'sid')
        }
        else {
            $properties.WindowsLiveID = [string](Get-SimField -Record $Recipient -Name 'windowsLiveID')
        }
    }
    if ($Type -eq 'Recipient') {
        $lists = @()
        if ((Get-SimField -Record $Recipient -Name 'inAddressLists') -eq $true) {
            $lists = @('\Default Global Address List', '\All Groups')
        }
        $properties.AddressListMembership = $lists
        $properties.HiddenFromAddressListsEnabled = ((Get-SimField -Record $Recipient -Name 'hiddenFromAddressListsEnabled') -eq $true)
    }
    if ($Type -eq 'Mailbox') {
        $properties.GrantSendOnBehalfTo = @(foreach ($guid in @(Get-SimField -Record $Recipient -Name 'grantSendOnBehalfTo')) { if ([string]$guid -ne '') { Get-SimDelegateText -Guid ([string]$guid) } })
        $properties.RoleAssignmentPolicy = [string](Get-SimField -Record $Recipient -Name 'roleAssignmentPolicy')
    }
    if ($Type -eq 'RemoteMailbox' -or $Type -eq 'MailUser') {
        $properties.RecipientDisplayType = [string](Get-SimField -Record $Recipient -Name 'recipientDisplayType')
    }
    $types = @{ Recipient = 'Microsoft.Exchange.Data.Directory.Management.ReducedRecipient'; User = 'Microsoft.Exchange.Data.Directory.Management.User'; Group = 'Microsoft.Exchange.Data.Directory.Management.WindowsGroup'; Mailbox = 'Microsoft.Exchange.Data.Directory.Management.Mailbox'; RemoteMailbox = 'Microsoft.Exchange.Data.Directory.Management.RemoteMailbox'; MailUser = 'Microsoft.Exchange.Data.Directory.Management.MailUser' }
    return New-SimObject -Type $types[$Type] -Properties $properties
}

function Get-SimDelegateText {
    # A delegate of GrantSendOnBehalfTo as Exchange lists it: the delegate's
    # identity, or the stored value when it names no recipient.
    param([Parameter(Mandatory = $true)] [string]$Guid)
    Update-SimIndex
    $recipient = $null
    if ($script:Sim.ByGuid.TryGetValue($Guid, [ref]$recipient)) {
        if (Test-SimVariant -Name 'delegates' -Value 'distinguishedName') {
            return [string](Get-SimField -Record $recipient -Name 'distinguishedName')
        }
        if (Test-SimVariant -Name 'delegates' -Value 'name') {
            return [string](Get-SimField -Record $recipient -Name 'name')
        }
        return Get-SimIdentity -Recipient $recipient
    }
    return $Guid
}

# Which recipients each read returns.
$script:SimDirectoryReads = @{
    'Get-Recipient'  = @('Recipient', { [string](Get-SimField -Record $args[0] -Name 'recipientTypeDetails') -ne '' -and (Get-SimRecipientType -Recipient $args[0]) -ne 'Group' -or [string](Get-SimField -Record $args[0] -Name 'primarySmtpAddress') -ne '' })
    'Get-User'       = @('User', { @('User', 'UserMailbox', 'MailUser') -contains (Get-SimRecipientType -Recipient $args[0]) })
    'Get-Group'      = @('Group', { (Get-SimRecipientType -Recipient $args[0]) -match 'Group' -and [string](Get-SimField -Record $args[0] -Name 'recipientTypeDetails') -ne 'GroupMailbox' })
    'Get-Mailbox'    = @('Mailbox', { @('UserMailbox', 'SharedMailbox', 'RoomMailbox', 'EquipmentMailbox', 'DiscoveryMailbox') -contains [string](Get-SimField -Record $args[0] -Name 'recipientTypeDetails') })
    'Get-RemoteMailbox' = @('RemoteMailbox', { @('RemoteUserMailbox', 'RemoteSharedMailbox') -contains [string](Get-SimField -Record $args[0] -Name 'recipientTypeDetails') })
    'Get-MailUser'   = @('MailUser', { @('MailUser', 'GuestMailUser') -contains [string](Get-SimField -Record $args[0] -Name 'recipientTypeDetails') })
}

function Read-SimDirectory {
    # A directory read: every object of the kind, or the one -Identity names.
    param([Parameter(Mandatory = $true)] [hashtable]$Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'ResultSize')
    $cmdlet = $script:Sim.CurrentCmdlet
    $read = $script:SimDirectoryReads[$cmdlet]
    if ($Call.ContainsKey('Identity') -and $null -ne $Call.Identity) {
        $recipient = Resolve-SimRecipient -Value $Call.Identity -Cmdlet $cmdlet -Parameter 'Identity' -Where $read[1]
        return ConvertTo-SimRecipientObject -Recipient $recipient -Type $read[0]
    }
    foreach ($recipient in $script:Sim.Org.recipients) {
        if (& $read[1] $recipient) {
            ConvertTo-SimRecipientObject -Recipient $recipient -Type $read[0]
        }
    }
}

foreach ($name in @($script:SimDirectoryReads.Keys)) {
    $script:SimHandlers[$name] = { param($Call) Read-SimDirectory -Call $Call }
}

$script:SimHandlers['Set-Mailbox'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'RoleAssignmentPolicy', 'GrantSendOnBehalfTo')
    $mailbox = Resolve-SimRecipient -Value $Call.Identity -Cmdlet 'Set-Mailbox' -Parameter 'Identity' -Where $script:SimDirectoryReads['Get-Mailbox'][1]
    if ($Call.ContainsKey('RoleAssignmentPolicy')) {
        $policy = Resolve-SimNamed -List $script:Sim.Org.roleAssignmentPolicies -Field 'name' -Value $Call.RoleAssignmentPolicy
        $mailbox.roleAssignmentPolicy = [string]$policy.name
    }
    if ($Call.ContainsKey('GrantSendOnBehalfTo')) {
        $current = @(Get-SimField -Record $mailbox -Name 'grantSendOnBehalfTo')
        $resolve = { param($value) [string](Resolve-SimRecipient -Value $value -Cmdlet 'Set-Mailbox' -Parameter 'GrantSendOnBehalfTo').guid }
        $mailbox.grantSendOnBehalfTo = @(Set-SimMultiValued -Current $current -Value $Call.GrantSendOnBehalfTo -Resolve $resolve)
    }
}

$script:SimHandlers['Set-RemoteMailbox'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'ACLableSyncedObjectEnabled')
    $mailbox = Resolve-SimRecipient -Value $Call.Identity -Cmdlet 'Set-RemoteMailbox' -Parameter 'Identity' -Where $script:SimDirectoryReads['Get-RemoteMailbox'][1]
    if ($Call.ContainsKey('ACLableSyncedObjectEnabled') -and [bool]$Call.ACLableSyncedObjectEnabled) {
        $mailbox.recipientDisplayType = 'ACLableSyncedMailboxUser'
    }
}

$script:SimHandlers['Update-Recipient'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity')
    $recipient = Resolve-SimRecipient -Value $Call.Identity -Cmdlet 'Update-Recipient' -Parameter 'Identity'
    # Update-Recipient stamps the address lists a written-back group was
    # missing (behaviour table row Update-Recipient), none for a recipient
    # hidden from address lists: its AddressListMembership stays empty.
    if ((Get-SimField -Record $recipient -Name 'hiddenFromAddressListsEnabled') -ne $true) {
        $recipient.inAddressLists = $true
    }
}

function Set-SimMultiValued {
    # A multi-valued property after a parameter: an array replaces the list,
    # @{ Add = ...; Remove = ... } changes it item by item (behaviour table,
    # "multiValued"). Resolve turns a value into the stored form.
    param($Current, $Value, [scriptblock]$Resolve)
    if ($null -eq $Resolve) {
        $Resolve = { param($value) [string]$value }
    }
    $list = New-Object -TypeName 'System.Collections.Generic.List[string]'
    if ($Value -is [System.Collections.IDictionary]) {
        foreach ($entry in @($Current)) {
            $null = $list.Add([string]$entry)
        }
        foreach ($key in $Value.Keys) {
            foreach ($entry in @($Value[$key])) {
                $stored = & $Resolve $entry
                $existing = @($list | Where-Object { [string]::Equals($_, $stored, [System.StringComparison]::OrdinalIgnoreCase) })
                if ([string]$key -eq 'Add' -and $existing.Count -eq 0) {
                    $null = $list.Add($stored)
                }
                elseif ([string]$key -eq 'Remove') {
                    foreach ($found in $existing) {
                        $null = $list.Remove($found)
                    }
                }
                elseif (@('Add', 'Remove') -notcontains [string]$key) {
                    throw ('unknown multi-valued operation ' + [string]$key)
                }
            }
        }
        return $list.ToArray()
    }
    foreach ($entry in @($Value)) {
        if ($null -ne $entry) {
            $null = $list.Add((& $Resolve $entry))
        }
    }
    return $list.ToArray()
}
