package compiler

import (
	"fmt"

	"github.com/hybridc/hybridc/compiler/config"
)

// hybrid fills in the view of the kinds of groups hybrid and permissions.
// Every line is fixed code; values reach it only through the block's
// variables and $desired.
func (v *resourceView) hybrid(r *Resource) {
	v.UpdateAction = Quote("Update ")
	switch r.Kind {
	case KindOrganizationConfig:
		v.Vars = nil
		v.Read = "Get-OrganizationConfig"
		v.Update = []string{"Set-OrganizationConfig @drift -Confirm:$false"}
		v.Commands = []string{"Set-OrganizationConfig"}
	case KindAcceptedDomain:
		v.Read = "Get-AcceptedDomain | Where-Object { [string]$_.DomainName -eq $name } | Select-Object -First 1"
		v.Create = []string{"New-AcceptedDomain -Name $name -DomainName $name @desired -Confirm:$false | Out-Null"}
		v.Update = []string{"Set-AcceptedDomain -Identity $current.Identity @drift -Confirm:$false"}
		v.Commands = []string{"Get-AcceptedDomain", "New-AcceptedDomain", "Set-AcceptedDomain"}
	case KindSendConnector:
		v.Read = "Get-SendConnector | Where-Object { $_.Name -eq $name } | Select-Object -First 1"
		v.Update = []string{
			"$addressSpaces = Join-HybridcAddressSpaces -Current $current.AddressSpaces -Add $desired['AddressSpaces']",
			"Set-SendConnector -Identity $name -AddressSpaces $addressSpaces -Confirm:$false",
		}
		v.UpdateAction = Quote("Add to ")
		v.Missing = Quote("The send connector " + r.Name + " does not exist: run the Hybrid Configuration Wizard first.")
		v.Commands = []string{"Get-SendConnector", "Set-SendConnector"}
	case KindUnifiedGroup:
		v.Read = "Get-HybridcObject { Get-UnifiedGroup -Identity $name }"
		v.Create = []string{
			"New-UnifiedGroup -DisplayName $name -Confirm:$false | Out-Null",
			"Set-UnifiedGroup -Identity $name @desired -Confirm:$false",
		}
		v.Update = []string{"Set-UnifiedGroup -Identity $name @drift -Confirm:$false"}
		v.Commands = []string{"Get-UnifiedGroup", "New-UnifiedGroup", "Set-UnifiedGroup"}
	case KindGroupMembers, KindGroupOwners, KindGroupSubscribers:
		v.links(r)
	case KindEchoGroupMessages:
		v.Read = "Get-HybridcObject { Get-MailboxMessageConfiguration -Identity $name }"
		v.Update = []string{"Get-MailUser -Identity $name | Set-MailboxMessageConfiguration @drift -Confirm:$false"}
		v.Missing = Quote("No mail user " + r.Name + " in Exchange Online: is the on-premises mailbox synchronized?")
		v.Commands = []string{"Get-MailboxMessageConfiguration", "Get-MailUser", "Set-MailboxMessageConfiguration"}
	case KindGroupWriteback:
		v.Read = "Get-HybridcObject { Get-Recipient -Identity $name } | Select-Object -Property Name, @{ Name = 'InAddressLists'; Expression = { @($_.AddressListMembership).Count -gt 0 } }"
		v.Update = []string{"Update-Recipient -Identity $name -Confirm:$false"}
		v.UpdateAction = Quote("Update-Recipient (add to the address lists): ")
		v.Missing = Quote("not written back yet: run this script again after Entra Connect has synchronized the group")
		v.MissingSkip = true
		v.Commands = []string{"Get-Recipient", "Update-Recipient"}
	case KindWritebackPermissions:
		v.Shape = "apply"
		v.Vars = []variable{{"connectorAccountDN", Quote(string(r.Spec.(*config.EntraConnect).ConnectorAccountDN))}}
		v.Commands = []string{"Set-ADSyncUnifiedGroupWritebackPermissions"}
	case KindRoleGroup:
		v.Read = "Get-RoleGroup | Where-Object { $_.Name -eq $name } | Select-Object -First 1"
		v.Create = []string{"New-RoleGroup -Name $name @desired -Confirm:$false | Out-Null"}
		v.Update = []string{
			"if ($drift.Contains('Roles')) { Sync-HybridcRoleAssignments -Assignee $name -Roles $desired['Roles'] }",
			"if ($drift.Contains('Members')) { Update-RoleGroupMember -Identity $name -Members $desired['Members'] -BypassSecurityGroupManagerCheck:$true -Confirm:$false }",
		}
		v.Remove = []string{"Remove-RoleGroup -Identity $name -BypassSecurityGroupManagerCheck:$true -Confirm:$false"}
		v.Commands = []string{"Get-RoleGroup", "New-RoleGroup", "Update-RoleGroupMember", "Remove-RoleGroup", "Get-ManagementRoleAssignment", "New-ManagementRoleAssignment", "Remove-ManagementRoleAssignment"}
	case KindRoleAssignmentPolicy:
		v.Read = "Get-RoleAssignmentPolicy | Where-Object { $_.Name -eq $name } | Select-Object -First 1 -Property Name, @{ Name = 'Roles'; Expression = { $_.AssignedRoles } }"
		v.Create = []string{"New-RoleAssignmentPolicy -Name $name @desired -Confirm:$false | Out-Null"}
		v.Update = []string{"Sync-HybridcRoleAssignments -Assignee $name -Roles $desired['Roles'] -Policy"}
		v.Remove = []string{"Remove-RoleAssignmentPolicy -Identity $name -Confirm:$false"}
		v.Commands = []string{"Get-RoleAssignmentPolicy", "New-RoleAssignmentPolicy", "Remove-RoleAssignmentPolicy", "Get-ManagementRoleAssignment", "New-ManagementRoleAssignment", "Remove-ManagementRoleAssignment"}
	case KindMailboxPolicy:
		v.Read = "Get-HybridcObject { Get-Mailbox -Identity $name }"
		v.Update = []string{"Set-Mailbox -Identity $name @drift -Confirm:$false"}
		v.Missing = Quote("No mailbox " + r.Name + " in " + r.Target.Title + ".")
		v.Commands = []string{"Get-Mailbox", "Set-Mailbox"}
	case KindRemoteMailboxACL:
		v.Read = "Get-HybridcObject { Get-RemoteMailbox -Identity $name } | Select-Object -Property Name, @{ Name = 'ACLableSyncedObjectEnabled'; Expression = { [string]$_.RecipientDisplayType -like '*ACLable*' } }"
		v.Update = []string{"Set-RemoteMailbox -Identity $name -ACLableSyncedObjectEnabled:$true -Confirm:$false"}
		v.UpdateAction = Quote("Enable ACLs (Set-RemoteMailbox -ACLableSyncedObjectEnabled): ")
		v.Missing = Quote("No remote mailbox " + r.Name + " on-premises: was the mailbox moved to Exchange Online?")
		v.Commands = []string{"Get-RemoteMailbox", "Set-RemoteMailbox"}
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		v.permission(r)
	}
}

