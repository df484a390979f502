# Folder permissions (behaviour table rows Get-, Add-, Set- and
# Remove-MailboxFolderPermission): -Identity 'mailbox:\Folder', the mailbox
# part in any form the cmdlet accepts. Every folder also has its Default
# and Anonymous entries, which Exchange lists first. A mailbox names its
# default folders in its language (the folderLanguage variant): on a German
# mailbox 'x:\Kalender' is the calendar and 'x:\Calendar' does not exist.
# Entries are kept under the English name, so states read the same.

# The default folders by FolderType (Get-MailboxFolderStatistics
# -FolderScope): their names in English, German and French, as Outlook and
# Exchange create them.
$script:SimDefaultFolders = [ordered]@{
    # 'renamed': a mailbox whose calendar was renamed with a backslash in
    # its name (Inbox\Secret), which a path reads as Inbox's subfolder.
    Calendar     = @{ en = 'Calendar'; de = 'Kalender'; fr = 'Calendrier'; renamed = 'Inbox\Secret' }
    Contacts     = @{ en = 'Contacts'; de = 'Kontakte'; fr = 'Contacts' }
    Inbox        = @{ en = 'Inbox'; de = 'Posteingang'; fr = 'Boîte de réception' }
    Tasks        = @{ en = 'Tasks'; de = 'Aufgaben'; fr = 'Tâches' }
    Notes        = @{ en = 'Notes'; de = 'Notizen'; fr = 'Notes' }
    Journal      = @{ en = 'Journal'; de = 'Journal'; fr = 'Journal' }
    Drafts       = @{ en = 'Drafts'; de = 'Entwürfe'; fr = 'Brouillons' }
    SentItems    = @{ en = 'Sent Items'; de = 'Gesendete Elemente'; fr = 'Éléments envoyés' }
    DeletedItems = @{ en = 'Deleted Items'; de = 'Gelöschte Elemente'; fr = 'Éléments supprimés' }
    JunkEmail    = @{ en = 'Junk Email'; de = 'Junk-E-Mail'; fr = 'Courrier indésirable' }
    Outbox       = @{ en = 'Outbox'; de = 'Postausgang'; fr = "Boîte d'envoi" }
}

function Get-SimFolderLanguage {
    # The language of the mailboxes' default folder names.
    return [string]$script:Sim.Variant['folderLanguage']
}

