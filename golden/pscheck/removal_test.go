package pscheck

import "testing"

func TestCheckNoRemoval(t *testing.T) {
	Require(t)
	tests := []struct {
		name  string
		src   string
		kinds Removal
		want  []string // "line:col: message" prefixes
	}{
		{
			name:  "adding only",
			src:   "Add-RoleGroupMember -Identity 'Organization Management' -Member 'a' -ErrorAction Stop\nNew-ManagementRoleAssignment -SecurityGroup 'g' -Role 'r'\nAdd-UnifiedGroupLinks -Identity 'g' -LinkType Members -Links 'a'\n",
			kinds: RemovesAny,
		},
		{
			name:  "unsubscribing is allowed",
			src:   "Remove-UnifiedGroupLinks -Identity 'g' -LinkType Subscribers -Links 'a'\n$p = @{ LinkType = 'Subscribers' }\nRemove-UnifiedGroupLinks -Identity 'g' -Links 'a' @p\n",
			kinds: RemovesAny,
		},
		{
			name:  "enabling an assignment, adding managers",
			src:   "Set-ManagementRoleAssignment -Identity 'x' -Enabled:$true\nSet-DistributionGroup -Identity 'g' -ManagedBy @{ Add = 'a' }\nSet-ManagementRoleEntry -Identity 'r\\e' -Parameters 'P' -AddParameter:$true\n",
			kinds: RemovesAny,
		},
		{
			name:  "reads and other cmdlets",
			src:   "Get-RoleGroupMember -Identity 'x'\nRemove-Item -Path 'x'\nSet-RoleGroup -Identity 'x' -Description 'd'\nWrite-Output 'Get-RoleGroupMember'\n",
			kinds: RemovesAny,
		},
		{
			name:  "kind not asked for",
			src:   "Remove-RoleGroupMember -Identity 'x' -Member 'a'\n",
			kinds: RemovesGroupMembers,
		},
		{
			name:  "role group members",
			src:   "Remove-RoleGroupMember -Identity 'x' -Member 'a'\nfunction F { Update-RoleGroupMember -Identity 'x' -Members 'a' }\nSet-RoleGroup -Identity 'x' -LinkedForeignGroup 'f'\n",
			kinds: RemovesRoleGroupMembers,
			want:  []string{"1:1: Remove-RoleGroupMember: removes role group members", "2:14: Update-RoleGroupMember: removes role group members", "3:1: Set-RoleGroup: -LinkedForeignGroup"},
		},
		{
			name:  "roles",
			src:   "Get-ManagementRoleAssignment -Role 'r' | Remove-ManagementRoleAssignment -Confirm:$false\nSet-ManagementRoleAssignment -Identity 'x' -Enabled:$false\nSet-ManagementRoleAssignment -Identity 'x' -Enabled $flag\nRemove-RoleGroup -Identity 'g'\nSet-ManagementRoleEntry -Identity 'r\\e' -Parameters 'P' -RemoveParameter:$true\n",
			kinds: RemovesRoles,
			want:  []string{"1:42: Remove-ManagementRoleAssignment: removes roles", "2:1: Set-ManagementRoleAssignment: -Enabled", "3:1: Set-ManagementRoleAssignment: -Enabled", "4:1: Remove-RoleGroup: removes roles", "5:1: Set-ManagementRoleEntry: -RemoveParameter"},
		},
		{
			name:  "Remove-RoleGroup is both kinds",
			src:   "Remove-RoleGroup -Identity 'g'\n",
			kinds: RemovesAny,
			want:  []string{"1:1: Remove-RoleGroup: removes role group members and roles"},
		},
		{
			name:  "group links",
			src:   "Remove-UnifiedGroupLinks -Identity 'g' -LinkType Members -Links 'a'\nRemove-UnifiedGroupLinks -Identity 'g' -LinkType 'Owners' -Links 'a'\nRemove-UnifiedGroupLinks -Identity 'g' -LinkType $linkType -Links 'a'\nRemove-UnifiedGroupLinks -Identity 'g' -Links 'a' @rest\nSet-DistributionGroup -Identity 'g' -ManagedBy 'a'\nRemove-DistributionGroupMember -Identity 'g' -Member 'a'\n",
			kinds: RemovesGroupMembers,
			want:  []string{"1:1: Remove-UnifiedGroupLinks: -LinkType Members", "2:1: Remove-UnifiedGroupLinks: -LinkType Owners", "3:1: Remove-UnifiedGroupLinks: -LinkType is not a constant", "4:1: Remove-UnifiedGroupLinks: -LinkType is not a constant", "5:1: Set-DistributionGroup: -ManagedBy replaces", "6:1: Remove-DistributionGroupMember: removes group members"},
		},
		{
			name:  "derived splat key may be passed",
			src:   "$desired = @{ Enabled = $true }\n$drift = Compare-HybridcState -Desired $desired\nSet-ManagementRoleAssignment -Identity 'x' @drift\n",
			kinds: RemovesRoles,
			want:  []string{"3:1: Set-ManagementRoleAssignment: -Enabled"},
		},
		{
			name:  "a string naming a remover, and a call through &",
			src:   "$required = @('Get-RoleGroup', 'Update-RoleGroupMember')\n& 'Remove-RoleGroupMember' -Identity 'x' -Member 'a'\n",
			kinds: RemovesRoleGroupMembers,
			want:  []string{"1:32: the string \"Update-RoleGroupMember\" names a cmdlet", "2:1: Remove-RoleGroupMember: removes"},
		},
		{
			name:  "code built at run time",
			src:   "Invoke-Expression $text\n",
			kinds: RemovesAny,
			want:  []string{"1:1: Invoke-Expression builds code at run time"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFindings(t, CheckNoRemoval([]byte(tt.src), tt.kinds), tt.want)
		})
	}
}
