#@ run engine-directory: head Add-HybridcIndexKey Add-HybridcDirectoryObject Read-HybridcDirectoryType Initialize-HybridcDirectory Read-HybridcInChunks Find-HybridcAceUser ConvertTo-HybridcAccountSid Find-HybridcPrincipal Resolve-HybridcPrincipal Get-HybridcRecordValue Get-HybridcRecordKey Test-HybridcSamePrincipal Get-HybridcPrincipalGuids
#@ run engine-directory#2: head Add-HybridcIndexKey Add-HybridcDirectoryObject Read-HybridcDirectoryType Initialize-HybridcDirectory Read-HybridcInChunks Find-HybridcAceUser ConvertTo-HybridcAccountSid Find-HybridcPrincipal Resolve-HybridcPrincipal Get-HybridcRecordValue Get-HybridcRecordKey Test-HybridcSamePrincipal Get-HybridcPrincipalGuids#2 Resolve-HybridcFolder
#@ piece head
# ---------------------------------------------------------------------------
# The directory: recipients, users and groups, each read once in bulk and
# indexed by every stable form of identity (Guid, ExternalDirectoryObjectId,
# distinguished name, identity, primary and secondary SMTP addresses, user
# principal name, alias, name, SAM account name, SID) - never by display
# name, which is not unique. A declared name resolves to exactly one object,
# or the resource fails: an unknown or ambiguous name is never "missing".
# Ordinal keys, ignoring case: a culture comparison would let names that
# differ by invisible characters share a key.
$script:HybridcIndex = New-Object -TypeName 'System.Collections.Hashtable' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
$script:HybridcObjects = New-HybridcNameTable
$script:HybridcLoaded = @{}

#@ piece Add-HybridcIndexKey
function Add-HybridcIndexKey {
    # Indexes one form of identity of an object; a form shared by two
    # objects is remembered as ambiguous.
    param([string]$Key, [Parameter(Mandatory = $true)] [string]$Guid)
    if ($null -eq $Key -or $Key -eq '') {
        return
    }
    $existing = $script:HybridcIndex[$Key]
    if ($null -eq $existing) {
        $script:HybridcIndex[$Key] = $Guid
    }
    elseif ($existing -ne $Guid) {
        $script:HybridcIndex[$Key] = '*ambiguous*'
    }
}

#@ piece Add-HybridcDirectoryObject
function Add-HybridcDirectoryObject {
    # Adds an object Exchange returned to the directory, merging what
    # several reads return about the same object.
    param([Parameter(Mandatory = $true)] $Object, [Parameter(Mandatory = $true)] [string]$Type)
    $guid = [string](Get-HybridcValue -Object $Object -Name 'Guid')
    if ($guid -eq '') {
        return
    }
    $record = $script:HybridcObjects[$guid]
    if ($null -eq $record) {
        $record = @{ Guid = $guid; Types = @(); Object = $Object }
        $script:HybridcObjects[$guid] = $record
    }
    $record.Types += $Type
    $record[$Type] = $Object
    # The kind of recipient, kept beside the identity forms but never
    # indexed (every mailbox shares 'UserMailbox'); a mailbox read wins.
    foreach ($name in @('RecipientType', 'RecipientTypeDetails')) {
        $value = [string](Get-HybridcValue -Object $Object -Name $name)
        if ($value -ne '' -and (-not $record.ContainsKey($name) -or $Type -eq 'mailbox')) {
            $record[$name] = $value
        }
    }
    foreach ($name in @('Guid', 'ExternalDirectoryObjectId', 'DistinguishedName', 'Identity', 'PrimarySmtpAddress', 'UserPrincipalName', 'WindowsLiveID', 'Alias', 'Name', 'SamAccountName', 'Sid')) {
        $value = Get-HybridcValue -Object $Object -Name $name
        if ($null -ne $value) {
            $text = [string]$value
            if ($text -ne '' -and -not $record.ContainsKey($name)) {
                $record[$name] = $text
            }
            Add-HybridcIndexKey -Key $text -Guid $guid
        }
    }
    foreach ($address in @(Get-HybridcValue -Object $Object -Name 'EmailAddresses')) {
        $text = [string]$address
        if ($text -like 'smtp:*') {
            Add-HybridcIndexKey -Key $text.Substring(5) -Guid $guid
        }
    }
}

