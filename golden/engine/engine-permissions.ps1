#@ run engine-permissions: head Read-HybridcPerObject Get-HybridcEntries Test-HybridcGranted Resolve-HybridcPermission Get-HybridcMailboxKeys Set-HybridcPermission Sync-HybridcFullAccessPermission Read-HybridcSendAsEntries Sync-HybridcSendAsPermission
#@ run engine-permissions#2: head Read-HybridcPerObject Get-HybridcEntries Test-HybridcGranted Resolve-HybridcPermission Get-HybridcMailboxKeys Set-HybridcPermission Sync-HybridcRemoteMailboxAcl Sync-HybridcFullAccessPermission#2 Sync-HybridcSendAsPermission#2 Sync-HybridcSendOnBehalfPermission Invoke-HybridcGroupChange Submit-HybridcSendOnBehalf Update-HybridcSendOnBehalf Set-HybridcSendOnBehalf Resolve-HybridcFolder Sync-HybridcFolderPermission
#@ run engine-permissions#3: head Read-HybridcPerObject Get-HybridcEntries Test-HybridcGranted Resolve-HybridcPermission Get-HybridcMailboxKeys Set-HybridcPermission Read-HybridcSendAsEntries Sync-HybridcSendAsPermission#3
#@ run engine-permissions#4: head Read-HybridcPerObject Get-HybridcEntries Test-HybridcGranted Resolve-HybridcPermission Get-HybridcMailboxKeys Set-HybridcPermission Sync-HybridcSendAsPermission#4
#@ run engine-permissions#5: head Read-HybridcPerObject Get-HybridcEntries Test-HybridcGranted Resolve-HybridcPermission Get-HybridcMailboxKeys Set-HybridcPermission Sync-HybridcFullAccessPermission
#@ run engine-permissions#6: head Read-HybridcPerObject Get-HybridcEntries Test-HybridcGranted Resolve-HybridcPermission Get-HybridcMailboxKeys Set-HybridcPermission Sync-HybridcFullAccessPermission Resolve-HybridcFolder Sync-HybridcFolderPermission
#@ run engine-permissions#7: head Read-HybridcPerObject Get-HybridcEntries Test-HybridcGranted Resolve-HybridcPermission Get-HybridcMailboxKeys Set-HybridcPermission Sync-HybridcRemoteMailboxAcl
#@ run engine-permissions#8: head Read-HybridcPerObject Get-HybridcEntries Test-HybridcGranted Resolve-HybridcPermission Get-HybridcMailboxKeys Set-HybridcPermission Sync-HybridcSendOnBehalfPermission Invoke-HybridcGroupChange Submit-HybridcSendOnBehalf Update-HybridcSendOnBehalf Set-HybridcSendOnBehalf
#@ piece head
# ---------------------------------------------------------------------------
# Delegated permissions (seed 003): Full Access, Send on Behalf and folder
# permissions where the mailbox lives, Send As where the mailbox or the
# trustee lives (both organizations across premises), and ACLs on remote
# mailboxes moved before ACL synchronization. Mailboxes and trustees are
# resolved once through the directory; each mailbox's permissions are read
# once, all mailboxes in one pipelined call where the cmdlet takes them from
# the pipeline.

#@ piece Read-HybridcPerObject
function Read-HybridcPerObject {
    # Reads the entries (permissions) of many objects and assigns them to
    # their object by the Identity Exchange returns. On-premises (-PerChunk)
    # Bulk reads 500 objects a call, given on its pipeline as $Chunk (see
    # Read-HybridcInChunks); online Bulk reads the whole tenant in one call.
    # An object for which nothing was read is read alone by Single, with
    # $Key. Returns a hashtable: key -> entries, or the error message of
    # that object's read.
    param([string[]]$Keys = @(), [Parameter(Mandatory = $true)] [scriptblock]$Bulk, [Parameter(Mandatory = $true)] [scriptblock]$Single, [switch]$PerChunk)
    $Keys = @($Keys | Where-Object { $null -ne $_ -and $_ -ne '' })
    $entries = New-HybridcNameTable
    foreach ($key in $Keys) {
        $entries[$key] = New-Object -TypeName 'System.Collections.ArrayList'
    }
    $failed = New-HybridcNameTable
    $read = @()
    if ($PerChunk) {
        $read = @(Read-HybridcInChunks -Keys $Keys -Read $Bulk -Single $Single -Failed $failed)
    }
    elseif ($Keys.Count -gt 1) {
        try {
            $read = @(Invoke-HybridcCall -Call $Bulk)
        }
        catch {
            Write-Warning ('Reading the permissions of every mailbox in one call failed; reading them one by one: ' + $_.Exception.Message)
        }
    }
    foreach ($entry in $read) {
        $record = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $entry -Name 'Identity'))
        if ($null -ne $record) {
            foreach ($candidate in @($record.Guid, (Get-HybridcRecordValue -Record $record -Name 'DistinguishedName'), (Get-HybridcRecordValue -Record $record -Name 'PrimarySmtpAddress'))) {
                if ($candidate -ne '' -and $entries.ContainsKey($candidate)) {
                    $null = $entries[$candidate].Add($entry)
                }
            }
        }
    }
    foreach ($key in @($failed.Keys)) {
        $entries[$key] = [string]$failed[$key]
    }
    foreach ($Key in $Keys) {
        if ($entries[$Key] -is [string] -or $entries[$Key].Count -gt 0) {
            continue
        }
        try {
            foreach ($entry in @(Invoke-HybridcCall -Call $Single)) {
                $null = $entries[$Key].Add($entry)
            }
            $script:HybridcTransientInARow = 0
        }
        catch {
            $entries[$Key] = [string]$_.Exception.Message
            Test-HybridcBrokenSession -Failure $_.Exception
        }
    }
    return $entries
}

