# Role-based access control: role groups and their members, role
# assignment policies, and the management role assignments that give both
# their roles (behaviour table rows of the same cmdlets). A role group's or
# policy's roles are its direct assignments, named as Exchange names them:
# '<Role>-<Assignee>'.

function Get-SimAssignments {
    # Every direct role assignment, as records: role groups' then policies'.
    foreach ($group in $script:Sim.Org.roleGroups) {
        foreach ($role in @(Get-SimField -Record $group -Name 'roles')) {
            @{ Name = [string]$role + '-' + [string]$group.name; Role = [string]$role; Assignee = [string]$group.name; Type = 'RoleGroup'; Owner = $group; Field = 'roles' }
        }
    }
    foreach ($policy in $script:Sim.Org.roleAssignmentPolicies) {
        foreach ($role in @(Get-SimField -Record $policy -Name 'assignedRoles')) {
            @{ Name = [string]$role + '-' + [string]$policy.name; Role = [string]$role; Assignee = [string]$policy.name; Type = 'RoleAssignmentPolicy'; Owner = $policy; Field = 'assignedRoles' }
        }
    }
}

function ConvertTo-SimRoleGroupObject {
    param([Parameter(Mandatory = $true)] $Group)
    $members = @(foreach ($guid in @(Get-SimField -Record $Group -Name 'members')) { Get-SimDelegateText -Guid ([string]$guid) })
    return New-SimObject -Type 'Microsoft.Exchange.Data.Directory.Management.RoleGroup' -Properties ([ordered]@{
            Name = [string]$Group.name; Identity = [string]$Group.name; Guid = Get-SimObjectGuid -Record $Group -Seed ('roleGroup|' + [string]$Group.name)
            Roles = @(Get-SimField -Record $Group -Name 'roles'); Members = $members; RoleGroupType = 'Standard'
        })
}

function Resolve-SimMembers {
    # The Guids of the recipients a list of member values names.
    param($Values, [Parameter(Mandatory = $true)] [string]$Parameter)
    foreach ($value in @($Values)) {
        if ($null -ne $value) {
            [string](Resolve-SimRecipient -Value $value -Cmdlet $script:Sim.CurrentCmdlet -Parameter $Parameter).guid
        }
    }
}

$script:SimHandlers['Get-RoleGroup'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'ResultSize')
    $all = $script:Sim.Org.roleGroups
    if ($Call.ContainsKey('Identity')) {
        $all = @(Resolve-SimNamed -List $all -Field 'name' -Value $Call.Identity)
    }
    foreach ($group in @($all)) {
        ConvertTo-SimRoleGroupObject -Group $group
    }
}

