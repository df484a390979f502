# Delegated permissions: Full Access (Get/Add/Remove-MailboxPermission,
# Get-EXOMailboxPermission), Send As on-premises (Get/Add/Remove-
# ADPermission) and online (Get/Add/Remove-RecipientPermission), and folder
# permissions (Get/Add/Set/Remove-MailboxFolderPermission), kept as the
# state file's permission entries and indexed by mailbox.

function Get-SimPermissions {
    # The permission entries of a mailbox (its Guid), as a live list.
    param([Parameter(Mandatory = $true)] [string]$Mailbox)
    if ($null -eq $script:Sim.Permissions) {
        $script:Sim.Permissions = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
        foreach ($entry in $script:Sim.Org.permissions) {
            $key = [string]$entry.mailbox
            if (-not $script:Sim.Permissions.ContainsKey($key)) {
                $script:Sim.Permissions[$key] = New-Object -TypeName 'System.Collections.ArrayList'
            }
            $null = $script:Sim.Permissions[$key].Add($entry)
        }
    }
    if (-not $script:Sim.Permissions.ContainsKey($Mailbox)) {
        $script:Sim.Permissions[$Mailbox] = New-Object -TypeName 'System.Collections.ArrayList'
    }
    return , $script:Sim.Permissions[$Mailbox]
}

function Get-SimTrusteeText {
    # How Exchange names a trustee in a permission entry: DOMAIN\account
    # on-premises, the user principal name online.
    param([Parameter(Mandatory = $true)] $Recipient)
    if ($script:Sim.Kind -eq 'onPremises') {
        $sam = [string](Get-SimField -Record $Recipient -Name 'samAccountName')
        if ($sam -ne '') {
            return (Get-SimNetbios) + '\' + $sam
        }
        return [string]$Recipient.name
    }
    foreach ($field in @('userPrincipalName', 'windowsLiveID', 'primarySmtpAddress', 'name')) {
        $value = [string](Get-SimField -Record $Recipient -Name $field)
        if ($value -ne '') {
            return $value
        }
    }
    return [string]$Recipient.guid
}

function Test-SimTrustee {
    # Whether a permission entry's trustee is a recipient.
    param([Parameter(Mandatory = $true)] $Entry, [Parameter(Mandatory = $true)] $Recipient)
    if ([string](Get-SimField -Record $Entry -Name 'trusteeGuid') -eq [string]$Recipient.guid) {
        return $true
    }
    $found = @(Find-SimRecipients -Value ([string]$Entry.trustee) -Cmdlet '' -Parameter '')
    return $found.Count -eq 1 -and $found[0] -eq $Recipient
}

function Get-SimEntries {
    # A mailbox's entries of one access, optionally only a trustee's.
    # Test-SimTrustee is inlined, each entry's trustee text resolved once
    # per index: a shared mailbox holds thousands of entries, and each grant
    # looks through them.
    param([Parameter(Mandatory = $true)] $Mailbox, [Parameter(Mandatory = $true)] [string]$Access, $Trustee, [string]$Folder = '')
    $guid = ''
    if ($null -ne $Trustee) {
        $guid = [string]$Trustee.guid
        Update-SimIndex
    }
    foreach ($entry in (Get-SimPermissions -Mailbox ([string]$Mailbox.guid))) {
        if ($entry.access -ne $Access -or ($Folder -ne '' -and -not [string]::Equals([string]$entry['folder'], $Folder, [System.StringComparison]::OrdinalIgnoreCase))) {
            continue
        }
        if ($null -eq $Trustee -or [string]$entry['trusteeGuid'] -eq $guid) {
            $entry
            continue
        }
        $text = [string]$entry.trustee
        $named = $null
        if (-not $script:Sim.TrusteeOf.TryGetValue($text, [ref]$named)) {
            $found = @(Find-SimRecipients -Value $text -Cmdlet '' -Parameter '')
            $named = $false
            if ($found.Count -eq 1) {
                $named = $found[0]
            }
            $script:Sim.TrusteeOf[$text] = $named
        }
        if ($named -isnot [bool] -and $named -eq $Trustee) {
            $entry
        }
    }
}

