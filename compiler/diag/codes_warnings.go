package diag

// WarningCodes are the codes reported as warnings: every code a warnf call
// names (TestWarningCodes checks the list against the source). A few,
// such as HC0334, are also reported as errors in other cases.
var WarningCodes = map[string]bool{
	CodeACLSyncDisabled:        true,
	CodeAddressSpaceExtra:      true,
	CodeAutodiscoverHint:       true,
	CodeCentralizedExternal:    true,
	CodeCertificateExpiring:    true,
	CodeCrossPremisesFeature:   true,
	CodeEntraConnectForest:     true,
	CodeExchange2013ACL:        true,
	CodeExchangeEndOfSupport:   true,
	CodeExclusiveEmpty:         true,
	CodeFederatedDomainUnknown: true,
	CodeGroupAddresses:         true,
	CodeGroupWritebackMissing:  true,
	CodeInternalProxy:          true,
	CodeMailTipsLevel:          true,
	CodePartnerHybridMesh:      true,
	CodeRelationshipNoTarget:   true,
	CodeRoutingAddressOutside:  true,
	CodeSmartHostOutside:       true,
	CodeStateMissing:           true,
	CodeStateUnresolved:        true,
	CodeTLSAuthLevelWeak:       true,
	CodeTLSDomainOutside:       true,
	CodeWritebackScope:         true,
}

// IsWarningCode reports whether code is reported as a warning (in some
// cases at least): the codes a caller may accept as known warnings
// (validate --allow-warning). An error is never a warning: accepting it
// could only hide what stops compilation.
func IsWarningCode(code string) bool { return WarningCodes[code] }