function Resolve-SimFolder {
    # The mailbox and folder a folder identity names; Folder is the key the
    # entries are kept under (a default folder's English name). A default
    # folder named in another language than the mailbox's does not exist.
    param([Parameter(Mandatory = $true)] $Identity)
    $text = ConvertTo-SimIdentityText -Value $Identity
    $at = $text.IndexOf(':\')
    if ($at -lt 1) {
        Stop-SimCall -Class 'notFound' -Identity $text
    }
    $mailbox = Resolve-SimRecipient -Value $text.Substring(0, $at) -Cmdlet $script:Sim.CurrentCmdlet -Parameter 'Identity'
    $path = $text.Substring($at + 2)
    $top, $rest = $path, ''
    $slash = $path.IndexOf('\')
    if ($slash -ge 0) {
        $top, $rest = $path.Substring(0, $slash), $path.Substring($slash)
    }
    $language = Get-SimFolderLanguage
    if ($language -eq 'renamed') {
        $language = 'en' # every other folder keeps its English name
        if ([string]::Equals($path, 'Calendar', [System.StringComparison]::OrdinalIgnoreCase)) {
            Stop-SimCall -Class 'notFound' -Identity $text
        }
    }
    foreach ($names in $script:SimDefaultFolders.Values) {
        if ([string]::Equals($top, $names[$language], [System.StringComparison]::OrdinalIgnoreCase)) {
            return @{ Mailbox = $mailbox; Folder = $names['en'] + $rest; Text = $text }
        }
    }
    foreach ($names in $script:SimDefaultFolders.Values) {
        if ([string]::Equals($top, $names['en'], [System.StringComparison]::OrdinalIgnoreCase)) {
            Stop-SimCall -Class 'notFound' -Identity $text
        }
    }
    return @{ Mailbox = $mailbox; Folder = $path; Text = $text }
}

$script:SimHandlers['Get-MailboxFolderStatistics'] = {
    # The default folder of a type (-FolderScope), as Exchange lists it:
    # its name in the mailbox's language, FolderPath /<name>, FolderType.
    # (-FolderScope All and the folders' subfolders are not modelled.)
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'FolderScope')
    $mailbox = Resolve-SimRecipient -Value $Call.Identity -Cmdlet 'Get-MailboxFolderStatistics' -Parameter 'Identity'
    $scope = [string]$Call['FolderScope']
    if (-not $script:SimDefaultFolders.Contains($scope)) {
        throw ('the simulator does not implement -FolderScope ' + $scope + ' of Get-MailboxFolderStatistics')
    }
    $name = [string]$script:SimDefaultFolders[$scope][(Get-SimFolderLanguage)]
    if ($name -eq '') {
        $name = [string]$script:SimDefaultFolders[$scope]['en']
    }
    New-SimObject -Type 'Microsoft.Exchange.Management.Tasks.MailboxFolderConfiguration' -Properties ([ordered]@{
            Identity   = [string]$mailbox.name + '\' + $name
            Name       = $name
            FolderPath = '/' + $name.Replace('/', [string][char]0xF8FF)
            FolderType = $scope
            FolderId   = 'LgAAAAD' + $scope
        })
}

function ConvertTo-SimFolderAce {
    # A folder entry as Get-MailboxFolderPermission returns it: User is an
    # object with the user's display name, type and recipient.
    param([Parameter(Mandatory = $true)] [string]$Folder, [Parameter(Mandatory = $true)] $User, [Parameter(Mandatory = $true)] [string[]]$Rights)
    return New-SimObject -Type 'Microsoft.Exchange.Management.StoreTasks.MailboxFolderPermission' -Properties ([ordered]@{
            Identity = $Folder; FolderName = $Folder.Substring($Folder.IndexOf(':\') + 2); User = $User; AccessRights = @($Rights)
        })
}

function New-SimFolderUser {
    # The User of a folder entry: Default, Anonymous or a recipient.
    param([Parameter(Mandatory = $true)] [string]$Type, $Recipient)
    $properties = [ordered]@{ DisplayName = $Type; UserType = $Type }
    if ($null -ne $Recipient) {
        $properties.DisplayName = [string]$Recipient.name
        $properties.UserType = 'Internal'
        $nested = New-SimObject -Type 'Microsoft.Exchange.Data.Directory.Recipient.ADRecipient' -Properties ([ordered]@{ Guid = [string]$Recipient.guid; PrimarySmtpAddress = [string](Get-SimField -Record $Recipient -Name 'primarySmtpAddress') })
        if ($script:Sim.Kind -eq 'onPremises') {
            $properties.ADRecipient = $nested
        }
        else {
            $properties.RecipientPrincipal = $nested
        }
    }
    if (Test-SimVariant -Name 'folderUser' -Value 'displayName') {
        return $properties.DisplayName
    }
    $user = New-SimObject -Type 'Microsoft.Exchange.Management.StoreTasks.MailboxFolderUserId' -Properties $properties
    $user | Add-Member -MemberType ScriptMethod -Name ToString -Value { $this.DisplayName } -Force
    return $user
}

$script:SimHandlers['Get-MailboxFolderPermission'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'User')
    $target = Resolve-SimFolder -Identity $Call.Identity
    $trustee = $null
    if ($Call.ContainsKey('User')) {
        $trustee = Resolve-SimRecipient -Value $Call.User -Cmdlet 'Get-MailboxFolderPermission' -Parameter 'User'
    }
    $entries = @(Get-SimEntries -Mailbox $target.Mailbox -Access 'Folder' -Trustee $trustee -Folder $target.Folder)
    if ($null -ne $trustee) {
        if ($entries.Count -eq 0) {
            Stop-SimCall -Class 'notFound' -Identity ([string]$Call.User)
        }
    }
    else {
        ConvertTo-SimFolderAce -Folder $target.Text -User (New-SimFolderUser -Type 'Default') -Rights @('AvailabilityOnly')
        ConvertTo-SimFolderAce -Folder $target.Text -User (New-SimFolderUser -Type 'Anonymous') -Rights @('None')
    }
    foreach ($entry in $entries) {
        $recipient = $null
        Update-SimIndex
        $null = $script:Sim.ByGuid.TryGetValue([string](Get-SimField -Record $entry -Name 'trusteeGuid'), [ref]$recipient)
        if ($null -eq $recipient) {
            $recipient = @(Find-SimRecipients -Value ([string]$entry.trustee) -Cmdlet '' -Parameter '')[0]
        }
        ConvertTo-SimFolderAce -Folder $target.Text -User (New-SimFolderUser -Type 'Internal' -Recipient $recipient) -Rights @($entry.accessRights)
    }
}

$script:SimHandlers['Add-MailboxFolderPermission'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'User', 'AccessRights')
    $target = Resolve-SimFolder -Identity $Call.Identity
    $trustee = Resolve-SimRecipient -Value $Call.User -Cmdlet 'Add-MailboxFolderPermission' -Parameter 'User'
    if (@(Get-SimEntries -Mailbox $target.Mailbox -Access 'Folder' -Trustee $trustee -Folder $target.Folder).Count -gt 0) {
        throw ('An existing permission entry was found for user: ' + [string]$trustee.name + '.')
    }
    Add-SimEntry -Mailbox $target.Mailbox -Access 'Folder' -Trustee $trustee -Rights @($Call.AccessRights) -Folder $target.Folder
}

$script:SimHandlers['Set-MailboxFolderPermission'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'User', 'AccessRights')
    $target = Resolve-SimFolder -Identity $Call.Identity
    $trustee = Resolve-SimRecipient -Value $Call.User -Cmdlet 'Set-MailboxFolderPermission' -Parameter 'User'
    $entries = @(Get-SimEntries -Mailbox $target.Mailbox -Access 'Folder' -Trustee $trustee -Folder $target.Folder)
    if ($entries.Count -eq 0) {
        Stop-SimCall -Class 'notFound' -Identity ([string]$Call.User)
    }
    $entries[0].accessRights = @($Call.AccessRights)
}

$script:SimHandlers['Remove-MailboxFolderPermission'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'User')
    $target = Resolve-SimFolder -Identity $Call.Identity
    $trustee = Resolve-SimRecipient -Value $Call.User -Cmdlet 'Remove-MailboxFolderPermission' -Parameter 'User'
    if ((Remove-SimEntries -Mailbox $target.Mailbox -Access 'Folder' -Trustee $trustee -Folder $target.Folder) -eq 0) {
        Stop-SimCall -Class 'notFound' -Identity ([string]$Call.User)
    }
}