#@ piece Get-HybridcEntries
function Get-HybridcEntries {
    # The permission entries read for a mailbox, or a failure.
    param([Parameter(Mandatory = $true)] $Read, [Parameter(Mandatory = $true)] [string]$Key)
    $found = $Read[$Key]
    if ($null -eq $found) {
        throw 'the mailbox''s permissions were not read.'
    }
    if ($found -is [string]) {
        throw ('reading the mailbox''s permissions: ' + $found)
    }
    return $found
}

#@ piece Test-HybridcGranted
function Test-HybridcGranted {
    # Whether the entries grant the right to the trustee: True, False, or
    # $null when an entry that grants the right names its user in a form that
    # is not a stable key (the caller then asks Exchange about this trustee).
    # A mailbox's entries are looked through once, their grantees kept in
    # Cache under Key: a mailbox with thousands of declared delegates would
    # otherwise be looked through once per delegate.
    param($Entries, [Parameter(Mandatory = $true)] [scriptblock]$Grants, [Parameter(Mandatory = $true)] [string]$Trustee, [string]$UserProperty = 'User', [hashtable]$Cache = @{}, [string]$Key = '')
    $grantees = $Cache[$Key]
    if ($null -eq $grantees) {
        $grantees = @{ Guids = @{}; Unknown = $false }
        foreach ($entry in @($Entries)) {
            if ($null -eq $entry -or -not (& $Grants $entry)) {
                continue
            }
            $record = Find-HybridcAceUser -User (Get-HybridcValue -Object $entry -Name $UserProperty)
            if ($null -eq $record) {
                $grantees.Unknown = $true
            }
            elseif ($record -isnot [string]) {
                $grantees.Guids[[string]$record.Guid] = $true
            }
        }
        $Cache[$Key] = $grantees
    }
    if ($grantees.Guids.ContainsKey($Trustee)) {
        return $true
    }
    if ($grantees.Unknown) {
        return $null
    }
    return $false
}

#@ piece Resolve-HybridcPermission
function Resolve-HybridcPermission {
    # The mailbox and trustee records of a permission item.
    param([Parameter(Mandatory = $true)] $Item)
    return @{
        Mailbox = Resolve-HybridcPrincipal -Name ([string]$Item.Mailbox)
        Trustee = Resolve-HybridcPrincipal -Name ([string]$Item.Trustee)
    }
}

#@ piece Get-HybridcMailboxKeys
function Get-HybridcMailboxKeys {
    # The distinct keys (by Form) of the mailboxes that permission items
    # name; items whose names do not resolve are left to fail on their own,
    # and with MailboxesOnly so are names of recipients that are not
    # mailboxes here (a remote mailbox), which would fail a bulk read.
    param($Items, [Parameter(Mandatory = $true)] [string]$Form, [switch]$MailboxesOnly)
    $keys = New-HybridcNameTable
    foreach ($item in @($Items)) {
        $record = Find-HybridcPrincipal -Value ([string]$item.Mailbox)
        if ($null -ne $record -and $MailboxesOnly -and (Get-HybridcRecordValue -Record $record -Name 'RecipientType') -ne 'UserMailbox') {
            continue
        }
        if ($null -ne $record) {
            $value = Get-HybridcRecordValue -Record $record -Name $Form
            if ($value -ne '') {
                $keys[$value] = $true
            }
        }
    }
    return @($keys.Keys | Sort-Object)
}

#@ piece Set-HybridcPermission
function Set-HybridcPermission {
    # Reports or changes one permission from whether it is granted now.
    param([Parameter(Mandatory = $true)] $Item, $Granted, [Parameter(Mandatory = $true)] [string]$Right, [Parameter(Mandatory = $true)] [scriptblock]$Grant, [scriptblock]$Revoke)
    if (Test-HybridcAbsent -Item $Item) {
        if (-not $Granted) {
            Add-HybridcResult -Item $Item -Status 'unchanged' -Detail 'absent'
            return
        }
        $null = Invoke-HybridcChange -Item $Item -Action ('remove ' + $Right) -Done 'removed' -Change $Revoke
        return
    }
    if ($Granted) {
        Add-HybridcResult -Item $Item -Status 'unchanged'
        return
    }
    $null = Invoke-HybridcChange -Item $Item -Action ('grant ' + $Right) -Done 'created' -Change $Grant
}

