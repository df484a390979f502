package statediff

import (
	"fmt"
	"strings"
	"time"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
)

// federationTrust decides as Sync-HybridcFederationTrust: a missing trust
// or another account namespace than declared make the script fail for it
// (nothing is changed); otherwise the identifier is turned on or off as declared and the missing federated
// domains are added. A state of an export that did not read the
// identifier's state nor the trusts (an earlier hybridc's, without
// federationEnabled) is not judged on the trust.
func (c *stateComparer) federationTrust(r *model.Resource) (ScriptStatus, []PropertyChange) {
	st := c.recipients.St
	op := r.Spec.(*config.OnPremises)
	if st.FederationEnabled != nil {
		found := false
		for _, t := range st.FederationTrusts {
			found = found || strings.EqualFold(t.Name, r.Name)
			if !strings.EqualFold(t.Name, r.Name) || t.CertificateNotAfter == "" {
				continue
			}
			if at, err := time.Parse(time.RFC3339, t.CertificateNotAfter); err == nil && at.Before(time.Now().UTC()) {
				c.unresolved(r, fmt.Sprintf("the federation trust's certificate expired on %s", t.CertificateNotAfter))
			}
		}
		if !found {
			c.unresolved(r, fmt.Sprintf("there is no federation trust '%s' (create it with the Hybrid Configuration Wizard)", r.Name))
			return ScriptUnchanged, nil
		}
	}
	if have := kinds.AccountNamespace(st.AccountNamespace); have == "" {
		c.unresolved(r, "the federated organization identifier has no account namespace (run the Hybrid Configuration Wizard)")
		return ScriptUnchanged, nil
	} else if !strings.EqualFold(have, string(op.FederatedDelegationNamespace)) {
		c.unresolved(r, fmt.Sprintf("the federated organization identifier's account namespace is '%s', not '%s'", have, op.FederatedDelegationNamespace))
		return ScriptUnchanged, nil
	}
	return status(c.compareProperties(r, r.Properties(), func(name string) any {
		if name == "Domains" {
			return st.FederatedDomains
		}
		return kinds.FederationTrust.Current(st, name)
	}))
}