// links lays out a group's members, owners or unsubscribed members: the
// declared identities are added when missing (members, owners) or removed
// when present (subscribers); others are left as they are.
func (v *resourceView) links(r *Resource) {
	v.Shape = "links"
	linkType := map[string]string{KindGroupMembers: "Members", KindGroupOwners: "Owners", KindGroupSubscribers: "Subscribers"}[r.Kind]
	v.Vars = append(v.Vars, variable{"linkType", Quote(linkType)}, variable{"wanted", psValue(r.props[0].Value)})
	v.Read = "@(Get-UnifiedGroupLinks -Identity $name -LinkType $linkType -ResultSize Unlimited)"
	v.LinkAdd = r.Kind != KindGroupSubscribers
	if v.LinkAdd {
		v.LinkAction = Quote("Add " + linkType + ": ")
		v.Update = []string{"Add-UnifiedGroupLinks -Identity $name -LinkType $linkType -Links $pending -Confirm:$false"}
	} else {
		v.LinkAction = Quote("Unsubscribe: ")
		v.Update = []string{"Remove-UnifiedGroupLinks -Identity $name -LinkType $linkType -Links $pending -Confirm:$false"}
	}
	v.Commands = []string{"Get-UnifiedGroupLinks", "Add-UnifiedGroupLinks", "Remove-UnifiedGroupLinks", "Get-Recipient"}
}