# The properties kept of each object read: the identity forms, and what the
# steps compare. Select-Object drops the rest as the objects stream in, so
# that a large directory fits in memory.
$script:HybridcIdentityForms = @('Guid', 'ExternalDirectoryObjectId', 'DistinguishedName', 'Identity', 'PrimarySmtpAddress', 'EmailAddresses', 'UserPrincipalName', 'WindowsLiveID', 'Alias', 'Name', 'SamAccountName', 'Sid', 'RecipientType', 'RecipientTypeDetails', 'RecipientDisplayType')

# The declared names the script reads one by one instead of the whole
# directory (a small configuration, issue 16), or $null: the data lists
# them when the compiler chose so (model.DirectoryNames).
$script:HybridcDirectoryNames = $null
$hybridcDesiredVariable = Get-Variable -Name 'HybridcDesired' -Scope 'Script' -ErrorAction SilentlyContinue
if ($null -ne $hybridcDesiredVariable -and $hybridcDesiredVariable.Value -is [System.Collections.IDictionary] -and $hybridcDesiredVariable.Value.Contains('DirectoryNames')) {
    $script:HybridcDirectoryNames = @($hybridcDesiredVariable.Value['DirectoryNames'])
}

#@ piece Read-HybridcDirectoryType
function Read-HybridcDirectoryType {
    # Reads one kind of directory object: every object in one call (Bulk),
    # or each declared name with -Identity (Single, with $Name). A name
    # Exchange does not find is left out, as the bulk read leaves it out;
    # a name that matches several objects is remembered as ambiguous, as
    # the bulk read indexes it; every other failure fails the read.
    param([Parameter(Mandatory = $true)] [string]$Type, [Parameter(Mandatory = $true)] [scriptblock]$Bulk, [Parameter(Mandatory = $true)] [scriptblock]$Single)
    if ($null -eq $script:HybridcDirectoryNames) {
        foreach ($object in @(Invoke-HybridcCall -Call $Bulk)) {
            Add-HybridcDirectoryObject -Object $object -Type $Type
        }
        return
    }
    foreach ($Name in $script:HybridcDirectoryNames) {
        try {
            foreach ($object in @(Invoke-HybridcCall -AllowNotFound -Call $Single)) {
                Add-HybridcDirectoryObject -Object $object -Type $Type
            }
        }
        catch {
            if ([string]$_.Exception.Data['HybridcErrorKind'] -ne 'ambiguous') {
                throw
            }
            $script:HybridcIndex[[string]$Name] = '*ambiguous*'
        }
    }
}

#@ piece Initialize-HybridcDirectory
function Initialize-HybridcDirectory {
    # Reads the kinds of directory objects the steps need, each once.
    param([switch]$Recipients, [switch]$Users, [switch]$Groups, [switch]$Mailboxes)
    $forms = $script:HybridcIdentityForms
    if ($Recipients -and -not $script:HybridcLoaded.ContainsKey('recipient')) {
        $keep = $forms + @('AddressListMembership', 'HiddenFromAddressListsEnabled')
        Read-HybridcDirectoryType -Type 'recipient' -Bulk { Get-Recipient -ResultSize Unlimited -ErrorAction Stop | Select-Object -Property $keep } -Single { Get-Recipient -Identity $Name -ErrorAction Stop | Select-Object -Property $keep }
        $script:HybridcLoaded['recipient'] = $true
    }
    if ($Users -and -not $script:HybridcLoaded.ContainsKey('user')) {
        Read-HybridcDirectoryType -Type 'user' -Bulk { Get-User -ResultSize Unlimited -ErrorAction Stop | Select-Object -Property $forms } -Single { Get-User -Identity $Name -ErrorAction Stop | Select-Object -Property $forms }
        $script:HybridcLoaded['user'] = $true
    }
    if ($Groups -and -not $script:HybridcLoaded.ContainsKey('group')) {
        Read-HybridcDirectoryType -Type 'group' -Bulk { Get-Group -ResultSize Unlimited -ErrorAction Stop | Select-Object -Property $forms } -Single { Get-Group -Identity $Name -ErrorAction Stop | Select-Object -Property $forms }
        $script:HybridcLoaded['group'] = $true
    }
    if ($Mailboxes -and -not $script:HybridcLoaded.ContainsKey('mailbox')) {
        $keep = $forms + @('GrantSendOnBehalfTo', 'RoleAssignmentPolicy')
        Read-HybridcDirectoryType -Type 'mailbox' -Bulk { Get-Mailbox -ResultSize Unlimited -ErrorAction Stop | Select-Object -Property $keep } -Single { Get-Mailbox -Identity $Name -ErrorAction Stop | Select-Object -Property $keep }
        $script:HybridcLoaded['mailbox'] = $true
    }
}

