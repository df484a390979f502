package diag

// Diagnostic codes of the TLS certificates declared once (certificates:)
// and the connectors that name them (issue 16).
const (
	CodeCertificateExpiring  = "HC0380"
	CodeCertificateExpired   = "HC0381"
	CodeCertificateUnknown   = "HC0382"
	CodeCertificateTwice     = "HC0383"
	CodeCertificateNoDomain  = "HC0384"
	CodeCertificateDuplicate = "HC0385"
	CodeReceiveIdentity      = "HC0386"
)

var transportRules = []Rule{
	{CodeCertificateExpiring, "certificate-expiring", "Warning: a declared certificate expires within 30 days (notAfter): renew it, then change its subject, issuer, notAfter (and thumbprint) once; plan shows each connector that presents it."},
	{CodeCertificateExpired, "certificate-expired", "A declared certificate is past its notAfter: connectors that present it fail TLS. Renew it and declare the new one."},
	{CodeCertificateUnknown, "certificate-unknown", "A connector's tlsCertificate names no certificate declared under certificates:."},
	{CodeCertificateTwice, "certificate-one-of", "A connector declares both tlsCertificate and the value it gives (tlsCertificateName, tlsSenderCertificateName, tlsDomain), or neither where the connector is there for its certificate (receive, inbound and outbound connectors): declare one of them."},
	{CodeCertificateNoDomain, "certificate-no-domain", "A certificate named by a connector that needs its domain has neither a domain nor a CN in its subject."},
	{CodeCertificateDuplicate, "certificate-duplicate", "Two declared certificates have the same name (compared ignoring case)."},
	{CodeReceiveIdentity, "receive-connector-identity", "A receive connector's identity is not <server>\\<name> (EXCH1\\Default Frontend EXCH1): a bare name is looked up on the local server only."},
}

func init() {
	Rules = append(Rules, transportRules...)
}
