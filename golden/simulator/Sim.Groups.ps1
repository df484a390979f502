# Microsoft 365 groups (Get-, New-, Set-UnifiedGroup, Get-, Add-,
# Remove-UnifiedGroupLinks) and mailbox message configuration (Get-, Set-
# MailboxMessageConfiguration). A group is both a state unifiedGroups entry
# and a GroupMailbox recipient with the same Guid; its Name is
# '<DisplayName>_<first eight hex digits of its Guid>' (behaviour table row
# Get-UnifiedGroup).

$script:SimGroupForms = { param($recipient) [string](Get-SimField -Record $recipient -Name 'recipientTypeDetails') -eq 'GroupMailbox' }

function Resolve-SimGroup {
    # The unifiedGroups entry a group identity names.
    param($Identity)
    $recipient = Resolve-SimRecipient -Value $Identity -Cmdlet $script:Sim.CurrentCmdlet -Parameter 'Identity' -Where $script:SimGroupForms
    # A group created in this run is not found by the next N lookups of it
    # (the state's groupReplicationReads: replication in Exchange Online).
    $unreplicated = $script:Sim['Unreplicated']
    if ($null -ne $unreplicated -and $unreplicated.ContainsKey([string]$recipient.guid) -and $unreplicated[[string]$recipient.guid] -gt 0) {
        $unreplicated[[string]$recipient.guid]--
        Stop-SimCall -Class 'notFound' -Identity ([string]$Identity)
    }
    foreach ($group in $script:Sim.Org.unifiedGroups) {
        if ([string]$group.guid -eq [string]$recipient.guid) {
            return $group
        }
    }
    throw ('simulator: the group recipient ' + [string]$recipient.guid + ' has no unifiedGroups entry')
}

function ConvertTo-SimGroupObject {
    param([Parameter(Mandatory = $true)] $Group)
    return New-SimObject -Type 'Microsoft.Exchange.Data.Directory.Management.UnifiedGroup' -Properties ([ordered]@{
            Guid = [string]$Group.guid; ExternalDirectoryObjectId = [string]$Group.guid; Identity = [string]$Group.name; Name = [string]$Group.name
            DisplayName = [string](Get-SimField -Record $Group -Name 'displayName'); Alias = [string](Get-SimField -Record $Group -Name 'alias')
            PrimarySmtpAddress = [string]$Group.primarySmtpAddress; EmailAddresses = @(Get-SimField -Record $Group -Name 'emailAddresses')
            AccessType = [string](Get-SimField -Record $Group -Name 'accessType'); RequireSenderAuthenticationEnabled = [bool](Get-SimField -Record $Group -Name 'requireSenderAuthenticationEnabled')
            RecipientType = 'MailUniversalDistributionGroup'; RecipientTypeDetails = 'GroupMailbox'
        })
}

function Sync-SimGroupRecipient {
    # Writes a group's addresses and names onto its recipient.
    param([Parameter(Mandatory = $true)] $Group)
    Update-SimIndex
    $recipient = $null
    if (-not $script:Sim.ByGuid.TryGetValue([string]$Group.guid, [ref]$recipient)) {
        $recipient = [ordered]@{ guid = [string]$Group.guid; recipientTypeDetails = 'GroupMailbox' }
        $null = $script:Sim.Org.recipients.Add($recipient)
    }
    $recipient.externalDirectoryObjectId = [string]$Group.guid
    $recipient.name = [string]$Group.name
    $recipient.identity = [string]$Group.name
    $recipient.alias = [string](Get-SimField -Record $Group -Name 'alias')
    $recipient.primarySmtpAddress = [string]$Group.primarySmtpAddress
    $recipient.emailAddresses = @(Get-SimField -Record $Group -Name 'emailAddresses')
    $script:Sim.IndexDirty = $true
}

$script:SimHandlers['Get-UnifiedGroup'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'ResultSize')
    if ($Call.ContainsKey('Identity')) {
        return ConvertTo-SimGroupObject -Group (Resolve-SimGroup -Identity $Call.Identity)
    }
    foreach ($group in $script:Sim.Org.unifiedGroups) {
        ConvertTo-SimGroupObject -Group $group
    }
}

