package config

// OrganizationRelationship shares free/busy, MailTips and message tracking
// with another Exchange organization (New-OrganizationRelationship). A
// property left out is not managed: hybridc neither compares nor sets it.
type OrganizationRelationship struct {
	Meta `yaml:"-"`
	// Name identifies the relationship in its organization ("To Cloud").
	Name Name `yaml:"name" jsonschema:"required"`
	// Ensure is present (the default) to create or update the relationship,
	// absent to remove it.
	Ensure Ensure `yaml:"ensure,omitempty"`
	// Enabled turns the relationship on or off.
	Enabled *bool `yaml:"enabled,omitempty"`
	// DomainNames are the federated domains of the other organization, all
	// of them: hybridc sets them explicitly rather than trusting
	// Get-FederationInformation, which since 2025 returns only the domain it
	// was asked about.
	DomainNames []DomainName `yaml:"domainNames,omitempty" jsonschema:"minItems=1,uniqueItems=true"`
	// FreeBusyAccessEnabled lets the other organization read free/busy.
	FreeBusyAccessEnabled *bool `yaml:"freeBusyAccessEnabled,omitempty"`
	// FreeBusyAccessLevel is what the other organization sees: None,
	// AvailabilityOnly (time only) or LimitedDetails (time, subject and
	// location).
	FreeBusyAccessLevel FreeBusyLevel `yaml:"freeBusyAccessLevel,omitempty"`
	// FreeBusyAccessScope is a security group (name or SMTP address) that
	// limits whose free/busy is shared. Only with freeBusyAccessEnabled.
	FreeBusyAccessScope Identity `yaml:"freeBusyAccessScope,omitempty"`
	// MailTipsAccessEnabled returns MailTips to the other organization.
	MailTipsAccessEnabled *bool `yaml:"mailTipsAccessEnabled,omitempty"`
	// MailTipsAccessLevel is None, Limited or All.
	MailTipsAccessLevel MailTipsLevel `yaml:"mailTipsAccessLevel,omitempty"`
	// DeliveryReportEnabled shares message tracking (delivery reports).
	DeliveryReportEnabled *bool `yaml:"deliveryReportEnabled,omitempty"`
	// TargetApplicationUri is the other organization's application URI for
	// federated authentication (outlook.com for Exchange Online; towards
	// on-premises, FYDIBOHF25SPDLT.<federatedDelegationNamespace> by
	// default, as the wizard sets it).
	TargetApplicationUri URI `yaml:"targetApplicationUri,omitempty"`
	// TargetAutodiscoverEpr is the other organization's Autodiscover
	// endpoint.
	TargetAutodiscoverEpr HTTPSURL `yaml:"targetAutodiscoverEpr,omitempty"`
	// TargetSharingEpr is the other organization's Exchange Web Services
	// endpoint, when Autodiscover is not to be used.
	TargetSharingEpr HTTPSURL `yaml:"targetSharingEpr,omitempty"`
	// DependsOn names resources of the same organization that must be in
	// place first, as kind/name (availabilityAddressSpace/service.contoso.com).
	DependsOn []ResourceRef `yaml:"dependsOn,omitempty" jsonschema:"uniqueItems=true"`
	// Adopt (true unless set to false) lets the script take over an
	// existing relationship that serves the same purpose when none has the
	// declared name: its DomainNames overlap the declared ones, or, between
	// the two organizations, it is named as the Hybrid Configuration Wizard
	// names it ("On-premises to O365 - <GUID>", "O365 to On-premises -
	// <GUID>") or, online, points at the on-premises federation application
	// URI. The script then manages that object under its own name. With
	// adopt: false a second relationship is created, unless the other's
	// domains overlap (New-OrganizationRelationship would fail): then the
	// script refuses and names it.
	Adopt *bool `yaml:"adopt,omitempty"`
}

// AvailabilityAddressSpace tells on-premises mailbox servers how to reach
// free/busy in another forest (Add-AvailabilityAddressSpace). Exchange has no
// Set- cmdlet for it: a changed address space is removed and added again.
type AvailabilityAddressSpace struct {
	Meta `yaml:"-"`
	// ForestName is the namespace the address space serves: in a hybrid
	// deployment the service routing namespace (service.contoso.com).
	ForestName DomainName `yaml:"forestName" jsonschema:"required"`
	// Ensure is present (the default) to add the address space, absent to
	// remove it.
	Ensure Ensure `yaml:"ensure,omitempty"`
	// AccessMethod is how free/busy is fetched: InternalProxy in a hybrid
	// deployment, or PerUserFB, OrgWideFB, OrgWideFBToken, PublicFolder.
	AccessMethod AvailabilityAccessMethod `yaml:"accessMethod,omitempty"`
	// UseServiceAccount authenticates with the Availability service's own
	// account.
	UseServiceAccount *bool `yaml:"useServiceAccount,omitempty"`
	// PromptForCredentials asks the operator for the credentials when the
	// script runs (PerUserFB, OrgWideFB). Credentials never go into the YAML.
	PromptForCredentials *bool `yaml:"promptForCredentials,omitempty"`
	// DependsOn names resources of the same organization that must be in
	// place first, as kind/name (organizationRelationship/To Cloud).
	DependsOn []ResourceRef `yaml:"dependsOn,omitempty" jsonschema:"uniqueItems=true"`
}