#@ piece Sync-HybridcFullAccessPermission
function Sync-HybridcFullAccessPermission {
    # Full Access: each mailbox's permissions read once.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Users
        $script:HybridcGrantees = @{}
        $script:HybridcFullAccess = Read-HybridcPerObject -PerChunk:$false -Keys (Get-HybridcMailboxKeys -Items $Items -Form 'Guid' -MailboxesOnly) -Bulk {
            # Without -Identity it reads every mailbox's permissions at once.
            Get-EXOMailboxPermission -ResultSize Unlimited -ErrorAction Stop
        } -Single {
            Get-MailboxPermission -Identity $Key -ErrorAction Stop
        }
    } -Each {
        param($item)
        $who = Resolve-HybridcPermission -Item $item
        $mailbox = $who.Mailbox.Guid
        $trustee = $who.Trustee.Guid
        if ((Get-HybridcRecordValue -Record $who.Mailbox -Name 'RecipientType') -ne 'UserMailbox') {
            throw ('''' + [string]$item.Mailbox + ''' is not a mailbox in this organization (' + (Get-HybridcRecordValue -Record $who.Mailbox -Name 'RecipientTypeDetails') + ').')
        }
        $entries = Get-HybridcEntries -Read $script:HybridcFullAccess -Key $mailbox
        $granted = Test-HybridcGranted -Entries $entries -Trustee $trustee -Cache $script:HybridcGrantees -Key $mailbox -Grants {
            param($entry)
            (@(Get-HybridcValue -Object $entry -Name 'AccessRights') -join ',') -like '*FullAccess*' -and -not (Test-HybridcFlag -Item $entry -Name 'Deny') -and -not (Test-HybridcFlag -Item $entry -Name 'IsInherited')
        }
        if ($null -eq $granted) {
            $granted = @(Invoke-HybridcCall -AllowNotFound -Call { Get-MailboxPermission -Identity $mailbox -User $trustee -ErrorAction Stop } | Where-Object { (@(Get-HybridcValue -Object $_ -Name 'AccessRights') -join ',') -like '*FullAccess*' -and -not (Test-HybridcFlag -Item $_ -Name 'Deny') -and -not (Test-HybridcFlag -Item $_ -Name 'IsInherited') }).Count -gt 0
        }
        $autoMapping = Get-HybridcValue -Object $item -Name 'AutoMapping'
        Set-HybridcPermission -Item $item -Granted $granted -Right 'FullAccess' -Grant {
            if ($null -eq $autoMapping) {
                $null = Invoke-HybridcCall -Change -Call { Add-MailboxPermission -Identity $mailbox -User $trustee -AccessRights 'FullAccess' -Confirm:$false -ErrorAction Stop }
            }
            else {
                $null = Invoke-HybridcCall -Change -Call { Add-MailboxPermission -Identity $mailbox -User $trustee -AccessRights 'FullAccess' -AutoMapping:([bool]$autoMapping) -Confirm:$false -ErrorAction Stop }
            }
        } -Revoke {
        }
    }
}

#@ piece Sync-HybridcFullAccessPermission#2
function Sync-HybridcFullAccessPermission {
    # Full Access: each mailbox's permissions read once.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Users
        $script:HybridcGrantees = @{}
        $script:HybridcFullAccess = Read-HybridcPerObject -PerChunk:$true -Keys (Get-HybridcMailboxKeys -Items $Items -Form 'Guid' -MailboxesOnly) -Bulk {
            $Chunk | Get-MailboxPermission -ErrorAction Stop | Select-Object -Property Identity, User, AccessRights, Deny, IsInherited
        } -Single {
            Get-MailboxPermission -Identity $Key -ErrorAction Stop
        }
    } -Each {
        param($item)
        $who = Resolve-HybridcPermission -Item $item
        $mailbox = $who.Mailbox.Guid
        $trustee = $who.Trustee.Guid
        if ((Get-HybridcRecordValue -Record $who.Mailbox -Name 'RecipientType') -ne 'UserMailbox') {
            throw ('''' + [string]$item.Mailbox + ''' is not a mailbox in this organization (' + (Get-HybridcRecordValue -Record $who.Mailbox -Name 'RecipientTypeDetails') + ').')
        }
        $entries = Get-HybridcEntries -Read $script:HybridcFullAccess -Key $mailbox
        $granted = Test-HybridcGranted -Entries $entries -Trustee $trustee -Cache $script:HybridcGrantees -Key $mailbox -Grants {
            param($entry)
            (@(Get-HybridcValue -Object $entry -Name 'AccessRights') -join ',') -like '*FullAccess*' -and -not (Test-HybridcFlag -Item $entry -Name 'Deny') -and -not (Test-HybridcFlag -Item $entry -Name 'IsInherited')
        }
        if ($null -eq $granted) {
            $granted = @(Invoke-HybridcCall -AllowNotFound -Call { Get-MailboxPermission -Identity $mailbox -User $trustee -ErrorAction Stop } | Where-Object { (@(Get-HybridcValue -Object $_ -Name 'AccessRights') -join ',') -like '*FullAccess*' -and -not (Test-HybridcFlag -Item $_ -Name 'Deny') -and -not (Test-HybridcFlag -Item $_ -Name 'IsInherited') }).Count -gt 0
        }
        $autoMapping = Get-HybridcValue -Object $item -Name 'AutoMapping'
        Set-HybridcPermission -Item $item -Granted $granted -Right 'FullAccess' -Grant {
            if ($null -eq $autoMapping) {
                $null = Invoke-HybridcCall -Change -Call { Add-MailboxPermission -Identity $mailbox -User $trustee -AccessRights 'FullAccess' -Confirm:$false -ErrorAction Stop }
            }
            else {
                $null = Invoke-HybridcCall -Change -Call { Add-MailboxPermission -Identity $mailbox -User $trustee -AccessRights 'FullAccess' -AutoMapping:([bool]$autoMapping) -Confirm:$false -ErrorAction Stop }
            }
        } -Revoke {
        }
    }
}