$script:SimHandlers['New-UnifiedGroup'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('DisplayName', 'Alias', 'PrimarySmtpAddress', 'AccessType', 'RequireSenderAuthenticationEnabled')
    $address = [string]$Call.PrimarySmtpAddress
    if (@(Find-SimRecipients -Value $address -Cmdlet 'Get-Recipient' -Parameter 'Identity').Count -gt 0) {
        throw ('The proxy address "SMTP:' + $address + '" is already being used by the proxy addresses or LegacyExchangeDN.')
    }
    $guid = New-SimGuid -Seed ('group|' + $address)
    $group = [ordered]@{
        guid = $guid; name = [string]$Call.DisplayName + '_' + $guid.Substring(0, 8); displayName = [string]$Call.DisplayName; alias = [string]$Call.Alias
        primarySmtpAddress = $address
        # Exchange also stamps <alias>@<tenant>.onmicrosoft.com (behaviour
        # table row New-UnifiedGroup, property EmailAddresses).
        emailAddresses = @(('SMTP:' + $address), ('smtp:' + [string]$Call.Alias + '@' + [string]$script:Sim.Org.organization))
        accessType = 'Public'; requireSenderAuthenticationEnabled = $true
        members = @(); owners = @(); subscribers = @()
    }
    # Without -Owner the account that creates the group becomes its owner
    # and member (MicrosoftDocs/office-docs-powershell#3943).
    Update-SimIndex
    $creator = @(Find-SimRecipients -Value $script:Sim.RunningAccount -Cmdlet '' -Parameter '')
    if ($creator.Count -eq 1) {
        $group.owners = @([string]$creator[0].guid)
        $group.members = @([string]$creator[0].guid)
    }
    Set-SimProperties -Record $group -Call $Call -Skip @('DisplayName', 'Alias', 'PrimarySmtpAddress')
    $null = $script:Sim.Org.unifiedGroups.Add($group)
    Sync-SimGroupRecipient -Group $group
    if ($script:Sim.Org.Contains('groupReplicationReads') -and [int]$script:Sim.Org['groupReplicationReads'] -gt 0) {
        if ($null -eq $script:Sim['Unreplicated']) {
            $script:Sim['Unreplicated'] = @{}
        }
        $script:Sim['Unreplicated'][$guid] = [int]$script:Sim.Org['groupReplicationReads']
    }
    ConvertTo-SimGroupObject -Group $group
}

$script:SimHandlers['Set-UnifiedGroup'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'DisplayName', 'AccessType', 'RequireSenderAuthenticationEnabled', 'EmailAddresses', 'PrimarySmtpAddress')
    $group = Resolve-SimGroup -Identity $Call.Identity
    Set-SimProperties -Record $group -Call $Call -Skip @('Identity', 'PrimarySmtpAddress') -Multi @('EmailAddresses')
    if ($Call.ContainsKey('PrimarySmtpAddress')) {
        # Exchange makes the address primary (SMTP:) and keeps the old
        # primary as a secondary one (smtp:); an address another recipient
        # holds is refused.
        $address = [string]$Call.PrimarySmtpAddress
        Update-SimIndex
        foreach ($other in @(Find-SimRecipients -Value $address -Cmdlet 'Get-Recipient' -Parameter 'Identity')) {
            if ([string]$other.guid -ne [string]$group.guid) {
                throw ('The proxy address "SMTP:' + $address + '" is already being used by the proxy addresses or LegacyExchangeDN.')
            }
        }
        $kept = @(@(Get-SimField -Record $group -Name 'emailAddresses') | Where-Object { -not ([string]$_).Substring(5).Equals($address, [System.StringComparison]::OrdinalIgnoreCase) } | ForEach-Object { 'smtp:' + ([string]$_).Substring(5) })
        $group.emailAddresses = @(@('SMTP:' + $address) + $kept)
        $group.primarySmtpAddress = $address
    }
    Sync-SimGroupRecipient -Group $group
}

$script:SimLinkFields = @{ Members = 'members'; Owners = 'owners'; Subscribers = 'subscribers' }

$script:SimHandlers['Get-UnifiedGroupLinks'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'LinkType', 'ResultSize')
    $group = Resolve-SimGroup -Identity $Call.Identity
    Update-SimIndex
    foreach ($guid in @(Get-SimField -Record $group -Name $script:SimLinkFields[[string]$Call.LinkType])) {
        $recipient = $null
        if ($script:Sim.ByGuid.TryGetValue([string]$guid, [ref]$recipient)) {
            ConvertTo-SimRecipientObject -Recipient $recipient -Type 'Recipient'
        }
    }
}

