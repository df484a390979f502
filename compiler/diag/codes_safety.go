package diag

// Diagnostic codes of the rules that keep a script from doing more than the
// configuration says: wildcards, unsupported platforms, exclusive sets and
// built-in role groups, relationships that cannot look anything up,
// settings declared twice.
const (
	CodeWildcard             = "HC0208"
	CodeExchangeUnsupported  = "HC0329"
	CodeExchangeEndOfSupport = "HC0330"
	CodeBuiltInRoleGroup     = "HC0331"
	CodeRelationshipNoTarget = "HC0332"
	CodeEchoConflict         = "HC0333"
	CodeEntraConnectForest   = "HC0334"
	CodeExclusiveEmpty       = "HC0335"
	CodeGroupAlias           = "HC0336"
	CodeWritebackScope       = "HC0339"
)

var safetyRules = []Rule{
	{CodeWildcard, "wildcard-name", "A name, identity or address holds a wildcard (* or ?), which Exchange would match against every object of its kind."},
	{CodeExchangeUnsupported, "exchange-version-unsupported", "Exchange 2010 and 2007 are refused: out of support, and 2010's shell is Windows PowerShell 2.0 while the scripts need 5.1."},
	{CodeExchangeEndOfSupport, "exchange-version-end-of-support", "Warning: Exchange 2013 (out of support since 11 April 2023), 2016 and 2019 (since 14 October 2025); Exchange Server SE is current."},
	{CodeBuiltInRoleGroup, "builtin-role-group-safeguard", "A built-in role group (Organization Management, ...) declared absent, exclusive with roles, or exclusive with fewer than two members that are different accounts."},
	{CodeRelationshipNoTarget, "relationship-without-target", "Warning: a relationship will have neither targetApplicationUri nor targetAutodiscoverEpr and no default applies (it cannot look anything up), or, towards a sovereign tenant, only one of them."},
	{CodeEchoConflict, "echo-setting-conflict", "Two groups set echoToOnPremisesMembers differently and share an on-premises member: the setting is per user."},
	{CodeEntraConnectForest, "entra-connect-forest", "Group writeback with connectorAccountDN needs a forest: entraConnect.forest, else (a warning) the domain the DC= components of connectorAccountDN and writebackOU share; both DNs must lie in it."},
	{CodeExclusiveEmpty, "exclusive-empty", "Warning: exclusive: true with an empty list: every member, owner or role, none being listed, is removed."},
	{CodeGroupAlias, "group-alias", "A group without alias whose primary SMTP address's local part is not a valid Exchange alias."},
	{CodeWritebackScope, "writeback-scope", "Warning: group writeback permissions without writebackOU (or with one that is a domain root or in a built-in container such as CN=Users) are granted over far more than the written-back groups; declare an OU of their own."},
}