function Add-SimEntry {
    # Grants: adds an entry unless an equal explicit one exists.
    param([Parameter(Mandatory = $true)] $Mailbox, [Parameter(Mandatory = $true)] [string]$Access, [Parameter(Mandatory = $true)] $Trustee, [Parameter(Mandatory = $true)] [string[]]$Rights, [string]$Folder = '')
    foreach ($entry in @(Get-SimEntries -Mailbox $Mailbox -Access $Access -Trustee $Trustee -Folder $Folder)) {
        if ((Get-SimField -Record $entry -Name 'isInherited') -ne $true -and (Get-SimField -Record $entry -Name 'deny') -ne $true) {
            $entry.accessRights = @($Rights)
            return
        }
    }
    $entry = [ordered]@{ access = $Access; mailbox = [string]$Mailbox.guid; trustee = Get-SimTrusteeText -Recipient $Trustee; trusteeGuid = [string]$Trustee.guid; accessRights = @($Rights) }
    if ($Folder -ne '') {
        $entry.folder = $Folder
    }
    $null = $script:Sim.Org.permissions.Add($entry)
    $null = (Get-SimPermissions -Mailbox ([string]$Mailbox.guid)).Add($entry)
}

function Remove-SimEntries {
    # Revokes: removes a trustee's explicit entries of one access; returns
    # how many.
    param([Parameter(Mandatory = $true)] $Mailbox, [Parameter(Mandatory = $true)] [string]$Access, [Parameter(Mandatory = $true)] $Trustee, [string]$Folder = '')
    $removed = 0
    foreach ($entry in @(Get-SimEntries -Mailbox $Mailbox -Access $Access -Trustee $Trustee -Folder $Folder)) {
        if ((Get-SimField -Record $entry -Name 'isInherited') -ne $true) {
            $null = $script:Sim.Org.permissions.Remove($entry)
            $null = (Get-SimPermissions -Mailbox ([string]$Mailbox.guid)).Remove($entry)
            $removed++
        }
    }
    return $removed
}

function ConvertTo-SimAceObject {
    # A permission entry as Get-MailboxPermission, Get-ADPermission or
    # Get-RecipientPermission returns it.
    param([Parameter(Mandatory = $true)] $Entry, [Parameter(Mandatory = $true)] $Mailbox, [Parameter(Mandatory = $true)] [string]$Shape)
    $inherited = (Get-SimField -Record $Entry -Name 'isInherited') -eq $true
    $deny = (Get-SimField -Record $Entry -Name 'deny') -eq $true
    switch ($Shape) {
        'Mailbox' {
            return New-SimObject -Type 'Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject' -Properties ([ordered]@{
                    Identity = Get-SimIdentity -Recipient $Mailbox; User = [string]$Entry.trustee; AccessRights = @($Entry.accessRights)
                    Deny = $deny; IsInherited = $inherited; InheritanceType = 'All'
                })
        }
        'AD' {
            return New-SimObject -Type 'Microsoft.Exchange.Management.RecipientTasks.ADAcePresentationObject' -Properties ([ordered]@{
                    Identity = [string]$Mailbox.distinguishedName; User = [string]$Entry.trustee; AccessRights = @('ExtendedRight')
                    ExtendedRights = @('Send-As'); Deny = $deny; IsInherited = $inherited; InheritanceType = 'All'
                })
        }
        'Recipient' {
            $type = 'Allow'
            if ($deny) {
                $type = 'Deny'
            }
            return New-SimObject -Type 'Microsoft.Exchange.Management.RecipientTasks.RecipientPermission' -Properties ([ordered]@{
                    Identity = Get-SimIdentity -Recipient $Mailbox; Trustee = [string]$Entry.trustee; AccessRights = @('SendAs')
                    AccessControlType = $type; IsInherited = $inherited; InheritanceType = 'None'
                })
        }
    }
}

function Read-SimAces {
    # Get-MailboxPermission, Get-ADPermission, Get-RecipientPermission and
    # Get-EXOMailboxPermission: one mailbox's entries (-Identity), optionally
    # a trustee's (-User/-Trustee), or every mailbox's.
    param([Parameter(Mandatory = $true)] [hashtable]$Call, [Parameter(Mandatory = $true)] [string]$Access, [Parameter(Mandatory = $true)] [string]$Shape, [Parameter(Mandatory = $true)] [string]$UserParameter)
    $cmdlet = $script:Sim.CurrentCmdlet
    $trustee = $null
    if ($Call.ContainsKey($UserParameter)) {
        $trustee = Resolve-SimRecipient -Value $Call[$UserParameter] -Cmdlet $cmdlet -Parameter $UserParameter
    }
    $mailboxes = @()
    if ($Call.ContainsKey('Identity') -and $null -ne $Call.Identity) {
        $mailboxes = @(Resolve-SimRecipient -Value $Call.Identity -Cmdlet $cmdlet -Parameter 'Identity')
    }
    else {
        $mailboxes = @($script:Sim.Org.recipients | Where-Object { (Get-SimRecipientType -Recipient $_) -eq 'UserMailbox' -or ($Shape -ne 'Mailbox' -and [string](Get-SimField -Record $_ -Name 'recipientTypeDetails') -ne '') })
    }
    foreach ($mailbox in $mailboxes) {
        foreach ($entry in @(Get-SimEntries -Mailbox $mailbox -Access $Access -Trustee $trustee)) {
            ConvertTo-SimAceObject -Entry $entry -Mailbox $mailbox -Shape $Shape
        }
    }
}