// permission lays out one delegated permission in one organization.
func (v *resourceView) permission(r *Resource) {
	p := r.Spec.(*config.Permission)
	v.Vars = []variable{{"name", Quote(string(p.Mailbox))}, {"trustee", Quote(string(p.Trustee))}}
	switch {
	case r.Kind == KindFullAccess:
		v.Read = "Get-MailboxPermission -Identity $name -User $trustee | Where-Object { ($_.AccessRights -join ',') -like '*FullAccess*' -and -not $_.Deny -and -not $_.IsInherited } | Select-Object -First 1"
		create := "Add-MailboxPermission -Identity $name -User $trustee -AccessRights 'FullAccess'"
		if p.AutoMapping != nil {
			create += " -AutoMapping:" + Bool(*p.AutoMapping)
		}
		v.Create = []string{create + " -Confirm:$false | Out-Null"}
		v.Remove = []string{"Remove-MailboxPermission -Identity $name -User $trustee -AccessRights 'FullAccess' -Confirm:$false"}
		v.Commands = []string{"Get-MailboxPermission", "Add-MailboxPermission", "Remove-MailboxPermission"}
	case r.Kind == KindSendOnBehalf:
		v.Read = "Get-HybridcObject { Get-Mailbox -Identity $name } | Where-Object { Test-HybridcRecipient -Value $_.GrantSendOnBehalfTo -Identity $trustee }"
		v.Create = []string{"Set-Mailbox -Identity $name -GrantSendOnBehalfTo @{ Add = $trustee } -Confirm:$false"}
		v.Remove = []string{"Set-Mailbox -Identity $name -GrantSendOnBehalfTo @{ Remove = $trustee } -Confirm:$false"}
		v.Commands = []string{"Get-Mailbox", "Set-Mailbox", "Get-Recipient"}
	case r.Kind == KindSendAs && !r.Target.Online:
		v.Read = "Get-ADPermission -Identity $name -User $trustee | Where-Object { ($_.ExtendedRights -join ',') -like '*Send-As*' -and -not $_.Deny } | Select-Object -First 1"
		v.Create = []string{"Add-ADPermission -Identity $name -User $trustee -AccessRights 'ExtendedRight' -ExtendedRights 'Send As' -Confirm:$false | Out-Null"}
		v.Remove = []string{"Remove-ADPermission -Identity $name -User $trustee -AccessRights 'ExtendedRight' -ExtendedRights 'Send As' -Confirm:$false"}
		v.Commands = []string{"Get-ADPermission", "Add-ADPermission", "Remove-ADPermission"}
	case r.Kind == KindSendAs:
		v.Read = "Get-RecipientPermission -Identity $name -Trustee $trustee | Where-Object { ($_.AccessRights -join ',') -like '*SendAs*' } | Select-Object -First 1"
		v.Create = []string{"Add-RecipientPermission -Identity $name -Trustee $trustee -AccessRights 'SendAs' -Confirm:$false | Out-Null"}
		v.Remove = []string{"Remove-RecipientPermission -Identity $name -Trustee $trustee -AccessRights 'SendAs' -Confirm:$false"}
		v.Commands = []string{"Get-RecipientPermission", "Add-RecipientPermission", "Remove-RecipientPermission"}
	case r.Kind == KindFolderPermission:
		v.Vars = append(v.Vars, variable{"folder", Quote(fmt.Sprintf(`%s:\%s`, p.Mailbox, p.Folder))})
		v.Read = "Get-MailboxFolderPermission -Identity $folder | Where-Object { Test-HybridcRecipient -Value $_.User -Identity $trustee } | Select-Object -First 1"
		v.Create = []string{"Add-MailboxFolderPermission -Identity $folder -User $trustee @desired -Confirm:$false | Out-Null"}
		v.Update = []string{"Set-MailboxFolderPermission -Identity $folder -User $trustee @drift -Confirm:$false"}
		v.Remove = []string{"Remove-MailboxFolderPermission -Identity $folder -User $trustee -Confirm:$false"}
		v.Commands = []string{"Get-MailboxFolderPermission", "Add-MailboxFolderPermission", "Set-MailboxFolderPermission", "Remove-MailboxFolderPermission", "Get-Recipient"}
	}
}