#@ piece Read-HybridcSendAsEntries
function Read-HybridcSendAsEntries {
    # The tenant's Send As entries: every recipient permission in one call,
    # or, when the script reads the directory one name at a time (a small
    # configuration, issue 16), the entries of each declared mailbox.
    param($Items)
    if ($null -eq $script:HybridcDirectoryNames) {
        return @(Invoke-HybridcCall -Call { Get-RecipientPermission -AccessRights 'SendAs' -ResultSize Unlimited -ErrorAction Stop })
    }
    $entries = New-Object -TypeName 'System.Collections.ArrayList'
    $read = @{}
    foreach ($item in @($Items)) {
        # A mailbox that resolves to nothing fails its own items.
        $record = Find-HybridcPrincipal -Value ([string]$item.Mailbox)
        if ($null -eq $record -or $read.ContainsKey($record.Guid)) {
            continue
        }
        $read[$record.Guid] = $true
        $key = $record.Guid
        foreach ($entry in @(Invoke-HybridcCall -AllowNotFound -Call { Get-RecipientPermission -Identity $key -AccessRights 'SendAs' -ErrorAction Stop })) {
            # Filtered by the key asked for (behaviour table: an identity
            # Exchange does not find may return every entry); an entry whose
            # mailbox does not resolve is kept and counted unmapped.
            $owner = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $entry -Name 'Identity'))
            if ($null -eq $owner -or $owner.Guid -eq $key) {
                $null = $entries.Add($entry)
            }
        }
    }
    return $entries.ToArray()
}

#@ piece Sync-HybridcSendAsPermission
function Sync-HybridcSendAsPermission {
    # Send As in Exchange Online: every recipient permission read in one
    # call (or the declared mailboxes' only: Read-HybridcSendAsEntries).
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Users
        $script:HybridcSendAs = @{}
        $script:HybridcGrantees = @{}
        $script:HybridcSendAsUnmapped = 0
        foreach ($entry in @(Read-HybridcSendAsEntries -Items $Items)) {
            $record = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $entry -Name 'Identity'))
            if ($null -eq $record) {
                $script:HybridcSendAsUnmapped++
                continue
            }
            if (-not $script:HybridcSendAs.ContainsKey($record.Guid)) {
                $script:HybridcSendAs[$record.Guid] = New-Object -TypeName 'System.Collections.ArrayList'
            }
            $null = $script:HybridcSendAs[$record.Guid].Add($entry)
        }
    } -Each {
        param($item)
        $who = Resolve-HybridcPermission -Item $item
        $mailbox = $who.Mailbox.Guid
        $trustee = $who.Trustee.Guid
        # A mailbox without entries has none, unless some entry named its
        # mailbox in a form the directory could not resolve.
        $granted = $null
        if ($script:HybridcSendAsUnmapped -eq 0) {
            $granted = $false
        }
        if ($script:HybridcSendAs.ContainsKey($mailbox)) {
            $granted = Test-HybridcGranted -Entries $script:HybridcSendAs[$mailbox] -Trustee $trustee -UserProperty 'Trustee' -Cache $script:HybridcGrantees -Key $mailbox -Grants {
                param($entry)
                (@(Get-HybridcValue -Object $entry -Name 'AccessRights') -join ',') -like '*SendAs*' -and [string](Get-HybridcValue -Object $entry -Name 'AccessControlType') -ne 'Deny' -and -not (Test-HybridcFlag -Item $entry -Name 'IsInherited')
            }
        }
        if ($null -eq $granted) {
            $granted = @(Invoke-HybridcCall -AllowNotFound -Call { Get-RecipientPermission -Identity $mailbox -Trustee $trustee -AccessRights 'SendAs' -ErrorAction Stop } | Where-Object { [string](Get-HybridcValue -Object $_ -Name 'AccessControlType') -ne 'Deny' -and -not (Test-HybridcFlag -Item $_ -Name 'IsInherited') }).Count -gt 0
        }
        Set-HybridcPermission -Item $item -Granted $granted -Right 'SendAs' -Grant {
            $null = Invoke-HybridcCall -Change -Call { Add-RecipientPermission -Identity $mailbox -Trustee $trustee -AccessRights 'SendAs' -Confirm:$false -ErrorAction Stop }
        } -Revoke {
        }
    }
}

