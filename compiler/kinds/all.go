package kinds

// All is every kind, in the order of the engine's templates.
func All() []*Decl {
	return []*Decl{&FederationTrust.Decl, &OrganizationCustomization, &OrganizationRelationship.Decl, &AvailabilityAddressSpace.Decl,
		&OrganizationConfig, &AcceptedDomain, &SendConnector.Decl, &RemoteDomain.Decl, &ReceiveConnector.Decl, &InboundConnector.Decl, &OutboundConnector.Decl,
		&EmailAddressPolicy.Decl, &OnPremisesOrganization.Decl,
		&UnifiedGroup, &GroupMembers, &GroupOwners, &GroupSubscribers, &EchoGroupMessages, &GroupWriteback,
		&WritebackPermissions,
		&HybridApplication, &HybridServicePrincipal, &HybridAppPermission, &HybridKeyCredential, &FirstPartyKeyCredentials,
		&AuthServer.Decl, &DedicatedApplication.Decl, &IntraOrganizationConnector.Decl, &PartnerApplication.Decl, &AuthCertificate,
		&RoleGroup, &RoleAssignmentPolicy, &MailboxPolicy,
		&RemoteMailboxACL, &FullAccess, &SendAs, &SendOnBehalf, &FolderPermission,
		&MRSProxy.Decl, &MigrationEndpoint.Decl}
}

// Named is the kind named name, or nil.
func Named(name string) *Decl {
	for _, d := range All() {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// StateKinds are the kinds the compiler handles from their declaration
// alone (a Kind with Listed), by name.
func StateKinds() map[string]StateKind {
	return map[string]StateKind{RemoteDomainName: RemoteDomain, ReceiveConnectorName: ReceiveConnector,
		InboundConnectorName: InboundConnector, OutboundConnectorName: OutboundConnector, EmailAddressPolicyName: EmailAddressPolicy,
		OnPremisesOrganizationName: OnPremisesOrganization,
		MRSProxyName:               MRSProxy, MigrationEndpointName: MigrationEndpoint,
		IntraOrganizationConnectorName: IntraOrganizationConnector, AuthServerName: AuthServer, DedicatedApplicationName: DedicatedApplication,
		PartnerApplicationName: PartnerApplication}
}