#@ piece Read-HybridcInChunks
function Read-HybridcInChunks {
    # Reads the entries of many objects in calls of at most 500 objects each
    # (Read gets them as $Chunk, on its pipeline): one call's output is
    # streamed by the remote session, and a failure costs one chunk, not the
    # whole read. A chunk whose call fails is read one object at a time
    # (Single, with $Key), so that an object Exchange refuses fails alone;
    # Failed receives such objects with the message. Returns the entries.
    param([string[]]$Keys = @(), [Parameter(Mandatory = $true)] [scriptblock]$Read, [Parameter(Mandatory = $true)] [scriptblock]$Single, [hashtable]$Failed = @{})
    $Keys = @($Keys | Where-Object { $null -ne $_ -and $_ -ne '' })
    $out = New-Object -TypeName 'System.Collections.ArrayList'
    for ($start = 0; $start -lt $Keys.Count; $start += 500) {
        $Chunk = @($Keys[$start..([Math]::Min($start + 499, $Keys.Count - 1))])
        try {
            foreach ($entry in @(Invoke-HybridcCall -Call $Read)) {
                $null = $out.Add($entry)
            }
        }
        catch {
            Write-Warning ('Reading ' + [string]$Chunk.Count + ' objects in one call failed; reading them one by one: ' + $_.Exception.Message)
            foreach ($Key in $Chunk) {
                try {
                    foreach ($entry in @(Invoke-HybridcCall -Call $Single)) {
                        $null = $out.Add($entry)
                    }
                    $script:HybridcTransientInARow = 0
                }
                catch {
                    $Failed[$Key] = $_.Exception.Message
                    Test-HybridcBrokenSession -Failure $_.Exception
                }
            }
        }
    }
    return $out.ToArray()
}

$script:HybridcAccounts = New-HybridcNameTable

#@ piece Find-HybridcAceUser
function Find-HybridcAceUser {
    # The directory record a permission entry's user names, 'skip' for a
    # principal that can never be a declared trustee (NT AUTHORITY\..., the
    # built-in groups, a folder's Default and Anonymous), or $null when the
    # entry names its user only in a form that is not a stable key (a display
    # name): the caller then asks Exchange about the trustee itself. A nested
    # recipient (folder permissions) is found by its Guid; DOMAIN\account is
    # translated to its SID on this machine; a string is looked up only when
    # it is a SID, a Guid, an address or a distinguished name.
    param($User)
    if ($null -eq $User) {
        return $null
    }
    foreach ($nested in @('ADRecipient', 'RecipientPrincipal')) {
        $object = Get-HybridcValue -Object $User -Name $nested
        if ($null -ne $object -and $object -isnot [string]) {
            foreach ($form in @('Guid', 'PrimarySmtpAddress')) {
                $record = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $object -Name $form))
                if ($null -ne $record) {
                    return $record
                }
            }
        }
    }
    $type = [string](Get-HybridcValue -Object $User -Name 'UserType')
    $text = [string]$User
    if ($type -eq 'Default' -or $type -eq 'Anonymous' -or $text -ceq 'Default' -or $text -ceq 'Anonymous' -or $text -like 'NT AUTHORITY\*' -or $text -like 'BUILTIN\*' -or $text -like 'S-1-5-32-*' -or $text -like 'S-1-5-18' -or $text -like 'S-1-5-10') {
        return 'skip'
    }
    if ($text.Contains('\')) {
        if (-not $script:HybridcAccounts.ContainsKey($text)) {
            $script:HybridcAccounts[$text] = ConvertTo-HybridcAccountSid -Account $text
        }
        return (Find-HybridcPrincipal -Value $script:HybridcAccounts[$text])
    }
    if ($text -match '^S-1-[0-9-]+$' -or $text -match '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$' -or $text.Contains('@') -or $text -match '^(CN|OU)=') {
        return (Find-HybridcPrincipal -Value $text)
    }
    return $null
}

