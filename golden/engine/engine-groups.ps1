#@ run engine-groups: head Initialize-HybridcUnifiedGroups Wait-HybridcNewGroup Add-HybridcUnifiedGroup Test-HybridcTenantAddress Get-HybridcExtraAddresses Sync-HybridcUnifiedGroup Sync-HybridcGroupLinks Sync-HybridcGroupMembers Sync-HybridcGroupOwners Sync-HybridcGroupSubscribers
#@ run engine-groups#2: head#2 Test-HybridcHiddenWrittenBack Sync-HybridcGroupWriteback
#@ run engine-groups#3: head Initialize-HybridcUnifiedGroups Wait-HybridcNewGroup Add-HybridcUnifiedGroup Test-HybridcTenantAddress Get-HybridcExtraAddresses Sync-HybridcUnifiedGroup Sync-HybridcGroupLinks#2 Sync-HybridcGroupMembers Sync-HybridcGroupOwners Sync-HybridcGroupSubscribers#2 Read-HybridcEchoConfiguration Sync-HybridcEchoGroupMessages
#@ run engine-groups#4: head#2 Test-HybridcHiddenWrittenBack Sync-HybridcGroupWriteback#2
#@ run engine-groups#5: head Initialize-HybridcUnifiedGroups Wait-HybridcNewGroup Add-HybridcUnifiedGroup Test-HybridcTenantAddress Get-HybridcExtraAddresses Sync-HybridcUnifiedGroup Sync-HybridcGroupLinks Sync-HybridcGroupMembers Sync-HybridcGroupOwners Sync-HybridcGroupSubscribers#2
#@ run engine-groups#6: head Initialize-HybridcUnifiedGroups Wait-HybridcNewGroup Add-HybridcUnifiedGroup Test-HybridcTenantAddress Get-HybridcExtraAddresses Sync-HybridcUnifiedGroup#2 Sync-HybridcGroupLinks#3 Sync-HybridcGroupMembers Sync-HybridcGroupOwners Sync-HybridcGroupSubscribers
#@ piece head
# ---------------------------------------------------------------------------
# Microsoft 365 groups (seed 002). A group is found by its declared primary
# SMTP address among the SMTP addresses of every group (primary or not): its
# Name is DisplayName_<short guid>, and display names are not unique.

# The declared addresses of the groups the script reads one by one instead
# of every group of the tenant (a few groups declared, issue 16), or $null:
# the data lists them when the compiler chose so (model.UnifiedGroupNames).
$script:HybridcUnifiedGroupNames = $null
if ($HybridcDesired -is [System.Collections.IDictionary] -and $HybridcDesired.Contains('UnifiedGroupNames')) {
    $script:HybridcUnifiedGroupNames = @($HybridcDesired['UnifiedGroupNames'])
}

#@ piece head#2
# ---------------------------------------------------------------------------
# Microsoft 365 groups (seed 002). A group is found by its declared primary
# SMTP address among the SMTP addresses of every group (primary or not): its
# Name is DisplayName_<short guid>, and display names are not unique.

#@ piece Initialize-HybridcUnifiedGroups
function Initialize-HybridcUnifiedGroups {
    # Reads the Microsoft 365 groups once, every group or each declared
    # address ("not found": the group does not exist; any other failure
    # fails the read), and indexes them by their SMTP addresses.
    if ($script:HybridcLoaded.ContainsKey('unifiedGroup')) {
        return
    }
    $script:HybridcGroups = New-HybridcNameTable
    if ($null -eq $script:HybridcUnifiedGroupNames) {
        foreach ($group in (Invoke-HybridcCall -Call { Get-UnifiedGroup -ResultSize Unlimited -ErrorAction Stop })) {
            Add-HybridcUnifiedGroup -Group $group
        }
    }
    else {
        foreach ($address in $script:HybridcUnifiedGroupNames) {
            foreach ($group in @(Invoke-HybridcCall -AllowNotFound -Call { Get-UnifiedGroup -Identity $address -ErrorAction Stop })) {
                Add-HybridcUnifiedGroup -Group $group
            }
        }
    }
    $script:HybridcLoaded['unifiedGroup'] = $true
}

