#@ run engine-rbac: head Get-HybridcAssignedRoles Get-HybridcCurrentAccountSid Get-HybridcRunningAccount Sync-HybridcRoleGroup Sync-HybridcRoleAssignmentPolicy
#@ run engine-rbac#2: head Get-HybridcAssignedRoles Get-HybridcCurrentAccountSid Get-HybridcRunningAccount Sync-HybridcRoleGroup
#@ run engine-rbac#3: head Get-HybridcAssignedRoles Get-HybridcCurrentAccountSid Get-HybridcRunningAccount Sync-HybridcRoleGroup Sync-HybridcRoleAssignmentPolicy Sync-HybridcMailboxRoleAssignmentPolicy
#@ run engine-rbac#4: head Get-HybridcAssignedRoles Sync-HybridcRoleAssignmentPolicy#2 Sync-HybridcMailboxRoleAssignmentPolicy#2
#@ run engine-rbac#5: head Get-HybridcAssignedRoles Get-HybridcCurrentAccountSid Get-HybridcRunningAccount Sync-HybridcRoleGroup#2
#@ piece head
# ---------------------------------------------------------------------------
# RBAC (seed 003): role groups, role assignment policies and the policy of
# each mailbox, per organization. Members and roles are added; nothing is
# removed unless the configuration declares the set exclusive, and then
# never the account running this script, never a group from a built-in
# role group, and never a built-in role group's last member.

#@ piece Get-HybridcAssignedRoles
function Get-HybridcAssignedRoles {
    # The regular (not delegating) role assignments made directly to a role
    # group or policy, by lower-case role name, each role with all of its
    # assignments (scoped ones included). -RoleAssignee alone also returns
    # assignments the assignee only inherits through another group or
    # policy; those are neither counted nor ever removed.
    param([Parameter(Mandatory = $true)] [string]$Assignee)
    $roles = New-HybridcNameTable
    foreach ($assignment in @(Invoke-HybridcCall -Call { Get-ManagementRoleAssignment -RoleAssignee $Assignee -AssignmentMethod 'Direct' -Delegating:$false -ErrorAction Stop })) {
        if (-not (Test-HybridcSameName -A (Get-HybridcValue -Object $assignment -Name 'RoleAssigneeName') -B $Assignee)) {
            continue
        }
        $role = ([string]$assignment.Role).ToLowerInvariant()
        if (-not $roles.ContainsKey($role)) {
            $roles[$role] = New-Object -TypeName 'System.Collections.ArrayList'
        }
        $null = $roles[$role].Add($assignment)
    }
    return $roles
}