#@ piece ConvertTo-HybridcAccountSid
function ConvertTo-HybridcAccountSid {
    # The SID of a DOMAIN\account, translated by Windows on this machine, or
    # '' when it cannot be. (A Windows API: hybridc's simulator stands in for
    # this function on Linux.)
    param([Parameter(Mandatory = $true)] [string]$Account)
    try {
        return (New-Object -TypeName 'System.Security.Principal.NTAccount' -ArgumentList $Account).Translate([System.Security.Principal.SecurityIdentifier]).Value
    }
    catch {
        Write-Verbose ('Could not translate ' + $Account + ' to a SID: ' + $_.Exception.Message)
        return ''
    }
}

#@ piece Find-HybridcPrincipal
function Find-HybridcPrincipal {
    # The directory record a value names (any indexed form), or $null when
    # it names none or several.
    param($Value)
    if ($null -eq $Value) {
        return $null
    }
    $guid = $script:HybridcIndex[[string]$Value]
    if ($null -eq $guid -or $guid -eq '*ambiguous*') {
        return $null
    }
    return $script:HybridcObjects[$guid]
}

#@ piece Resolve-HybridcPrincipal
function Resolve-HybridcPrincipal {
    # The directory record of a declared name. Throws when the name is
    # unknown or names several objects, or, with Type, when the object is
    # not of that type (mailbox, user, group, recipient).
    param([Parameter(Mandatory = $true)] [string]$Name, [string]$Type = '')
    $guid = $script:HybridcIndex[$Name]
    if ($null -eq $guid) {
        throw ('''' + $Name + ''' names no object in this organization.')
    }
    if ($guid -eq '*ambiguous*') {
        throw ('''' + $Name + ''' names several objects in this organization: declare it by primary SMTP address, user principal name or distinguished name.')
    }
    $record = $script:HybridcObjects[$guid]
    if ($Type -ne '' -and -not $record.ContainsKey($Type)) {
        throw ('''' + $Name + ''' is not a ' + $Type + ' in this organization.')
    }
    return $record
}

#@ piece Get-HybridcRecordValue
function Get-HybridcRecordValue {
    # One identity form of a directory record, or an empty string.
    param([Parameter(Mandatory = $true)] $Record, [Parameter(Mandatory = $true)] [string]$Name)
    if ($Record.ContainsKey($Name)) {
        return [string]$Record[$Name]
    }
    return ''
}

#@ piece Get-HybridcRecordKey
function Get-HybridcRecordKey {
    # One identity form of a directory record, to name the object in a call.
    # Throws when the object has none: several Get- cmdlets return every
    # object when -Identity is empty.
    param([Parameter(Mandatory = $true)] $Record, [Parameter(Mandatory = $true)] [string]$Name)
    $value = Get-HybridcRecordValue -Record $Record -Name $Name
    if ($value -eq '') {
        throw ('Exchange returned no ' + $Name + ' for ' + $Record.Guid + '.')
    }
    return $value
}

#@ piece Test-HybridcSamePrincipal
function Test-HybridcSamePrincipal {
    # Whether an Exchange value (an identity string or object) refers to the
    # object a declared name resolves to.
    param($Value, [Parameter(Mandatory = $true)] [string]$Name)
    $want = Resolve-HybridcPrincipal -Name $Name
    foreach ($entry in @($Value)) {
        $found = Find-HybridcPrincipal -Value $entry
        if ($null -ne $found -and $found.Guid -eq $want.Guid) {
            return $true
        }
    }
    return $false
}

#@ piece Get-HybridcPrincipalGuids
function Get-HybridcPrincipalGuids {
    # The Guids of the objects an Exchange list refers to: entries that are
    # objects by their Guid, strings by the directory. Unresolved counts the
    # entries that name no single object.
    param($Values, [ref]$Unresolved)
    $guids = @{}
    $missed = 0
    foreach ($entry in @($Values)) {
        if ($null -eq $entry) {
            continue
        }
        $guid = [string](Get-HybridcValue -Object $entry -Name 'Guid')
        if ($guid -eq '' -or $entry -is [string]) {
            $record = Find-HybridcPrincipal -Value $entry
            if ($null -eq $record) {
                $missed++
                continue
            }
            $guid = $record.Guid
        }
        $guids[$guid] = $true
    }
    if ($null -ne $Unresolved) {
        $Unresolved.Value = $missed
    }
    return $guids
}
#@ piece Get-HybridcPrincipalGuids#2
function Get-HybridcPrincipalGuids {
    # The Guids of the objects an Exchange list refers to: entries that are
    # objects by their Guid, strings by the directory. Unresolved counts the
    # entries that name no single object.
    param($Values, [ref]$Unresolved)
    $guids = @{}
    $missed = 0
    foreach ($entry in @($Values)) {
        if ($null -eq $entry) {
            continue
        }
        $guid = [string](Get-HybridcValue -Object $entry -Name 'Guid')
        if ($guid -eq '' -or $entry -is [string]) {
            $record = Find-HybridcPrincipal -Value $entry
            if ($null -eq $record) {
                $missed++
                continue
            }
            $guid = $record.Guid
        }
        $guids[$guid] = $true
    }
    if ($null -ne $Unresolved) {
        $Unresolved.Value = $missed
    }
    return $guids
}

#@ piece Resolve-HybridcFolder
function Resolve-HybridcFolder {
    # The identity of a declared folder: <address>:\<path>. A default folder
    # (Calendar, Inbox, ... : the data's FolderScope) bears its name in the
    # mailbox's language (Kalender, Calendrier), so its real name is read by
    # its type, once per mailbox and type (Get-MailboxFolderStatistics
    # -FolderScope: the entry of that FolderType, the default folder), and
    # the rest of the declared path appended. Found nothing: the declared
    # name, which the permission cmdlet then reports as not found. A default
    # folder whose name holds a '\' cannot be addressed by path. The
    # export shares it and passes -AllowNotFound, as for its folder reads:
    # a mailbox Exchange cannot find has no folder entries to record.
    param([Parameter(Mandatory = $true)] [string]$Mailbox, [Parameter(Mandatory = $true)] $Item, [Parameter(Mandatory = $true)] $Cache, [switch]$AllowNotFound)
    $path = [string]$Item.Folder
    $scope = [string](Get-HybridcValue -Object $Item -Name 'FolderScope')
    if ($scope -eq '') {
        return ($Mailbox + ':\' + $path)
    }
    $key = $Mailbox + '|' + $scope
    if (-not $Cache.ContainsKey($key)) {
        $stats = @(Invoke-HybridcCall -AllowNotFound:$AllowNotFound -Call { Get-MailboxFolderStatistics -Identity $Mailbox -FolderScope $scope -ErrorAction Stop })
        $default = Select-HybridcFirst -Items @($stats | Where-Object { [string](Get-HybridcValue -Object $_ -Name 'FolderType') -eq $scope })
        $name = ''
        if ($null -ne $default) {
            # FolderPath is /Kalender ('/' between folders; a '/' in a
            # name is U+F8FF).
            $name = ([string](Get-HybridcValue -Object $default -Name 'FolderPath')).TrimStart('/').Replace('/', '\').Replace([string][char]0xF8FF, '/')
        }
        $Cache[$key] = $name
    }
    $rest = ''
    $at = $path.IndexOf('\')
    $top = $path
    if ($at -ge 0) {
        $rest = $path.Substring($at)
        $top = $path.Substring(0, $at)
    }
    if ([string]$Cache[$key] -ne '') {
        $top = [string]$Cache[$key]
        if ($top.Contains('\')) {
            # A '\' inside the default folder's name would name a subfolder
            # (Inbox\Secret): the item fails rather than act on another
            # folder; the export (-AllowNotFound) gets '' and records nothing.
            if ($AllowNotFound) {
                return ''
            }
            throw ('the ' + $scope + ' folder of ' + $Mailbox + ' is named ''' + $top + ''', which holds a backslash: its permissions cannot be addressed by path. Nothing was changed.')
        }
    }
    return ($Mailbox + ':\' + $top + $rest)
}