function Update-SimGroupLinks {
    param([Parameter(Mandatory = $true)] [hashtable]$Call, [switch]$Remove)
    Assert-SimHandled -Call $Call -Names @('Identity', 'LinkType', 'Links')
    $group = Resolve-SimGroup -Identity $Call.Identity
    $field = $script:SimLinkFields[[string]$Call.LinkType]
    $links = @(foreach ($link in @($Call.Links)) { [string](Resolve-SimRecipient -Value $link -Cmdlet $script:Sim.CurrentCmdlet -Parameter 'Links').guid })
    $current = @(Get-SimField -Record $group -Name $field)
    if ($Remove) {
        if ($field -eq 'members') {
            foreach ($guid in $links) {
                if (@($group.owners) -contains $guid) {
                    Stop-SimRefusal -Message 'Only Members who are not owners can be removed from Members list. Please remove from Owners list first.'
                }
            }
        }
        $left = @($current | Where-Object { $links -notcontains $_ })
        if ($field -eq 'owners' -and $left.Count -eq 0 -and $current.Count -gt 0) {
            # Exchange Online keeps at least one owner
            # (MicrosoftDocs/office-docs-powershell#9674).
            Stop-SimRefusal -Message 'You can''t remove the owner from this group because the person you''re removing is currently the only owner.'
        }
        $group[$field] = $left
        return
    }
    if ($field -eq 'owners') {
        foreach ($guid in $links) {
            if (@($group.members) -notcontains $guid) {
                Stop-SimRefusal -Message ('Only Members can be added as Owners. Please add ' + $guid + ' as a member first.')
            }
        }
    }
    $group[$field] = @($current + @($links | Where-Object { $current -notcontains $_ }))
}

$script:SimHandlers['Add-UnifiedGroupLinks'] = { param($Call) Update-SimGroupLinks -Call $Call }
$script:SimHandlers['Remove-UnifiedGroupLinks'] = { param($Call) Update-SimGroupLinks -Call $Call -Remove }

function Get-SimMessageConfiguration {
    param([Parameter(Mandatory = $true)] $Recipient)
    foreach ($configuration in $script:Sim.Org.messageConfigurations) {
        if ([string]$configuration.recipient -eq [string]$Recipient.guid) {
            return $configuration
        }
    }
    $configuration = [ordered]@{ recipient = [string]$Recipient.guid; echoGroupMessageBackToSubscribedSender = $false }
    $null = $script:Sim.Org.messageConfigurations.Add($configuration)
    return $configuration
}

$script:SimHandlers['Get-MailboxMessageConfiguration'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity')
    $recipient = Resolve-SimRecipient -Value $Call.Identity -Cmdlet 'Get-MailboxMessageConfiguration' -Parameter 'Identity'
    if ((Test-SimVariant -Name 'mailUserMessageConfiguration' -Value 'refused') -and [string](Get-SimField -Record $recipient -Name 'recipientTypeDetails') -eq 'MailUser') {
        Stop-SimRefusal -Message ('The operation couldn''t be performed because ''' + [string](Get-SimField -Record $recipient -Name 'name') + ''' isn''t a mailbox.')
    }
    $configuration = Get-SimMessageConfiguration -Recipient $recipient
    New-SimObject -Type 'Microsoft.Exchange.Data.Storage.Management.MailboxMessageConfiguration' -Properties ([ordered]@{
            Identity = Get-SimIdentity -Recipient $recipient; EchoGroupMessageBackToSubscribedSender = [bool]$configuration.echoGroupMessageBackToSubscribedSender
        })
}

$script:SimHandlers['Set-MailboxMessageConfiguration'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'EchoGroupMessageBackToSubscribedSender')
    $recipient = Resolve-SimRecipient -Value $Call.Identity -Cmdlet 'Set-MailboxMessageConfiguration' -Parameter 'Identity'
    Set-SimProperties -Record (Get-SimMessageConfiguration -Recipient $recipient) -Call $Call -Skip @('Identity')
}