$script:SimHandlers['Get-MailboxPermission'] = { param($Call) Assert-SimHandled -Call $Call -Names @('Identity', 'User'); Read-SimAces -Call $Call -Access 'FullAccess' -Shape 'Mailbox' -UserParameter 'User' }
$script:SimHandlers['Get-EXOMailboxPermission'] = { param($Call) Assert-SimHandled -Call $Call -Names @('Identity', 'User', 'ResultSize'); Read-SimAces -Call $Call -Access 'FullAccess' -Shape 'Mailbox' -UserParameter 'User' }
$script:SimHandlers['Get-ADPermission'] = { param($Call) Assert-SimHandled -Call $Call -Names @('Identity', 'User'); Read-SimAces -Call $Call -Access 'SendAs' -Shape 'AD' -UserParameter 'User' }
$script:SimHandlers['Get-RecipientPermission'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'Trustee', 'AccessRights', 'ResultSize')
    Read-SimAces -Call $Call -Access 'SendAs' -Shape 'Recipient' -UserParameter 'Trustee'
}

function Invoke-SimGrant {
    # Add-/Remove- of a mailbox, AD or recipient permission.
    param([Parameter(Mandatory = $true)] [hashtable]$Call, [Parameter(Mandatory = $true)] [string]$Access, [Parameter(Mandatory = $true)] [string]$UserParameter, [Parameter(Mandatory = $true)] [string[]]$Rights, [switch]$Remove)
    $cmdlet = $script:Sim.CurrentCmdlet
    $mailbox = Resolve-SimRecipient -Value $Call.Identity -Cmdlet $cmdlet -Parameter 'Identity'
    $trustee = Resolve-SimRecipient -Value $Call[$UserParameter] -Cmdlet $cmdlet -Parameter $UserParameter
    if ($Remove) {
        $null = Remove-SimEntries -Mailbox $mailbox -Access $Access -Trustee $trustee
        return
    }
    Add-SimEntry -Mailbox $mailbox -Access $Access -Trustee $trustee -Rights $Rights
}

$script:SimHandlers['Add-MailboxPermission'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'User', 'AccessRights', 'AutoMapping')
    if (@($Call.AccessRights) -notcontains 'FullAccess') {
        throw 'the simulator implements only -AccessRights FullAccess'
    }
    Invoke-SimGrant -Call $Call -Access 'FullAccess' -UserParameter 'User' -Rights @('FullAccess')
}
$script:SimHandlers['Remove-MailboxPermission'] = { param($Call) Assert-SimHandled -Call $Call -Names @('Identity', 'User', 'AccessRights', 'InheritanceType'); Invoke-SimGrant -Call $Call -Access 'FullAccess' -UserParameter 'User' -Rights @('FullAccess') -Remove }
$script:SimHandlers['Add-ADPermission'] = { param($Call) Assert-SimHandled -Call $Call -Names @('Identity', 'User', 'AccessRights', 'ExtendedRights'); Invoke-SimGrant -Call $Call -Access 'SendAs' -UserParameter 'User' -Rights @('ExtendedRight') }
$script:SimHandlers['Remove-ADPermission'] = { param($Call) Assert-SimHandled -Call $Call -Names @('Identity', 'User', 'AccessRights', 'ExtendedRights'); Invoke-SimGrant -Call $Call -Access 'SendAs' -UserParameter 'User' -Rights @('ExtendedRight') -Remove }
$script:SimHandlers['Add-RecipientPermission'] = { param($Call) Assert-SimHandled -Call $Call -Names @('Identity', 'Trustee', 'AccessRights'); Invoke-SimGrant -Call $Call -Access 'SendAs' -UserParameter 'Trustee' -Rights @('SendAs') }
$script:SimHandlers['Remove-RecipientPermission'] = { param($Call) Assert-SimHandled -Call $Call -Names @('Identity', 'Trustee', 'AccessRights'); Invoke-SimGrant -Call $Call -Access 'SendAs' -UserParameter 'Trustee' -Rights @('SendAs') -Remove }