$script:SimHandlers['New-RoleGroup'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Name', 'Roles', 'Members')
    Assert-SimListNotEmpty -Call $Call -Names @('Roles', 'Members')
    if (@(Find-SimNamed -List $script:Sim.Org.roleGroups -Field 'name' -Value $Call.Name).Count -gt 0) {
        throw ('The role group ''' + [string]$Call.Name + ''' already exists.')
    }
    $group = [ordered]@{ name = [string]$Call.Name; members = @(Resolve-SimMembers -Values $Call['Members'] -Parameter 'Members'); roles = @(@($Call['Roles']) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ }) }
    $null = $script:Sim.Org.roleGroups.Add($group)
    ConvertTo-SimRoleGroupObject -Group $group
}

$script:SimHandlers['Remove-RoleGroup'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'BypassSecurityGroupManagerCheck')
    $group = Resolve-SimNamed -List $script:Sim.Org.roleGroups -Field 'name' -Value $Call.Identity
    $null = $script:Sim.Org.roleGroups.Remove($group)
}

$script:SimHandlers['Get-RoleGroupMember'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'ResultSize')
    $group = Resolve-SimNamed -List $script:Sim.Org.roleGroups -Field 'name' -Value $Call.Identity
    Update-SimIndex
    foreach ($guid in @(Get-SimField -Record $group -Name 'members')) {
        $recipient = $null
        if ($script:Sim.ByGuid.TryGetValue([string]$guid, [ref]$recipient)) {
            ConvertTo-SimRecipientObject -Recipient $recipient -Type 'Recipient'
        }
    }
}

$script:SimHandlers['Add-RoleGroupMember'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'Member', 'BypassSecurityGroupManagerCheck')
    $group = Resolve-SimNamed -List $script:Sim.Org.roleGroups -Field 'name' -Value $Call.Identity
    $guid = @(Resolve-SimMembers -Values $Call.Member -Parameter 'Member')[0]
    if (@($group.members) -contains $guid) {
        throw ('The recipient ''' + [string]$Call.Member + ''' is already a member of the group ''' + [string]$group.name + '''.')
    }
    $group.members = @(@($group.members) + $guid)
}

$script:SimHandlers['Remove-RoleGroupMember'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'Member', 'BypassSecurityGroupManagerCheck')
    $group = Resolve-SimNamed -List $script:Sim.Org.roleGroups -Field 'name' -Value $Call.Identity
    $guid = @(Resolve-SimMembers -Values $Call.Member -Parameter 'Member')[0]
    if (@($group.members) -notcontains $guid) {
        throw ('The recipient ''' + [string]$Call.Member + ''' isn''t a member of the group ''' + [string]$group.name + '''.')
    }
    $group.members = @(@($group.members) | Where-Object { $_ -ne $guid })
}

$script:SimHandlers['Get-ManagementRoleAssignment'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'RoleAssignee', 'AssignmentMethod', 'Delegating', 'Role')
    $assignee = $null
    if ($Call.ContainsKey('RoleAssignee')) {
        $assignee = [string]$Call.RoleAssignee
    }
    foreach ($assignment in @(Get-SimAssignments)) {
        if ($null -ne $assignee -and -not [string]::Equals($assignment.Assignee, $assignee, [System.StringComparison]::OrdinalIgnoreCase)) {
            continue
        }
        if ($Call.ContainsKey('Delegating') -and [bool]$Call.Delegating) {
            continue
        }
        New-SimObject -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ExchangeRoleAssignment' -Properties ([ordered]@{
                Name = $assignment.Name; Identity = $assignment.Name; Role = $assignment.Role; RoleAssignee = $assignment.Assignee
                RoleAssigneeName = $assignment.Assignee; RoleAssigneeType = $assignment.Type; AssignmentMethod = 'Direct'; Enabled = $true
            })
    }
}

$script:SimHandlers['New-ManagementRoleAssignment'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('SecurityGroup', 'Policy', 'Role')
    if ($Call.ContainsKey('SecurityGroup')) {
        $owner = Resolve-SimNamed -List $script:Sim.Org.roleGroups -Field 'name' -Value $Call.SecurityGroup
        $field = 'roles'
    }
    else {
        $owner = Resolve-SimNamed -List $script:Sim.Org.roleAssignmentPolicies -Field 'name' -Value $Call.Policy
        $field = 'assignedRoles'
    }
    if (@($owner[$field]) -contains [string]$Call.Role) {
        throw ('The role ''' + [string]$Call.Role + ''' is already assigned to ''' + [string]$owner.name + '''.')
    }
    $owner[$field] = @(@(Get-SimField -Record $owner -Name $field) + [string]$Call.Role)
}

$script:SimHandlers['Remove-ManagementRoleAssignment'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity')
    $found = @(Get-SimAssignments | Where-Object { [string]::Equals($_.Name, [string]$Call.Identity, [System.StringComparison]::OrdinalIgnoreCase) })
    if ($found.Count -eq 0) {
        Stop-SimCall -Class 'notFound' -Identity ([string]$Call.Identity)
    }
    $owner = $found[0].Owner
    $role = $found[0].Role
    $owner[$found[0].Field] = @(@($owner[$found[0].Field]) | Where-Object { $_ -ne $role })
}

$script:SimHandlers['Get-RoleAssignmentPolicy'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity')
    foreach ($policy in $script:Sim.Org.roleAssignmentPolicies) {
        New-SimObject -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.RoleAssignmentPolicy' -Properties ([ordered]@{
                Name = [string]$policy.name; Identity = [string]$policy.name; Guid = Get-SimObjectGuid -Record $policy -Seed ('policy|' + [string]$policy.name)
                IsDefault = [bool](Get-SimField -Record $policy -Name 'isDefault'); AssignedRoles = @(Get-SimField -Record $policy -Name 'assignedRoles')
            })
    }
}

$script:SimHandlers['New-RoleAssignmentPolicy'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Name', 'Roles')
    Assert-SimListNotEmpty -Call $Call -Names @('Roles')
    if (@(Find-SimNamed -List $script:Sim.Org.roleAssignmentPolicies -Field 'name' -Value $Call.Name).Count -gt 0) {
        throw ('The role assignment policy ''' + [string]$Call.Name + ''' already exists.')
    }
    $null = $script:Sim.Org.roleAssignmentPolicies.Add([ordered]@{ name = [string]$Call.Name; isDefault = $false; assignedRoles = @(@($Call['Roles']) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ }) })
}

$script:SimHandlers['Remove-RoleAssignmentPolicy'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity')
    $policy = Resolve-SimNamed -List $script:Sim.Org.roleAssignmentPolicies -Field 'name' -Value $Call.Identity
    $null = $script:Sim.Org.roleAssignmentPolicies.Remove($policy)
}