# A group New-UnifiedGroup has just created is often not found for a while
# (replication in Exchange Online): it is read back by its key at most
# $HybridcReplicationTries times, $HybridcReplicationWait seconds apart.
$HybridcReplicationTries = 6
$HybridcReplicationWait = 5
$script:HybridcUnreplicated = New-Object -TypeName 'System.Collections.Hashtable' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)

#@ piece Wait-HybridcNewGroup
function Wait-HybridcNewGroup {
    # Reads a group just created back until Exchange Online finds it ("not
    # found" is waited out; any other failure fails). Throws, naming the
    # group, when it is still not found.
    param([Parameter(Mandatory = $true)] $Group, [Parameter(Mandatory = $true)] [string]$Address)
    $key = Get-HybridcKey -Object $Group
    for ($try = 1; $try -le $HybridcReplicationTries; $try++) {
        $found = Select-HybridcFirst -Items @(Invoke-HybridcCall -AllowNotFound -Call { Get-UnifiedGroup -Identity $key -ErrorAction Stop })
        if ($null -ne $found) {
            return $found
        }
        if ($try -lt $HybridcReplicationTries) {
            Start-Sleep -Seconds $HybridcReplicationWait
        }
    }
    $script:HybridcUnreplicated[$Address] = $true
    throw ('the group ' + $Address + ' was created, but Exchange Online did not find it in ' + [string]$HybridcReplicationTries + ' reads ' + [string]$HybridcReplicationWait + ' s apart (replication): run the script again later; it then finds the group and sets the rest.')
}

#@ piece Add-HybridcUnifiedGroup
function Add-HybridcUnifiedGroup {
    # Indexes one group by its primary and secondary SMTP addresses.
    param([Parameter(Mandatory = $true)] $Group)
    $script:HybridcGroups[[string]$Group.PrimarySmtpAddress] = $Group
    foreach ($address in @(Get-HybridcValue -Object $Group -Name 'EmailAddresses')) {
        if ([string]$address -like 'smtp:*') {
            $script:HybridcGroups[([string]$address).Substring(5)] = $Group
        }
    }
    Add-HybridcDirectoryObject -Object $Group -Type 'recipient'
}

#@ piece Test-HybridcTenantAddress
function Test-HybridcTenantAddress {
    # Whether an address is in one of the tenant's Microsoft-managed
    # domains (<tenant>.onmicrosoft.com, <tenant>.mail.onmicrosoft.com, and
    # their onmicrosoft.us and onmschina.cn twins): Exchange Online stamps
    # <alias>@<tenant>.onmicrosoft.com on every new group (behaviour table
    # row New-UnifiedGroup), and mail routes to it without writeback.
    param([Parameter(Mandatory = $true)] [string]$Address)
    $domain = $Address.Substring($Address.LastIndexOf('@') + 1)
    foreach ($suffix in @('.onmicrosoft.com', '.onmicrosoft.us', '.onmschina.cn')) {
        if ($domain.EndsWith($suffix, [System.StringComparison]::OrdinalIgnoreCase)) {
            return $true
        }
    }
    return $false
}

#@ piece Get-HybridcExtraAddresses
function Get-HybridcExtraAddresses {
    # The SMTP addresses of a group besides the declared ones: seed 002 wants
    # one custom-domain address per group, since only the primary one is
    # written back. The tenant's own onmicrosoft addresses are not counted.
    param([Parameter(Mandatory = $true)] $Group, [Parameter(Mandatory = $true)] $Item)
    $declared = New-HybridcNameTable
    foreach ($address in @(@([string]$Item.PrimarySmtpAddress) + @($Item.AdditionalAddresses))) {
        $declared[[string]$address] = $true
    }
    $extra = @()
    foreach ($address in @(Get-HybridcValue -Object $Group -Name 'EmailAddresses')) {
        $text = [string]$address
        if ($text -like 'smtp:*' -and -not $declared.ContainsKey($text.Substring(5)) -and -not (Test-HybridcTenantAddress -Address $text.Substring(5))) {
            $extra += $text
        }
    }
    return $extra
}