#@ piece Get-HybridcCurrentAccountSid
function Get-HybridcCurrentAccountSid {
    # The SID of the Windows account running this script; a failure stops
    # the resource. (One Windows API call: hybridc's simulator stands in for
    # this function on Linux.)
    return [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value
}

#@ piece Get-HybridcRunningAccount
function Get-HybridcRunningAccount {
    # The directory Guid of the account running this script, or '' when it
    # cannot be told (app-only or certificate sign-in, a session opened with
    # other credentials than this Windows account's).
    $name = ''
    if ($null -ne (Get-Variable -Name 'HybridcConnection' -Scope 'Script' -ErrorAction SilentlyContinue)) {
        $name = [string](Get-HybridcValue -Object $script:HybridcConnection -Name 'UserPrincipalName')
    }
    else {
        $name = Get-HybridcCurrentAccountSid
    }
    $record = Find-HybridcPrincipal -Value $name
    if ($null -eq $record) {
        return ''
    }
    return $record.Guid
}

#@ piece Sync-HybridcRoleGroup
function Sync-HybridcRoleGroup {
    # Role groups, read once; members resolved as security principals
    # (users and groups, mail-enabled or not) and compared by Guid.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcRoleGroups = @(Invoke-HybridcCall -Call { Get-RoleGroup -ResultSize Unlimited -ErrorAction Stop })
        Initialize-HybridcDirectory -Recipients -Users -Groups
    } -Each {
        param($item)
        $current = @($script:HybridcRoleGroups | Where-Object { Test-HybridcSameName -A $_.Name -B $item.Name })
        $wanted = @{}
        foreach ($member in @($item.Members)) {
            $wanted[(Resolve-HybridcPrincipal -Name ([string]$member)).Guid] = [string]$member
        }
        $roles = @(@($item.Roles) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        if ($current.Count -eq 0) {
            $members = @($wanted.Keys)
            # A list parameter is passed only when its list has entries:
            # whether Exchange accepts an empty -Roles or -Members is not
            # documented (behaviour table row New-RoleGroup).
            $create = @{}
            if ($roles.Count -gt 0) {
                $create['Roles'] = $roles
            }
            if ($members.Count -gt 0) {
                $create['Members'] = $members
            }
            $null = Invoke-HybridcChange -Item $item -Action ('New-RoleGroup with ' + [string]$roles.Count + ' roles and ' + [string]$members.Count + ' members') -Done 'created' -PendingKey ('roleGroup/' + [string]$item.Name) -Change {
                $null = Invoke-HybridcCall -Change -Call { New-RoleGroup -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        # Role group cmdlets document the name as their identity form.
        $key = [string]$current[0].Name
        $members = @(Invoke-HybridcCall -Call { Get-RoleGroupMember -Identity $key -ResultSize Unlimited -ErrorAction Stop })
        $have = Get-HybridcPrincipalGuids -Values $members
        $assigned = Get-HybridcAssignedRoles -Assignee $key
        $addMembers = @($wanted.Keys | Where-Object { -not $have.ContainsKey($_) })
        $addRoles = @($roles | Where-Object { -not $assigned.ContainsKey($_.ToLowerInvariant()) })
        $removeMembers = @()
        $removeRoles = @()
        $kept = @()
        $action = @()
        if ($addMembers.Count -gt 0) {
            $action += 'add members ' + (@($addMembers | ForEach-Object { $wanted[$_] }) -join ', ')
        }
        if ($addRoles.Count -gt 0) {
            $action += 'assign roles ' + ($addRoles -join ', ')
        }
        if ($removeMembers.Count -gt 0) {
            $action += 'remove members (exclusive) ' + (@($removeMembers | ForEach-Object { Get-HybridcRecordValue -Record $script:HybridcObjects[$_] -Name 'Name' }) -join ', ')
        }
        if ($removeRoles.Count -gt 0) {
            $action += 'remove roles (exclusive) ' + ($removeRoles -join ', ')
        }
        if ($kept.Count -gt 0) {
            $action += 'kept ' + ($kept -join ', ')
        }
        if ($addMembers.Count + $addRoles.Count + $removeMembers.Count + $removeRoles.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail (@($action) -join '; ')
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action ($action -join '; ') -Done 'updated' -Change {
            foreach ($guid in $addMembers) {
                $null = Invoke-HybridcCall -Change -Call { Add-RoleGroupMember -Identity $key -Member $guid -BypassSecurityGroupManagerCheck:$true -Confirm:$false -ErrorAction Stop }
            }
            foreach ($role in $addRoles) {
                $null = Invoke-HybridcCall -Change -Call { New-ManagementRoleAssignment -SecurityGroup $key -Role $role -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}

#@ piece Sync-HybridcRoleGroup#2
function Sync-HybridcRoleGroup {
    # Role groups, read once; members resolved as security principals
    # (users and groups, mail-enabled or not) and compared by Guid.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcRoleGroups = @(Invoke-HybridcCall -Call { Get-RoleGroup -ResultSize Unlimited -ErrorAction Stop })
        Initialize-HybridcDirectory -Recipients -Users -Groups
    } -Each {
        param($item)
        $current = @($script:HybridcRoleGroups | Where-Object { Test-HybridcSameName -A $_.Name -B $item.Name })
        $wanted = @{}
        foreach ($member in @($item.Members)) {
            $wanted[(Resolve-HybridcPrincipal -Name ([string]$member)).Guid] = [string]$member
        }
        $roles = @(@($item.Roles) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        if ($current.Count -eq 0) {
            $members = @($wanted.Keys)
            # A list parameter is passed only when its list has entries:
            # whether Exchange accepts an empty -Roles or -Members is not
            # documented (behaviour table row New-RoleGroup).
            $create = @{}
            if ($roles.Count -gt 0) {
                $create['Roles'] = $roles
            }
            if ($members.Count -gt 0) {
                $create['Members'] = $members
            }
            $null = Invoke-HybridcChange -Item $item -Action ('New-RoleGroup with ' + [string]$roles.Count + ' roles and ' + [string]$members.Count + ' members') -Done 'created' -PendingKey ('roleGroup/' + [string]$item.Name) -Change {
                $null = Invoke-HybridcCall -Change -Call { New-RoleGroup -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        # Role group cmdlets document the name as their identity form.
        $key = [string]$current[0].Name
        $members = @(Invoke-HybridcCall -Call { Get-RoleGroupMember -Identity $key -ResultSize Unlimited -ErrorAction Stop })
        $have = Get-HybridcPrincipalGuids -Values $members
        $assigned = Get-HybridcAssignedRoles -Assignee $key
        $addMembers = @($wanted.Keys | Where-Object { -not $have.ContainsKey($_) })
        $addRoles = @($roles | Where-Object { -not $assigned.ContainsKey($_.ToLowerInvariant()) })
        $removeMembers = @()
        $removeRoles = @()
        $kept = @()
        if (Test-HybridcFlag -Item $item -Name 'Exclusive') {
            $builtIn = Test-HybridcFlag -Item $item -Name 'BuiltIn'
            $me = Get-HybridcRunningAccount
            if ($builtIn -and $me -eq '') {
                throw 'cannot tell which account runs this script (app-only or certificate sign-in, or other credentials): refusing to remove members from a built-in role group.'
            }
            if ($builtIn -and $wanted.Count -lt 2) {
                # HC0331 at run time: the declared members counted as the
                # accounts they resolve to (by Guid).
                throw ('the declared members (' + (@($item.Members) -join ', ') + ') resolve to ' + [string]$wanted.Count + ' account(s) in this organization: refusing to replace the members of a built-in role group with fewer than two different accounts; add another administrator''s account.')
            }
            if (@($members | Where-Object { [string](Get-HybridcValue -Object $_ -Name 'Guid') -eq '' }).Count -gt 0) {
                throw 'a member of the group names no single object in this organization: refusing to replace its members.'
            }
            foreach ($member in $members) {
                $guid = [string](Get-HybridcValue -Object $member -Name 'Guid')
                if ($guid -eq '' -or $wanted.ContainsKey($guid)) {
                    continue
                }
                if ($guid -eq $me) {
                    $kept += 'the account running this script'
                }
                elseif ($builtIn -and [string](Get-HybridcValue -Object $member -Name 'RecipientType') -like '*Group*') {
                    $kept += 'the group ' + [string](Get-HybridcValue -Object $member -Name 'Name')
                }
                else {
                    $removeMembers += $guid
                }
            }
            if (-not (Test-HybridcFlag -Item $item -Name 'BuiltIn')) {
                $wantedRoles = @(ConvertTo-HybridcStrings -Value $roles)
                $removeRoles = @($assigned.Keys | Where-Object { $wantedRoles -notcontains $_ })
            }
        }
        $action = @()
        if ($addMembers.Count -gt 0) {
            $action += 'add members ' + (@($addMembers | ForEach-Object { $wanted[$_] }) -join ', ')
        }
        if ($addRoles.Count -gt 0) {
            $action += 'assign roles ' + ($addRoles -join ', ')
        }
        if ($removeMembers.Count -gt 0) {
            $action += 'remove members (exclusive) ' + (@($removeMembers | ForEach-Object { Get-HybridcRecordValue -Record $script:HybridcObjects[$_] -Name 'Name' }) -join ', ')
        }
        if ($removeRoles.Count -gt 0) {
            $action += 'remove roles (exclusive) ' + ($removeRoles -join ', ')
        }
        if ($kept.Count -gt 0) {
            $action += 'kept ' + ($kept -join ', ')
        }
        if ($addMembers.Count + $addRoles.Count + $removeMembers.Count + $removeRoles.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail (@($action) -join '; ')
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action ($action -join '; ') -Done 'updated' -Change {
            foreach ($guid in $addMembers) {
                $null = Invoke-HybridcCall -Change -Call { Add-RoleGroupMember -Identity $key -Member $guid -BypassSecurityGroupManagerCheck:$true -Confirm:$false -ErrorAction Stop }
            }
            foreach ($role in $addRoles) {
                $null = Invoke-HybridcCall -Change -Call { New-ManagementRoleAssignment -SecurityGroup $key -Role $role -Confirm:$false -ErrorAction Stop }
            }
            foreach ($guid in $removeMembers) {
                $null = Invoke-HybridcCall -Change -Call { Remove-RoleGroupMember -Identity $key -Member $guid -BypassSecurityGroupManagerCheck:$true -Confirm:$false -ErrorAction Stop }
            }
            foreach ($role in $removeRoles) {
                foreach ($assignment in $assigned[$role]) {
                    # Role assignments are named by their Name (the only
                    # form Remove-ManagementRoleAssignment documents).
                    $assignmentKey = [string]$assignment.Name
                    $null = Invoke-HybridcCall -Change -Call { Remove-ManagementRoleAssignment -Identity $assignmentKey -Confirm:$false -ErrorAction Stop }
                }
            }
        }
    }
}

#@ piece Sync-HybridcRoleAssignmentPolicy
function Sync-HybridcRoleAssignmentPolicy {
    # Role assignment policies, read once. Roles are added; with Exclusive,
    # roles not declared are unassigned.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcPolicies = @(Invoke-HybridcCall -Call { Get-RoleAssignmentPolicy -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcPolicies | Where-Object { Test-HybridcSameName -A $_.Name -B $item.Name })
        $roles = @(@($item.Roles) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        if ($current.Count -eq 0) {
            # -Roles only with roles (see New-RoleGroup above).
            $create = @{}
            if ($roles.Count -gt 0) {
                $create['Roles'] = $roles
            }
            $null = Invoke-HybridcChange -Item $item -Action ('New-RoleAssignmentPolicy with ' + [string]$roles.Count + ' roles') -Done 'created' -PendingKey ('roleAssignmentPolicy/' + [string]$item.Name) -Change {
                $null = Invoke-HybridcCall -Change -Call { New-RoleAssignmentPolicy -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $key = [string]$current[0].Name
        $have = @(ConvertTo-HybridcStrings -Value (Get-HybridcValue -Object $current[0] -Name 'AssignedRoles'))
        $addRoles = @($roles | Where-Object { $have -notcontains $_.ToLowerInvariant() })
        $removeRoles = @()
        if ($addRoles.Count + $removeRoles.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $action = @()
        if ($addRoles.Count -gt 0) {
            $action += 'assign roles ' + ($addRoles -join ', ')
        }
        if ($removeRoles.Count -gt 0) {
            $action += 'remove roles (exclusive) ' + ($removeRoles -join ', ')
        }
        $null = Invoke-HybridcChange -Item $item -Action ($action -join '; ') -Done 'updated' -Change {
            foreach ($role in $addRoles) {
                $null = Invoke-HybridcCall -Change -Call { New-ManagementRoleAssignment -Policy $key -Role $role -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}

#@ piece Sync-HybridcRoleAssignmentPolicy#2
function Sync-HybridcRoleAssignmentPolicy {
    # Role assignment policies, read once. Roles are added; with Exclusive,
    # roles not declared are unassigned.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcPolicies = @(Invoke-HybridcCall -Call { Get-RoleAssignmentPolicy -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcPolicies | Where-Object { Test-HybridcSameName -A $_.Name -B $item.Name })
        $roles = @(@($item.Roles) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        if ($current.Count -eq 0) {
            # -Roles only with roles (see New-RoleGroup above).
            $create = @{}
            if ($roles.Count -gt 0) {
                $create['Roles'] = $roles
            }
            $null = Invoke-HybridcChange -Item $item -Action ('New-RoleAssignmentPolicy with ' + [string]$roles.Count + ' roles') -Done 'created' -PendingKey ('roleAssignmentPolicy/' + [string]$item.Name) -Change {
                $null = Invoke-HybridcCall -Change -Call { New-RoleAssignmentPolicy -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $key = [string]$current[0].Name
        $have = @(ConvertTo-HybridcStrings -Value (Get-HybridcValue -Object $current[0] -Name 'AssignedRoles'))
        $addRoles = @($roles | Where-Object { $have -notcontains $_.ToLowerInvariant() })
        $removeRoles = @()
        if (Test-HybridcFlag -Item $item -Name 'Exclusive') {
            $wantedRoles = @(ConvertTo-HybridcStrings -Value $roles)
            $assigned = Get-HybridcAssignedRoles -Assignee $key
            $removeRoles = @($assigned.Keys | Where-Object { $wantedRoles -notcontains $_ })
        }
        if ($addRoles.Count + $removeRoles.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $action = @()
        if ($addRoles.Count -gt 0) {
            $action += 'assign roles ' + ($addRoles -join ', ')
        }
        if ($removeRoles.Count -gt 0) {
            $action += 'remove roles (exclusive) ' + ($removeRoles -join ', ')
        }
        $null = Invoke-HybridcChange -Item $item -Action ($action -join '; ') -Done 'updated' -Change {
            foreach ($role in $addRoles) {
                $null = Invoke-HybridcCall -Change -Call { New-ManagementRoleAssignment -Policy $key -Role $role -Confirm:$false -ErrorAction Stop }
            }
            foreach ($role in $removeRoles) {
                foreach ($assignment in $assigned[$role]) {
                    # Role assignments are named by their Name (the only
                    # form Remove-ManagementRoleAssignment documents).
                    $assignmentKey = [string]$assignment.Name
                    $null = Invoke-HybridcCall -Change -Call { Remove-ManagementRoleAssignment -Identity $assignmentKey -Confirm:$false -ErrorAction Stop }
                }
            }
        }
    }
}

#@ piece Sync-HybridcMailboxRoleAssignmentPolicy
function Sync-HybridcMailboxRoleAssignmentPolicy {
    # The role assignment policy of each declared mailbox, compared with the
    # mailboxes read once.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Mailboxes
    } -Each {
        param($item)
        $record = Resolve-HybridcPrincipal -Name ([string]$item.Name) -Type 'mailbox'
        $have = [string](Get-HybridcValue -Object $record['mailbox'] -Name 'RoleAssignmentPolicy')
        if (Test-HybridcSameName -A $have -B $item.Policy) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        if (Test-HybridcPending -Key ('roleAssignmentPolicy/' + [string]$item.Policy)) {
            Add-HybridcPendingResult -Item $item -Key ('roleAssignmentPolicy/' + [string]$item.Policy) -Detail ('the policy would be created; then assigned (now: ''' + $have + ''')')
            return
        }
        $key = $record.Guid
        $policy = [string]$item.Policy
        $null = Invoke-HybridcChange -Item $item -Action ('RoleAssignmentPolicy: ''' + $have + ''' -> ''' + $policy + '''') -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-Mailbox -Identity $key -RoleAssignmentPolicy $policy -Confirm:$false -ErrorAction Stop }
        }
    }
}
#@ piece Sync-HybridcMailboxRoleAssignmentPolicy#2
function Sync-HybridcMailboxRoleAssignmentPolicy {
    # The role assignment policy of each declared mailbox, compared with the
    # mailboxes read once.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        Initialize-HybridcDirectory -Recipients -Mailboxes
    } -Each {
        param($item)
        $record = Resolve-HybridcPrincipal -Name ([string]$item.Name) -Type 'mailbox'
        $have = [string](Get-HybridcValue -Object $record['mailbox'] -Name 'RoleAssignmentPolicy')
        if (Test-HybridcSameName -A $have -B $item.Policy) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        if (Test-HybridcPending -Key ('roleAssignmentPolicy/' + [string]$item.Policy)) {
            Add-HybridcPendingResult -Item $item -Key ('roleAssignmentPolicy/' + [string]$item.Policy) -Detail ('the policy would be created; then assigned (now: ''' + $have + ''')')
            return
        }
        $key = $record.Guid
        $policy = [string]$item.Policy
        $null = Invoke-HybridcChange -Item $item -Action ('RoleAssignmentPolicy: ''' + $have + ''' -> ''' + $policy + '''') -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-Mailbox -Identity $key -RoleAssignmentPolicy $policy -Confirm:$false -ErrorAction Stop }
        }
    }
}

