package statediff

import (
	"fmt"
	"strings"
	"time"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/state"
)

// authCertificate decides as Sync-HybridcAuthCertificate: the current
// certificate must be the declared one or, once it took over, the declared
// next one; an expired current certificate (its real NotAfter) fails the
// item unless the next one's date has come; a declared next certificate
// the configuration lacks is set, and published once its date has come.
func (c *stateComparer) authCertificate(r *model.Resource) (ScriptStatus, []PropertyChange) {
	ac := r.Spec.(*config.AuthCertificate)
	a := c.recipients.St.Auth()
	if a == nil {
		c.unresolved(r, "the state holds no auth configuration (Get-AuthConfig)")
		return ScriptUnchanged, nil
	}
	next, rolled := AuthCertificatePlan(ac, a, time.Now().UTC())
	if !rolled && !strings.EqualFold(a.CurrentCertificateThumbprint, string(ac.Thumbprint)) {
		c.unresolved(r, fmt.Sprintf("the current auth certificate is '%s', not the declared one, and hybridc never replaces it directly", a.CurrentCertificateThumbprint))
		return ScriptUnchanged, nil
	}
	notAfter, err := time.Parse(time.RFC3339, a.CurrentCertificateNotAfter)
	if err != nil {
		c.unresolved(r, "the server does not hold the current auth certificate (no NotAfter)")
		return ScriptUnchanged, nil
	}
	if notAfter.Before(time.Now().UTC()) && !next.Publish {
		c.unresolved(r, fmt.Sprintf("the current auth certificate expired on %s", notAfter.Format("2006-01-02")))
		return ScriptUnchanged, nil
	}
	var changes []PropertyChange
	if next.Set {
		changes = append(changes, PropertyChange{Name: "NewCertificateThumbprint", Old: a.NextCertificateThumbprint, New: string(ac.Next.Thumbprint)},
			PropertyChange{Name: "NewCertificateEffectiveDate", Old: day(a.NextCertificateEffectiveDate), New: string(ac.Next.EffectiveDate)})
	}
	if next.Publish {
		changes = append(changes, PropertyChange{Name: "PublishCertificate", Old: a.CurrentCertificateThumbprint, New: string(ac.Next.Thumbprint)})
	}
	return status(changes)
}

// NextStep is what the engine does with a declared next auth certificate.
type NextStep struct {
	// Set: Set-AuthConfig -NewCertificateThumbprint -NewCertificateEffectiveDate.
	Set bool
	// Publish: Set-AuthConfig -PublishCertificate (its date has come and
	// it is not current).
	Publish bool
}

// AuthCertificatePlan is what the engine does with the declared next
// certificate given the configuration a, on day now, and whether the next
// certificate already took over (rolled).
func AuthCertificatePlan(ac *config.AuthCertificate, a *state.AuthConfig, now time.Time) (step NextStep, rolled bool) {
	n := ac.Next
	if n == nil {
		return step, false
	}
	if strings.EqualFold(a.CurrentCertificateThumbprint, string(n.Thumbprint)) {
		return step, true
	}
	step.Set = !strings.EqualFold(a.NextCertificateThumbprint, string(n.Thumbprint))
	if at, err := time.Parse("2006-01-02", string(n.EffectiveDate)); err == nil && !at.After(now) {
		step.Publish = true
	}
	return step, false
}

// day is the date part of an RFC 3339 time, or the text as it is.
func day(t string) string {
	if at, err := time.Parse(time.RFC3339, t); err == nil {
		return at.UTC().Format("2006-01-02")
	}
	return t
}