#@ piece Sync-HybridcUnifiedGroup
function Sync-HybridcUnifiedGroup {
    # Microsoft 365 groups: created with their primary SMTP address, alias
    # and access type, and left with the declared addresses only; existing
    # ones have their declared settings compared.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcUnifiedGroups
    } -Each {
        param($item)
        $current = $script:HybridcGroups[[string]$item.PrimarySmtpAddress]
        $pending = 'unifiedGroup/' + [string]$item.PrimarySmtpAddress
        if ($null -eq $current) {
            $create = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action ('New-UnifiedGroup ' + [string]$item.PrimarySmtpAddress) -Done 'created' -PendingKey $pending -Change {
                $group = Select-HybridcFirst -Items @(Invoke-HybridcCall -Change -Call { New-UnifiedGroup -DisplayName ([string]$item.Name) -Alias ([string]$item.Alias) -PrimarySmtpAddress ([string]$item.PrimarySmtpAddress) @create -Confirm:$false -ErrorAction Stop })
                $group = Wait-HybridcNewGroup -Group $group -Address ([string]$item.PrimarySmtpAddress)
                Add-HybridcUnifiedGroup -Group $group
                $extra = @(Get-HybridcExtraAddresses -Group $group -Item $item)
                if ($extra.Count -gt 0) {
                    # The group exists from here on: a failure to trim its
                    # addresses (replication right after creation) is a
                    # warning; every run reports addresses left over.
                    $groupKey = Get-HybridcKey -Object $group
                    try {
                        $null = Invoke-HybridcCall -Change -Call { Set-UnifiedGroup -Identity $groupKey -EmailAddresses @{ Remove = $extra } -Confirm:$false -ErrorAction Stop }
                    }
                    catch {
                        Write-Warning ('The group ' + [string]$item.PrimarySmtpAddress + ' was created, but its other addresses were not removed: ' + $_.Exception.Message)
                    }
                }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        # A group found by one of its other SMTP addresses gets the declared
        # address as its primary one (its old primary stays a secondary
        # address, reported below): it is the same group, its mail, files
        # and Teams with it.
        $drift = Get-HybridcDrift -Current $current -Properties (@($item.Properties) + @(@{ Name = 'DisplayName'; Compare = ''; Value = [string]$item.Name }, @{ Name = 'PrimarySmtpAddress'; Compare = ''; Value = [string]$item.PrimarySmtpAddress })) -Details $details
        $extra = @(Get-HybridcExtraAddresses -Group $current -Item $item)
        $note = ''
        if ($extra.Count -gt 0) {
            $note = 'has more SMTP addresses than declared, which group writeback does not carry: ' + ($extra -join ', ')
        }
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $note
            return
        }
        $key = Get-HybridcKey -Object $current
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-UnifiedGroup -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcUnifiedGroup#2
function Sync-HybridcUnifiedGroup {
    # Microsoft 365 groups: created with their primary SMTP address, alias
    # and access type, and left with the declared addresses only; existing
    # ones have their declared settings compared.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcUnifiedGroups
    } -Each {
        param($item)
        $current = $script:HybridcGroups[[string]$item.PrimarySmtpAddress]
        $pending = 'unifiedGroup/' + [string]$item.PrimarySmtpAddress
        if ($null -eq $current) {
            $create = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action ('New-UnifiedGroup ' + [string]$item.PrimarySmtpAddress) -Done 'created' -PendingKey $pending -Change {
                $group = Select-HybridcFirst -Items @(Invoke-HybridcCall -Change -Call { New-UnifiedGroup -DisplayName ([string]$item.Name) -Alias ([string]$item.Alias) -PrimarySmtpAddress ([string]$item.PrimarySmtpAddress) @create -Confirm:$false -ErrorAction Stop })
                $group = Wait-HybridcNewGroup -Group $group -Address ([string]$item.PrimarySmtpAddress)
                Add-HybridcUnifiedGroup -Group $group
                $extra = @(Get-HybridcExtraAddresses -Group $group -Item $item)
                if ($extra.Count -gt 0) {
                    # The group exists from here on: a failure to trim its
                    # addresses (replication right after creation) is a
                    # warning; every run reports addresses left over.
                    $groupKey = Get-HybridcKey -Object $group
                    try {
                        $null = Invoke-HybridcCall -Change -Call { Set-UnifiedGroup -Identity $groupKey -EmailAddresses @{ Remove = $extra } -Confirm:$false -ErrorAction Stop }
                    }
                    catch {
                        Write-Warning ('The group ' + [string]$item.PrimarySmtpAddress + ' was created, but its other addresses were not removed: ' + $_.Exception.Message)
                    }
                }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        # A group found by one of its other SMTP addresses gets the declared
        # address as its primary one (its old primary stays a secondary
        # address, reported below): it is the same group, its mail, files
        # and Teams with it.
        $drift = Get-HybridcDrift -Current $current -Properties (@($item.Properties) + @(@{ Name = 'DisplayName'; Compare = ''; Value = [string]$item.Name }, @{ Name = 'PrimarySmtpAddress'; Compare = ''; Value = [string]$item.PrimarySmtpAddress })) -Details $details
        $extra = @(Get-HybridcExtraAddresses -Group $current -Item $item)
        $note = ''
        if ($extra.Count -gt 0) {
            $note = 'has more SMTP addresses than declared, which group writeback does not carry: ' + ($extra -join ', ')
        }
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $note
            return
        }
        $key = Get-HybridcKey -Object $current
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-UnifiedGroup -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

# The undeclared members of each exclusive group (by its key) that the
# members step kept because they are owners: the owners step removes them
# from the members too, once it has removed them as owners.
$script:HybridcOwnerMembers = @{}

#@ piece Sync-HybridcGroupLinks
function Sync-HybridcGroupLinks {
    # A group's members, owners or unsubscribed members. Members and owners
    # are added when missing; with Exclusive, links not declared are removed
    # (members who are owners are kept: Exchange refuses to remove them; the
    # owners step removes an undeclared owner from the members after
    # removing it as owner, so that one run converges).
    # The removal code is in the script only when the configuration declares
    # an exclusive set or unsubscribed members.
    # Unsubscribed members are removed from the subscribers when present.
    param($Items, [Parameter(Mandatory = $true)] [string]$LinkType)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcUnifiedGroups
        Initialize-HybridcDirectory -Recipients
    } -Each {
        param($item)
        $wanted = @{}
        foreach ($link in @($item.Links)) {
            $wanted[(Resolve-HybridcPrincipal -Name ([string]$link)).Guid] = [string]$link
        }
        $group = $script:HybridcGroups[[string]$item.Group]
        if ($null -eq $group) {
            if (Test-HybridcPending -Key ('unifiedGroup/' + [string]$item.Group)) {
                if ($wanted.Count -eq 0 -or $LinkType -eq 'Subscribers') {
                    # Nothing to add to the group once it exists, and no
                    # subscriber to remove: New-UnifiedGroup is never given
                    # -AutoSubscribeNewMembers (plan --state says so too).
                    Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'the group would be created'
                    return
                }
                $status = 'skipped'
                if ($Check) {
                    $status = 'drifted'
                }
                Add-HybridcResult -Item $item -Status $status -Detail ('the group would be created; ' + $LinkType + ': ' + (@($wanted.Values) -join ', '))
                return
            }
            if ($script:HybridcUnreplicated.ContainsKey([string]$item.Group)) {
                throw ('the group ' + [string]$item.Group + ' was created in this run but Exchange Online does not find it yet (replication): run the script again later.')
            }
            throw ('no Microsoft 365 group has the address ' + [string]$item.Group + '.')
        }
        $key = Get-HybridcKey -Object $group
        $current = @(Invoke-HybridcCall -Call { Get-UnifiedGroupLinks -Identity $key -LinkType $LinkType -ResultSize Unlimited -ErrorAction Stop })
        $have = Get-HybridcPrincipalGuids -Values $current
        $add = @($wanted.Keys | Where-Object { -not $have.ContainsKey($_) })
        $remove = @()
        if ($add.Count -eq 0 -and $remove.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $action = @()
        if ($add.Count -gt 0) {
            $action += 'add ' + (@($add | ForEach-Object { $wanted[$_] }) -join ', ')
        }
        if ($remove.Count -gt 0) {
            $action += 'remove (exclusive) ' + (@($remove | ForEach-Object { Get-HybridcRecordValue -Record $script:HybridcObjects[$_] -Name 'PrimarySmtpAddress' }) -join ', ')
        }
        $null = Invoke-HybridcChange -Item $item -Action ($LinkType + ': ' + ($action -join '; ')) -Done 'updated' -Change {
            if ($add.Count -gt 0) {
                $null = Invoke-HybridcCall -Change -Call { Add-UnifiedGroupLinks -Identity $key -LinkType $LinkType -Links $add -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}
#@ piece Sync-HybridcGroupLinks#2
function Sync-HybridcGroupLinks {
    # A group's members, owners or unsubscribed members. Members and owners
    # are added when missing; with Exclusive, links not declared are removed
    # (members who are owners are kept: Exchange refuses to remove them; the
    # owners step removes an undeclared owner from the members after
    # removing it as owner, so that one run converges).
    # The removal code is in the script only when the configuration declares
    # an exclusive set or unsubscribed members.
    # Unsubscribed members are removed from the subscribers when present.
    param($Items, [Parameter(Mandatory = $true)] [string]$LinkType)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcUnifiedGroups
        Initialize-HybridcDirectory -Recipients
    } -Each {
        param($item)
        $wanted = @{}
        foreach ($link in @($item.Links)) {
            $wanted[(Resolve-HybridcPrincipal -Name ([string]$link)).Guid] = [string]$link
        }
        $group = $script:HybridcGroups[[string]$item.Group]
        if ($null -eq $group) {
            if (Test-HybridcPending -Key ('unifiedGroup/' + [string]$item.Group)) {
                if ($wanted.Count -eq 0 -or $LinkType -eq 'Subscribers') {
                    # Nothing to add to the group once it exists, and no
                    # subscriber to remove: New-UnifiedGroup is never given
                    # -AutoSubscribeNewMembers (plan --state says so too).
                    Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'the group would be created'
                    return
                }
                $status = 'skipped'
                if ($Check) {
                    $status = 'drifted'
                }
                Add-HybridcResult -Item $item -Status $status -Detail ('the group would be created; ' + $LinkType + ': ' + (@($wanted.Values) -join ', '))
                return
            }
            if ($script:HybridcUnreplicated.ContainsKey([string]$item.Group)) {
                throw ('the group ' + [string]$item.Group + ' was created in this run but Exchange Online does not find it yet (replication): run the script again later.')
            }
            throw ('no Microsoft 365 group has the address ' + [string]$item.Group + '.')
        }
        $key = Get-HybridcKey -Object $group
        $current = @(Invoke-HybridcCall -Call { Get-UnifiedGroupLinks -Identity $key -LinkType $LinkType -ResultSize Unlimited -ErrorAction Stop })
        $have = Get-HybridcPrincipalGuids -Values $current
        if ($LinkType -eq 'Subscribers') {
            $unsubscribe = @($wanted.Keys | Where-Object { $have.ContainsKey($_) })
            if ($unsubscribe.Count -eq 0) {
                Add-HybridcResult -Item $item -Status 'unchanged'
                return
            }
            $null = Invoke-HybridcChange -Item $item -Action ('unsubscribe ' + (@($unsubscribe | ForEach-Object { $wanted[$_] }) -join ', ')) -Done 'updated' -Change {
                $null = Invoke-HybridcCall -Change -Call { Remove-UnifiedGroupLinks -Identity $key -LinkType 'Subscribers' -Links $unsubscribe -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $add = @($wanted.Keys | Where-Object { -not $have.ContainsKey($_) })
        $remove = @()
        if ($add.Count -eq 0 -and $remove.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $action = @()
        if ($add.Count -gt 0) {
            $action += 'add ' + (@($add | ForEach-Object { $wanted[$_] }) -join ', ')
        }
        if ($remove.Count -gt 0) {
            $action += 'remove (exclusive) ' + (@($remove | ForEach-Object { Get-HybridcRecordValue -Record $script:HybridcObjects[$_] -Name 'PrimarySmtpAddress' }) -join ', ')
        }
        $null = Invoke-HybridcChange -Item $item -Action ($LinkType + ': ' + ($action -join '; ')) -Done 'updated' -Change {
            if ($add.Count -gt 0) {
                $null = Invoke-HybridcCall -Change -Call { Add-UnifiedGroupLinks -Identity $key -LinkType $LinkType -Links $add -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}
#@ piece Sync-HybridcGroupLinks#3
function Sync-HybridcGroupLinks {
    # A group's members, owners or unsubscribed members. Members and owners
    # are added when missing; with Exclusive, links not declared are removed
    # (members who are owners are kept: Exchange refuses to remove them; the
    # owners step removes an undeclared owner from the members after
    # removing it as owner, so that one run converges).
    # The removal code is in the script only when the configuration declares
    # an exclusive set or unsubscribed members.
    # Unsubscribed members are removed from the subscribers when present.
    param($Items, [Parameter(Mandatory = $true)] [string]$LinkType)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcUnifiedGroups
        Initialize-HybridcDirectory -Recipients
    } -Each {
        param($item)
        $wanted = @{}
        foreach ($link in @($item.Links)) {
            $wanted[(Resolve-HybridcPrincipal -Name ([string]$link)).Guid] = [string]$link
        }
        $group = $script:HybridcGroups[[string]$item.Group]
        if ($null -eq $group) {
            if (Test-HybridcPending -Key ('unifiedGroup/' + [string]$item.Group)) {
                if ($wanted.Count -eq 0 -or $LinkType -eq 'Subscribers') {
                    # Nothing to add to the group once it exists, and no
                    # subscriber to remove: New-UnifiedGroup is never given
                    # -AutoSubscribeNewMembers (plan --state says so too).
                    Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'the group would be created'
                    return
                }
                $status = 'skipped'
                if ($Check) {
                    $status = 'drifted'
                }
                Add-HybridcResult -Item $item -Status $status -Detail ('the group would be created; ' + $LinkType + ': ' + (@($wanted.Values) -join ', '))
                return
            }
            if ($script:HybridcUnreplicated.ContainsKey([string]$item.Group)) {
                throw ('the group ' + [string]$item.Group + ' was created in this run but Exchange Online does not find it yet (replication): run the script again later.')
            }
            throw ('no Microsoft 365 group has the address ' + [string]$item.Group + '.')
        }
        $key = Get-HybridcKey -Object $group
        $current = @(Invoke-HybridcCall -Call { Get-UnifiedGroupLinks -Identity $key -LinkType $LinkType -ResultSize Unlimited -ErrorAction Stop })
        $have = Get-HybridcPrincipalGuids -Values $current
        $add = @($wanted.Keys | Where-Object { -not $have.ContainsKey($_) })
        $remove = @()
        $unmember = @()
        if (Test-HybridcFlag -Item $item -Name 'Exclusive') {
            $keep = @{}
            if ($LinkType -eq 'Members') {
                $keep = Get-HybridcPrincipalGuids -Values (Invoke-HybridcCall -Call { Get-UnifiedGroupLinks -Identity $key -LinkType 'Owners' -ResultSize Unlimited -ErrorAction Stop })
                $script:HybridcOwnerMembers[$key] = @($have.Keys | Where-Object { -not $wanted.ContainsKey($_) -and $keep.ContainsKey($_) })
            }
            $remove = @($have.Keys | Where-Object { -not $wanted.ContainsKey($_) -and -not $keep.ContainsKey($_) })
            if ($LinkType -eq 'Owners' -and $remove.Count -gt 0 -and ($have.Count + $add.Count - $remove.Count) -lt 1) {
                # Exchange Online keeps at least one owner (the account that
                # created the group, unless it named another).
                throw ('a Microsoft 365 group keeps at least one owner: declare the owners of ' + [string]$item.Group + ' (now: ' + (@($remove | ForEach-Object { Get-HybridcRecordValue -Record $script:HybridcObjects[$_] -Name 'PrimarySmtpAddress' }) -join ', ') + ').')
            }
            if ($LinkType -eq 'Owners' -and $script:HybridcOwnerMembers.ContainsKey($key)) {
                $unmember = @($remove | Where-Object { @($script:HybridcOwnerMembers[$key]) -contains $_ })
            }
        }
        if ($add.Count -eq 0 -and $remove.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $action = @()
        if ($add.Count -gt 0) {
            $action += 'add ' + (@($add | ForEach-Object { $wanted[$_] }) -join ', ')
        }
        if ($remove.Count -gt 0) {
            $action += 'remove (exclusive) ' + (@($remove | ForEach-Object { Get-HybridcRecordValue -Record $script:HybridcObjects[$_] -Name 'PrimarySmtpAddress' }) -join ', ')
        }
        if ($unmember.Count -gt 0) {
            $action += 'then from the members (exclusive) ' + (@($unmember | ForEach-Object { Get-HybridcRecordValue -Record $script:HybridcObjects[$_] -Name 'PrimarySmtpAddress' }) -join ', ')
        }
        $null = Invoke-HybridcChange -Item $item -Action ($LinkType + ': ' + ($action -join '; ')) -Done 'updated' -Change {
            if ($add.Count -gt 0) {
                $null = Invoke-HybridcCall -Change -Call { Add-UnifiedGroupLinks -Identity $key -LinkType $LinkType -Links $add -Confirm:$false -ErrorAction Stop }
            }
            if ($remove.Count -gt 0) {
                $null = Invoke-HybridcCall -Change -Call { Remove-UnifiedGroupLinks -Identity $key -LinkType $LinkType -Links $remove -Confirm:$false -ErrorAction Stop }
            }
            if ($unmember.Count -gt 0) {
                $null = Invoke-HybridcCall -Change -Call { Remove-UnifiedGroupLinks -Identity $key -LinkType 'Members' -Links $unmember -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}
#@ piece Sync-HybridcGroupMembers
function Sync-HybridcGroupMembers {
    # Members of Microsoft 365 groups (owners are made members first).
    param($Items)
    Sync-HybridcGroupLinks -Items $Items -LinkType 'Members'
}

#@ piece Sync-HybridcGroupOwners
function Sync-HybridcGroupOwners {
    # Owners of Microsoft 365 groups.
    param($Items)
    Sync-HybridcGroupLinks -Items $Items -LinkType 'Owners'
}

#@ piece Sync-HybridcGroupSubscribers
function Sync-HybridcGroupSubscribers {
    # On-premises members who must not get the group's mail in their inbox.
    param($Items)
    Sync-HybridcGroupLinks -Items $Items -LinkType 'Subscribers'
}
#@ piece Sync-HybridcGroupSubscribers#2
function Sync-HybridcGroupSubscribers {
    # On-premises members who must not get the group's mail in their inbox.
    param($Items)
    Sync-HybridcGroupLinks -Items $Items -LinkType 'Subscribers'
}

#@ piece Test-HybridcHiddenWrittenBack
function Test-HybridcHiddenWrittenBack {
    # Whether a written-back group is hidden from address lists and carries
    # its declared address: Update-Recipient adds a hidden group to no
    # address list, so its AddressListMembership stays empty whatever the
    # script does; being a recipient with its address is all there is to
    # converge to (behaviour table row Update-Recipient).
    param([Parameter(Mandatory = $true)] $Object, [Parameter(Mandatory = $true)] [string]$Address)
    if (-not (Test-HybridcFlag -Item $Object -Name 'HiddenFromAddressListsEnabled')) {
        return $false
    }
    if (Test-HybridcSameName -A (Get-HybridcValue -Object $Object -Name 'PrimarySmtpAddress') -B $Address) {
        return $true
    }
    return (@(Get-HybridcValue -Object $Object -Name 'EmailAddresses' | Where-Object { Test-HybridcSameName -A $_ -B ('smtp:' + $Address) }).Count -gt 0)
}

#@ piece Sync-HybridcGroupWriteback
function Sync-HybridcGroupWriteback {
    # Groups Entra Connect wrote back appear in the on-premises address
    # lists only after Update-Recipient; a group hidden from address lists
    # is in sync once it is a recipient with its address.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients
    } -Each {
        param($item)
        if ($script:HybridcIndex[[string]$item.Name] -eq '*ambiguous*') {
            throw ('''' + [string]$item.Name + ''' names several objects on-premises.')
        }
        $record = Find-HybridcPrincipal -Value ([string]$item.Name)
        if ($null -eq $record) {
            $status = 'skipped'
            if ($Check) {
                $status = 'drifted'
            }
            Add-HybridcResult -Item $item -Status $status -Detail 'not written back yet: run this script again after Entra Connect has synchronized the group'
            return
        }
        # What Get-Recipient returned (an earlier step may have read the
        # same object with Get-User, which has no address lists).
        $object = $record['recipient']
        if ($null -eq $object) {
            $object = $record.Object
        }
        if (@(Get-HybridcValue -Object $object -Name 'AddressListMembership' | Where-Object { $null -ne $_ }).Count -gt 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        if (Test-HybridcHiddenWrittenBack -Object $object -Address ([string]$item.Name)) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'hidden from address lists: Update-Recipient adds it to none'
            return
        }
        $key = $record.Guid
        $null = Invoke-HybridcChange -Item $item -Action 'Update-Recipient (add to the address lists)' -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Update-Recipient -Identity $key -Confirm:$false -ErrorAction Stop }
        }
    }
}
#@ piece Sync-HybridcGroupWriteback#2
function Sync-HybridcGroupWriteback {
    # Groups Entra Connect wrote back appear in the on-premises address
    # lists only after Update-Recipient; a group hidden from address lists
    # is in sync once it is a recipient with its address.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients
    } -Each {
        param($item)
        if ($script:HybridcIndex[[string]$item.Name] -eq '*ambiguous*') {
            throw ('''' + [string]$item.Name + ''' names several objects on-premises.')
        }
        $record = Find-HybridcPrincipal -Value ([string]$item.Name)
        if ($null -eq $record) {
            $status = 'skipped'
            if ($Check) {
                $status = 'drifted'
            }
            Add-HybridcResult -Item $item -Status $status -Detail 'not written back yet: run this script again after Entra Connect has synchronized the group'
            return
        }
        # What Get-Recipient returned (an earlier step may have read the
        # same object with Get-User, which has no address lists).
        $object = $record['recipient']
        if ($null -eq $object) {
            $object = $record.Object
        }
        if (@(Get-HybridcValue -Object $object -Name 'AddressListMembership' | Where-Object { $null -ne $_ }).Count -gt 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        if (Test-HybridcHiddenWrittenBack -Object $object -Address ([string]$item.Name)) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'hidden from address lists: Update-Recipient adds it to none'
            return
        }
        $key = $record.Guid
        $null = Invoke-HybridcChange -Item $item -Action 'Update-Recipient (add to the address lists)' -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Update-Recipient -Identity $key -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Read-HybridcEchoConfiguration
function Read-HybridcEchoConfiguration {
    # The message configuration of a mail user, read by piping it into
    # Get-MailboxMessageConfiguration, or $null when Exchange refuses that
    # read for a mail user (unconfirmed: seed 002 only sets it, and a mail
    # user has no mailbox in Exchange Online). Throttling, transient
    # failures, denied access and organization customization still fail.
    param([Parameter(Mandatory = $true)] $MailUser)
    try {
        return (Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { $MailUser | Get-MailboxMessageConfiguration -ErrorAction Stop }))
    }
    catch {
        if (@('other', 'notFound', 'ambiguous') -notcontains [string]$_.Exception.Data['HybridcErrorKind']) {
            throw
        }
        $script:HybridcEchoUnread = $_.Exception.Message
        return $null
    }
}

#@ piece Sync-HybridcEchoGroupMessages
function Sync-HybridcEchoGroupMessages {
    # Whether on-premises members get copies of their own posts: a setting
    # of the member's mail user in Exchange Online, set the way seed 002
    # does (Get-MailUser piped into Set-MailboxMessageConfiguration). It is
    # read the same way when Exchange allows it; when it refuses the read,
    # -Check reports the setting unknown and a run sets it (the seed's
    # command: setting it again changes nothing).
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients
    } -Each {
        param($item)
        $record = Resolve-HybridcPrincipal -Name ([string]$item.Name)
        $key = $record.Guid
        $mailUser = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MailUser -Identity $key -ErrorAction Stop })
        $configuration = Read-HybridcEchoConfiguration -MailUser $mailUser
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        if ($null -eq $configuration) {
            $unread = 'cannot be read for a mail user (' + [string]$script:HybridcEchoUnread + ')'
            if ($Check) {
                Add-HybridcResult -Item $item -Status 'unknown' -Detail ($unread + '; a run sets it as seed 002 does')
                return
            }
            $drift = ConvertTo-HybridcSplat -Properties $item.Properties
            foreach ($name in @($drift.Keys | Sort-Object)) {
                $details.Add($name + ' = ' + [string]$drift[$name])
            }
            $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ') + ' (' + $unread + ')') -Done 'updated' -Change {
                $null = Invoke-HybridcCall -Change -Call { $mailUser | Set-MailboxMessageConfiguration @drift -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $drift = Get-HybridcDrift -Current $configuration -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { $mailUser | Set-MailboxMessageConfiguration @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