#@ piece Sync-HybridcSendAsPermission#2
function Sync-HybridcSendAsPermission {
    # Send As on-premises: an extended right in each mailbox's AD object
    # (Get-ADPermission takes the distinguished name), read once per object.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Users
        $script:HybridcGrantees = @{}
        $script:HybridcSendAs = Read-HybridcPerObject -PerChunk -Keys (Get-HybridcMailboxKeys -Items $Items -Form 'DistinguishedName') -Bulk {
            # Only what the compare reads is kept of each entry: a mailbox's
            # AD object carries dozens of access control entries.
            $Chunk | Get-ADPermission -ErrorAction Stop | Select-Object -Property Identity, User, ExtendedRights, Deny, IsInherited
        } -Single {
            Get-ADPermission -Identity $Key -ErrorAction Stop
        }
    } -Each {
        param($item)
        $who = Resolve-HybridcPermission -Item $item
        $mailbox = Get-HybridcRecordKey -Record $who.Mailbox -Name 'DistinguishedName'
        $trustee = Get-HybridcRecordKey -Record $who.Trustee -Name 'DistinguishedName'
        $entries = Get-HybridcEntries -Read $script:HybridcSendAs -Key $mailbox
        $granted = Test-HybridcGranted -Entries $entries -Trustee $who.Trustee.Guid -Cache $script:HybridcGrantees -Key $mailbox -Grants {
            param($entry)
            (@(Get-HybridcValue -Object $entry -Name 'ExtendedRights') -join ',') -match 'Send.As' -and -not (Test-HybridcFlag -Item $entry -Name 'Deny') -and -not (Test-HybridcFlag -Item $entry -Name 'IsInherited')
        }
        if ($null -eq $granted) {
            $granted = @(Invoke-HybridcCall -AllowNotFound -Call { Get-ADPermission -Identity $mailbox -User $trustee -ErrorAction Stop } | Where-Object { (@(Get-HybridcValue -Object $_ -Name 'ExtendedRights') -join ',') -match 'Send.As' -and -not (Test-HybridcFlag -Item $_ -Name 'Deny') -and -not (Test-HybridcFlag -Item $_ -Name 'IsInherited') }).Count -gt 0
        }
        Set-HybridcPermission -Item $item -Granted $granted -Right 'Send As' -Grant {
            $null = Invoke-HybridcCall -Change -Call { Add-ADPermission -Identity $mailbox -User $trustee -AccessRights 'ExtendedRight' -ExtendedRights 'Send As' -Confirm:$false -ErrorAction Stop }
        } -Revoke {
        }
    }
}

