package diag

// Diagnostic codes of the cross-checks between the kinds of issue 16: the
// on-premises relationship towards a partner, the tenant's
// OnPremisesOrganization against the declared connectors and relationships,
// and the certificates, domains and mail flow the two organizations'
// connectors must agree on.
const (
	CodePartnerRelationshipMixed = "HC0361"
	CodeOnPremOrgUnknown         = "HC0362"
	CodeOnPremOrgHybridDomains   = "HC0363"
	CodeOutboundSmartHostTLS     = "HC0364"
	CodeOutboundRecipientDomain  = "HC0389"
	CodeInboundCertificate       = "HC0390"
	CodeCentralizedMismatch      = "HC0391"
	CodeConnectorRelationship    = "HC0392"
	CodeOutboundReceiveCert      = "HC0393"
)

var xcheckRules = []Rule{
	{CodePartnerRelationshipMixed, "relationship-partner-and-tenant", "Warning: an on-premises organization relationship lists a declared partner's domain together with a domain of our tenant. Exchange picks one relationship by the recipient's domain: the partner's users are then reached over the relationship towards our tenant, with its endpoints. Declare a separate on-premises relationship towards the partner that lists its domains and none of our tenant's."},
	{CodeOnPremOrgUnknown, "on-premises-organization-unknown-name", "Warning: exchangeOnline.onPremisesOrganization names an inbound connector, outbound connector or organization relationship that the YAML does not declare. It may exist unmanaged in the tenant; otherwise Set-OnPremisesOrganization points at nothing. Check the name (a close declared one is suggested)."},
	{CodeOnPremOrgHybridDomains, "on-premises-organization-hybrid-domains", "Warning: exchangeOnline.onPremisesOrganization.hybridDomains leaves out an on-premises primary SMTP domain: Exchange Online does not treat mail of that domain as the hybrid organization's (attribution, the wizard lists every hybrid domain)."},
	{CodeOutboundSmartHostTLS, "outbound-smart-host-certificate", "Warning: a smart host of an Exchange Online outbound connector is not covered by its tlsDomain (the on-premises certificate's domain): with TLS verified by domain the connection to on-premises fails when the host presents a certificate for another name."},
	{CodeOutboundRecipientDomain, "outbound-recipient-domain", "Warning: an Exchange Online outbound connector's recipientDomains lists a domain that is neither an on-premises primary SMTP domain nor a group domain: mail to that domain is routed on-premises, which does not accept it."},
	{CodeInboundCertificate, "inbound-certificate-send-connector", "Warning: the Exchange Online inbound connector expects another certificate than the one the on-premises hybrid send connector presents: Exchange Online does not attribute the on-premises mail to the organization (it is treated as internet mail)."},
	{CodeCentralizedMismatch, "centralized-mail-flow-mismatch", "Warning: onPremises.centralizedMailFlow and an Exchange Online outbound connector's routeAllMessagesViaOnPremises disagree: centralized mail transport is the outbound connector's setting, and hybridc's checks of external mail to groups follow centralizedMailFlow."},
	{CodeConnectorRelationship, "intra-organization-connector-relationship", "Warning: an intra-organization connector's target address domain is not listed by any organization relationship of the same organization: when OAuth fails for it, free/busy has no relationship to fall back to."},
	{CodeOutboundReceiveCert, "outbound-receive-certificate", "Warning: an Exchange Online outbound connector requires a certificate for its tlsDomain, but an on-premises receive connector presents a declared certificate for another domain: mail from Exchange Online to on-premises fails the TLS check at that server."},
}

func init() {
	Rules = append(Rules, xcheckRules...)
	for _, r := range xcheckRules {
		WarningCodes[r.Code] = true
	}
}
