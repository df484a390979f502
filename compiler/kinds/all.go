package kinds

// All is every kind, in the order of the engine's templates.
func All() []*Decl {
	return []*Decl{&OrganizationCustomization, &OrganizationRelationship.Decl, &AvailabilityAddressSpace.Decl,
		&OrganizationConfig, &AcceptedDomain, &SendConnector.Decl, &RemoteDomain.Decl,
		&UnifiedGroup, &GroupMembers, &GroupOwners, &GroupSubscribers, &EchoGroupMessages, &GroupWriteback,
		&WritebackPermissions,
		&IntraOrganizationConnector.Decl, &AuthServer.Decl, &DedicatedApplication.Decl,
		&RoleGroup, &RoleAssignmentPolicy, &MailboxPolicy,
		&RemoteMailboxACL, &FullAccess, &SendAs, &SendOnBehalf, &FolderPermission}
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
	return map[string]StateKind{RemoteDomainName: RemoteDomain, IntraOrganizationConnectorName: IntraOrganizationConnector,
		AuthServerName: AuthServer, DedicatedApplicationName: DedicatedApplication}
}