#@ piece Sync-HybridcSendAsPermission#3
function Sync-HybridcSendAsPermission {
    # Send As in Exchange Online: every recipient permission read in one
    # call (or the declared mailboxes' only: Read-HybridcSendAsEntries).
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Users
        $script:HybridcSendAs = @{}
        $script:HybridcGrantees = @{}
        $script:HybridcSendAsUnmapped = 0
        foreach ($entry in @(Read-HybridcSendAsEntries -Items $Items)) {
            $record = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $entry -Name 'Identity'))
            if ($null -eq $record) {
                $script:HybridcSendAsUnmapped++
                continue
            }
            if (-not $script:HybridcSendAs.ContainsKey($record.Guid)) {
                $script:HybridcSendAs[$record.Guid] = New-Object -TypeName 'System.Collections.ArrayList'
            }
            $null = $script:HybridcSendAs[$record.Guid].Add($entry)
        }
    } -Each {
        param($item)
        $who = Resolve-HybridcPermission -Item $item
        $mailbox = $who.Mailbox.Guid
        $trustee = $who.Trustee.Guid
        # A mailbox without entries has none, unless some entry named its
        # mailbox in a form the directory could not resolve.
        $granted = $null
        if ($script:HybridcSendAsUnmapped -eq 0) {
            $granted = $false
        }
        if ($script:HybridcSendAs.ContainsKey($mailbox)) {
            $granted = Test-HybridcGranted -Entries $script:HybridcSendAs[$mailbox] -Trustee $trustee -UserProperty 'Trustee' -Cache $script:HybridcGrantees -Key $mailbox -Grants {
                param($entry)
                (@(Get-HybridcValue -Object $entry -Name 'AccessRights') -join ',') -like '*SendAs*' -and [string](Get-HybridcValue -Object $entry -Name 'AccessControlType') -ne 'Deny' -and -not (Test-HybridcFlag -Item $entry -Name 'IsInherited')
            }
        }
        if ($null -eq $granted) {
            $granted = @(Invoke-HybridcCall -AllowNotFound -Call { Get-RecipientPermission -Identity $mailbox -Trustee $trustee -AccessRights 'SendAs' -ErrorAction Stop } | Where-Object { [string](Get-HybridcValue -Object $_ -Name 'AccessControlType') -ne 'Deny' -and -not (Test-HybridcFlag -Item $_ -Name 'IsInherited') }).Count -gt 0
        }
        Set-HybridcPermission -Item $item -Granted $granted -Right 'SendAs' -Grant {
            $null = Invoke-HybridcCall -Change -Call { Add-RecipientPermission -Identity $mailbox -Trustee $trustee -AccessRights 'SendAs' -Confirm:$false -ErrorAction Stop }
        } -Revoke {
            $null = Invoke-HybridcCall -Change -Call { Remove-RecipientPermission -Identity $mailbox -Trustee $trustee -AccessRights 'SendAs' -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcSendAsPermission#4
function Sync-HybridcSendAsPermission {
    # Send As on-premises: an extended right in each mailbox's AD object
    # (Get-ADPermission takes the distinguished name), read once per object.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Users
        $script:HybridcGrantees = @{}
        $script:HybridcSendAs = Read-HybridcPerObject -PerChunk -Keys (Get-HybridcMailboxKeys -Items $Items -Form 'DistinguishedName') -Bulk {
            # Only what the compare reads is kept of each entry: a mailbox's
            # AD object carries dozens of access control entries.
            $Chunk | Get-ADPermission -ErrorAction Stop | Select-Object -Property Identity, User, ExtendedRights, Deny, IsInherited
        } -Single {
            Get-ADPermission -Identity $Key -ErrorAction Stop
        }
    } -Each {
        param($item)
        $who = Resolve-HybridcPermission -Item $item
        $mailbox = Get-HybridcRecordKey -Record $who.Mailbox -Name 'DistinguishedName'
        $trustee = Get-HybridcRecordKey -Record $who.Trustee -Name 'DistinguishedName'
        $entries = Get-HybridcEntries -Read $script:HybridcSendAs -Key $mailbox
        $granted = Test-HybridcGranted -Entries $entries -Trustee $who.Trustee.Guid -Cache $script:HybridcGrantees -Key $mailbox -Grants {
            param($entry)
            (@(Get-HybridcValue -Object $entry -Name 'ExtendedRights') -join ',') -match 'Send.As' -and -not (Test-HybridcFlag -Item $entry -Name 'Deny') -and -not (Test-HybridcFlag -Item $entry -Name 'IsInherited')
        }
        if ($null -eq $granted) {
            $granted = @(Invoke-HybridcCall -AllowNotFound -Call { Get-ADPermission -Identity $mailbox -User $trustee -ErrorAction Stop } | Where-Object { (@(Get-HybridcValue -Object $_ -Name 'ExtendedRights') -join ',') -match 'Send.As' -and -not (Test-HybridcFlag -Item $_ -Name 'Deny') -and -not (Test-HybridcFlag -Item $_ -Name 'IsInherited') }).Count -gt 0
        }
        Set-HybridcPermission -Item $item -Granted $granted -Right 'Send As' -Grant {
            $null = Invoke-HybridcCall -Change -Call { Add-ADPermission -Identity $mailbox -User $trustee -AccessRights 'ExtendedRight' -ExtendedRights 'Send As' -Confirm:$false -ErrorAction Stop }
        } -Revoke {
            $null = Invoke-HybridcCall -Change -Call { Remove-ADPermission -Identity $mailbox -User $trustee -AccessRights 'ExtendedRight' -ExtendedRights 'Send As' -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcRemoteMailboxAcl
function Sync-HybridcRemoteMailboxAcl {
    # ACLs on the remote mailboxes of mailboxes moved before ACLable object
    # synchronization was on (seed 003): read once, set where missing.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients
        if (-not $script:HybridcLoaded.ContainsKey('remoteMailbox')) {
            foreach ($object in (Invoke-HybridcCall -Call { Get-RemoteMailbox -ResultSize Unlimited -ErrorAction Stop })) {
                Add-HybridcDirectoryObject -Object $object -Type 'remoteMailbox'
            }
            $script:HybridcLoaded['remoteMailbox'] = $true
        }
    } -Each {
        param($item)
        $record = Resolve-HybridcPrincipal -Name ([string]$item.Name) -Type 'remoteMailbox'
        if ([string](Get-HybridcValue -Object $record['remoteMailbox'] -Name 'RecipientDisplayType') -like '*ACLable*') {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $key = $record.Guid
        $null = Invoke-HybridcChange -Item $item -Action 'Set-RemoteMailbox -ACLableSyncedObjectEnabled' -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-RemoteMailbox -Identity $key -ACLableSyncedObjectEnabled:$true -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcSendOnBehalfPermission
function Sync-HybridcSendOnBehalfPermission {
    # Send on Behalf: GrantSendOnBehalfTo of the mailboxes read once; the
    # delegates each mailbox gains or loses are changed together, in one
    # Set-Mailbox per mailbox (Submit-HybridcSendOnBehalf).
    param($Items)
    # Mailbox Guid -> its declared name and the changes it needs, in the
    # order the mailboxes come.
    $changes = [ordered]@{}
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Users -Mailboxes
    } -Each {
        param($item)
        $who = Resolve-HybridcPermission -Item $item
        if (-not $who.Mailbox.ContainsKey('mailbox')) {
            throw ('''' + [string]$item.Mailbox + ''' is not a mailbox in this organization.')
        }
        $mailbox = $who.Mailbox.Guid
        $absent = Test-HybridcAbsent -Item $item
        $unresolved = 0
        $have = Get-HybridcPrincipalGuids -Values (Get-HybridcValue -Object $who.Mailbox['mailbox'] -Name 'GrantSendOnBehalfTo') -Unresolved ([ref]$unresolved)
        $granted = $have.ContainsKey($who.Trustee.Guid)
        if (-not $granted -and $unresolved -gt 0 -and ($Check -or $absent)) {
            # A delegate Exchange names in a form the directory cannot
            # resolve may be this trustee: say so rather than guess.
            Add-HybridcResult -Item $item -Status 'unknown' -Detail ([string]$unresolved + ' delegates of the mailbox name no single object; check GrantSendOnBehalfTo by hand')
            return
        }
        if ($granted -ne $absent) {
            $detail = ''
            if ($absent) {
                $detail = 'absent'
            }
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $detail
            return
        }
        if (-not $changes.Contains($mailbox)) {
            $changes[$mailbox] = @{ Name = [string]$item.Mailbox; Changes = (New-Object -TypeName 'System.Collections.ArrayList') }
        }
        $change = @{ Item = $item; Operation = 'Add'; Trustee = $who.Trustee.Guid; Action = 'grant Send on Behalf'; Done = 'created' }
        $null = $changes[$mailbox].Changes.Add($change)
    }
    Submit-HybridcSendOnBehalf -Changes $changes
}

#@ piece Invoke-HybridcGroupChange
function Invoke-HybridcGroupChange {
    # Makes one change that serves several resources (Changes: each with its
    # Item and its own Action) unless -Check, -WhatIf or a declined -Confirm
    # say not to: then each resource is recorded drifted (-Check) or skipped
    # with its action, and nothing is changed. Target and Action describe
    # the whole change to ShouldProcess; Change makes it and records each
    # resource's result. Returns whether the change ran.
    param(
        [Parameter(Mandatory = $true)] $Changes,
        [Parameter(Mandatory = $true)] [string]$Target,
        [Parameter(Mandatory = $true)] [string]$Action,
        [Parameter(Mandatory = $true)] [scriptblock]$Change
    )
    if ($Check -or -not $script:HybridcCmdlet.ShouldProcess($Target, $Action)) {
        $hybridcStatus = 'skipped'
        if ($Check) {
            $hybridcStatus = 'drifted'
        }
        foreach ($hybridcChange in @($Changes)) {
            Add-HybridcResult -Item $hybridcChange.Item -Status $hybridcStatus -Detail $hybridcChange.Action
        }
        return $false
    }
    $null = & $Change
    return $true
}

#@ piece Submit-HybridcSendOnBehalf
function Submit-HybridcSendOnBehalf {
    # Makes the Send on Behalf changes the step found (Changes: mailbox Guid
    # -> its name and changes), one Set-Mailbox per mailbox, each asked of
    # ShouldProcess (-WhatIf, -Confirm) as a whole.
    param([Parameter(Mandatory = $true)] $Changes)
    foreach ($mailbox in @($Changes.Keys)) {
        # The -Change block below runs inside Invoke-HybridcGroupChange: it
        # names only variables that function does not define.
        $queued = @($Changes[$mailbox].Changes)
        $name = [string]$Changes[$mailbox].Name
        $add = @($queued | Where-Object { $_.Operation -eq 'Add' } | ForEach-Object { [string]$_.Item.Trustee })
        $action = @()
        if ($add.Count -gt 0) {
            $action += 'grant Send on Behalf to ' + ($add -join ', ')
        }
        $null = Invoke-HybridcGroupChange -Changes $queued -Target ('sendOnBehalfPermission on ' + $name) -Action ($action -join '; ') -Change {
            Update-HybridcSendOnBehalf -Mailbox $mailbox -Name $name -Changes $queued
        }
    }
}

#@ piece Update-HybridcSendOnBehalf
function Update-HybridcSendOnBehalf {
    # Adds and removes a mailbox's delegates in one Set-Mailbox with
    # -GrantSendOnBehalfTo @{ Add = ...; Remove = ... }, the add/remove form
    # of a multi-valued parameter, which leaves the other delegates alone,
    # and records each change's result. Exchange resolves every delegate
    # before it writes the mailbox, so a call that fails changed nothing.
    # Then:
    # - throttling or a transient failure that retries did not cure, or
    #   access denied (a management scope covers the mailbox, whoever the
    #   delegates are), would fail each change alone the same way: every
    #   change of the call fails with its message, and the failed call
    #   counts once toward the three-in-a-row stop, as a failed bulk read
    #   does;
    # - any other failure (a delegate Exchange cannot find or refuses) may
    #   be one delegate's: each change is made again alone, so that it fails
    #   alone and the others are made, as when each had its own call. This
    #   costs one call per change, only when a call of several failed.
    # Name is the mailbox as declared, for messages.
    param([Parameter(Mandatory = $true)] [string]$Mailbox, [Parameter(Mandatory = $true)] [string]$Name, [Parameter(Mandatory = $true)] $Changes)
    # Each attempt is one call: all the changes, then each alone if needed.
    $attempts = New-Object -TypeName 'System.Collections.ArrayList'
    $null = $attempts.Add(@($Changes))
    for ($attempt = 0; $attempt -lt $attempts.Count; $attempt++) {
        $batch = @($attempts[$attempt])
        try {
            Set-HybridcSendOnBehalf -Mailbox $Mailbox -Changes $batch
        }
        catch {
            $failure = $_.Exception
            # A failure that names the mailbox itself (moved, deleted since
            # it was read) is the mailbox's: made again one by one, each
            # change would fail the same way.
            $ofMailbox = ([string]$failure.Message).IndexOf($Mailbox, [System.StringComparison]::OrdinalIgnoreCase) -ge 0
            if ($attempt -eq 0 -and $batch.Count -gt 1 -and -not $ofMailbox -and @('throttled', 'transient', 'denied') -notcontains [string]$failure.Data['HybridcErrorKind']) {
                Write-Warning ('Changing the Send on Behalf delegates of ' + $Name + ' in one call failed; changing them one by one: ' + $failure.Message)
                foreach ($change in $batch) {
                    $null = $attempts.Add(@($change))
                }
                continue
            }
            foreach ($change in $batch) {
                Add-HybridcResult -Item $change.Item -Status 'failed' -Detail $failure.Message
            }
            Test-HybridcBrokenSession -Failure $failure
            continue
        }
        foreach ($change in $batch) {
            Add-HybridcResult -Item $change.Item -Status $change.Done -Detail $change.Action
        }
        $script:HybridcTransientInARow = 0
    }
}

#@ piece Set-HybridcSendOnBehalf
function Set-HybridcSendOnBehalf {
    # One Set-Mailbox that adds and removes the delegates (by Guid) of
    # changes.
    param([Parameter(Mandatory = $true)] [string]$Mailbox, [Parameter(Mandatory = $true)] $Changes)
    $add = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($change in @($Changes)) {
        $null = $add.Add([string]$change.Trustee)
    }
    $delegates = @{}
    if ($add.Count -gt 0) {
        $delegates['Add'] = [string[]]$add.ToArray()
    }
    $null = Invoke-HybridcCall -Change -Call { Set-Mailbox -Identity $Mailbox -GrantSendOnBehalfTo $delegates -Confirm:$false -ErrorAction Stop }
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

#@ piece Sync-HybridcFolderPermission
function Sync-HybridcFolderPermission {
    # Folder permissions: each declared folder read once (mailbox:\folder,
    # by the mailbox's primary SMTP address; a default folder by its name in
    # the mailbox's language, Resolve-HybridcFolder). An entry names its
    # user by a stable key only where Exchange returns the recipient itself;
    # where it gives only a display name (on-premises over remoting), the
    # trustee's own entry is read with -User.
    param($Items)
    $folders = New-HybridcNameTable
    $folderUsers = New-HybridcNameTable
    $folderNames = New-HybridcNameTable
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Users
    } -Each {
        param($item)
        $who = Resolve-HybridcPermission -Item $item
        $folder = Resolve-HybridcFolder -Mailbox (Get-HybridcRecordKey -Record $who.Mailbox -Name 'PrimarySmtpAddress') -Item $item -Cache $folderNames
        $trustee = Get-HybridcRecordValue -Record $who.Trustee -Name 'PrimarySmtpAddress'
        if ($trustee -eq '') {
            $trustee = $who.Trustee.Guid
        }
        if (-not $folderUsers.ContainsKey($folder)) {
            $folders[$folder] = @(Invoke-HybridcCall -Call { Get-MailboxFolderPermission -Identity $folder -ErrorAction Stop })
            # Whom each entry names, worked out once per folder (a calendar
            # shared with thousands would otherwise be looked through once
            # per declared user): the last entry of each user, and whether
            # an entry names its user in no stable form.
            $users = @{ Entries = @{}; Unknown = $false }
            foreach ($entry in @($folders[$folder])) {
                $record = Find-HybridcAceUser -User (Get-HybridcValue -Object $entry -Name 'User')
                if ($null -eq $record) {
                    $users.Unknown = $true
                }
                elseif ($record -isnot [string]) {
                    $users.Entries[[string]$record.Guid] = $entry
                }
            }
            $folderUsers[$folder] = $users
        }
        $rights = [string]$item.AccessRights
        $current = $folderUsers[$folder].Entries[[string]$who.Trustee.Guid]
        $unknown = $folderUsers[$folder].Unknown
        if ($null -eq $current -and $unknown) {
            $current = Select-HybridcFirst -Items @(Invoke-HybridcCall -AllowNotFound -Call { Get-MailboxFolderPermission -Identity $folder -User $trustee -ErrorAction Stop })
        }
        if (Test-HybridcAbsent -Item $item) {
            if ($null -eq $current) {
                Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'absent'
                return
            }
            return
        }
        if ($null -eq $current) {
            $null = Invoke-HybridcChange -Item $item -Action ('grant ' + $rights) -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { Add-MailboxFolderPermission -Identity $folder -User $trustee -AccessRights $rights -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $have = @(Get-HybridcValue -Object $current -Name 'AccessRights')
        if (Test-HybridcSetEqual -Have $have -Want @($rights)) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action ('AccessRights: ' + (ConvertTo-HybridcText -Value $have) + ' -> ''' + $rights + '''') -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-MailboxFolderPermission -Identity $folder -User $trustee -AccessRights $rights -Confirm:$false -ErrorAction Stop }
        }
    }
}

