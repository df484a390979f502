package diag

import "slices"

// Diagnostic codes of groups hybrid (seed 002) and permissions (seed 003).
const (
	CodePermissionsVersion    = "HC0312"
	CodeExchange2013ACL       = "HC0313"
	CodeGroupsVersion         = "HC0314"
	CodeGroupDomainType       = "HC0315"
	CodeGroupDomainConnector  = "HC0316"
	CodeEdgeSourceServer      = "HC0317"
	CodeGroupAddresses        = "HC0318"
	CodeCentralizedExternal   = "HC0319"
	CodeSendAsGroup           = "HC0320"
	CodeCrossPremisesFeature  = "HC0321"
	CodeEntraSendOnBehalf     = "HC0322"
	CodeUndeclaredRecipient   = "HC0323"
	CodeGroupDomainMX         = "HC0324"
	CodeACLSyncDisabled       = "HC0325"
	CodePolicyMailboxSide     = "HC0326"
	CodePermissionOption      = "HC0327"
	CodeGroupWritebackMissing = "HC0328"
)

var hybridRules = []Rule{
	{CodePermissionsVersion, "permissions-unsupported-version", "Retired: Exchange 2010 and 2007 are now refused as a whole (HC0329)."},
	{CodeExchange2013ACL, "exchange-2013-acl-fixes", "Warning: Exchange 2013 before CU10 (or with no CU declared) did not stamp ACLs on moved mailboxes; hybridc emits Set-RemoteMailbox -ACLableSyncedObjectEnabled for every cloud mailbox a permission names."},
	{CodeGroupsVersion, "groups-version", "Microsoft 365 groups for on-premises users need Exchange 2013 CU11 or 2016 CU1 and later."},
	{CodeGroupDomainType, "group-domain-type", "A group domain must be an InternalRelay accepted domain."},
	{CodeGroupDomainConnector, "group-domain-connector", "Group domains are declared but no hybrid send connector carries them."},
	{CodeEdgeSourceServer, "edge-source-server", "An Edge server is a source of the hybrid send connector: mail to groups loops."},
	{CodeGroupAddresses, "group-multiple-addresses", "Warning: only a group's primary SMTP address is written back; mail from on-premises to the others fails."},
	{CodeCentralizedExternal, "centralized-mail-flow-external-senders", "Warning: with centralized mail flow, external mail to groups fails even when they accept external senders."},
	{CodeSendAsGroup, "send-as-group-on-premises", "On-premises users cannot Send As a Microsoft 365 group, even with the permission."},
	{CodeCrossPremisesFeature, "cross-premises-automapping-folder", "Warning: auto-mapping and folder permissions do not work across premises."},
	{CodeEntraSendOnBehalf, "entra-connect-send-on-behalf", "Send on Behalf across premises needs Entra Connect 1.1.553.0 or later with the Exchange hybrid option."},
	{CodeUndeclaredRecipient, "undeclared-recipient", "A permission, group or policy names a mailbox or group that is not declared."},
	{CodeGroupDomainMX, "group-domain-mx", "A group domain's MX must point at Exchange Online (<domain key>.mail.protection.outlook.com), not on-premises."},
	{CodeACLSyncDisabled, "acl-sync-disabled", "Warning: permissions across premises need aclableSyncedObjectEnabled: true."},
	{CodePolicyMailboxSide, "policy-mailbox-side", "A role assignment policy names a mailbox of the other organization."},
	{CodePermissionOption, "permission-option", "A permission sets an option that does not apply to its access right (autoMapping only for FullAccess, folder only for Folder)."},
	{CodeGroupWritebackMissing, "group-writeback-off", "Warning: groups have on-premises members but Entra Connect group writeback is not declared on."},
}

func init() {
	Rules = append(Rules, hybridRules...)
	Rules = append(Rules, safetyRules...)
	slices.SortFunc(Rules, func(a, b Rule) int {
		switch {
		case a.Code < b.Code:
			return -1
		case a.Code > b.Code:
			return 1
		}
		return 0
	})
}
