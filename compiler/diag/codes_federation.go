package diag

// Diagnostic codes of free/busy towards and from on-premises (issue 19).
const (
	CodeInternalProxy    = "HC0345"
	CodeAutodiscoverHint = "HC0346"
)

var federationRules = []Rule{
	{CodeInternalProxy, "internal-proxy-modern-exchange", "Warning: an InternalProxy availability address space serves only mailbox servers older than the hybrid server (Exchange 2010); with Exchange 2013 and later, free/busy goes through the organization relationship."},
	{CodeAutodiscoverHint, "autodiscover-default-guess", "Warning: the tenant's relationship towards on-premises gets targetAutodiscoverEpr https://autodiscover.<first primary SMTP domain>/..., a guess: hybridc export prints the organization's published EWS URL to copy."},
}

func init() {
	Rules = append(Rules, federationRules...)
}
