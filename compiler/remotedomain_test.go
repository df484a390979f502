package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/model"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/statediff"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// remoteDomainsYAML declares the wizard's remote domains in both
// organizations.
const remoteDomainsYAML = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  remoteDomains:
    - name: Hybrid Domain - contoso.mail.onmicrosoft.com
      domainName: contoso.mail.onmicrosoft.com
      targetDeliveryDomain: true
      trustedMailOutboundEnabled: true
      allowedOOFType: InternalLegacy
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
  remoteDomains:
    - name: Hybrid Domain - contoso.com
      domainName: contoso.com
      autoReplyEnabled: true
`

// TestRemoteDomainPlanState: plan --state finds a remote domain by its
// domain, reports it in sync in the state its scripts leave, a changed
// setting as a change, and a missing one as added; the call estimate
// counts New- and Set- for a new one with settings.
func TestRemoteDomainPlanState(t *testing.T) {
	res, states := yamlStates(t, "remote.yaml", []byte(remoteDomainsYAML))
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Fatalf("the synthesized state is not in sync")
	}
	var onprem *statefile.StateFile
	for _, s := range states {
		if s.State.Kind == "onPremises" {
			onprem = s
		}
	}
	if onprem == nil || len(onprem.State.RemoteDomains) != 1 {
		t.Fatalf("no on-premises remote domain synthesized")
	}
	onprem.State.RemoteDomains[0].AllowedOOFType = "External"
	ch, _ := statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "AllowedOOFType") || !strings.Contains(got, "InternalLegacy") {
		t.Errorf("a changed AllowedOOFType is not reported: %s", got)
	}
	onprem.State.RemoteDomains = nil
	ch, _ = statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "added") {
		t.Errorf("a missing remote domain is not reported added: %s", got)
	}
	for _, e := range renderpkg.EstimateCalls(res.Schedule) {
		if e.File != "onprem.ps1" {
			continue
		}
		for _, k := range e.Kinds {
			if k.Kind == model.KindRemoteDomain && (k.FirstRun != 3 || k.InSync != 1) {
				t.Errorf("remoteDomain calls %d/%d, want 3 (Get, New, Set) / 1 (Get)", k.FirstRun, k.InSync)
			}
		}
	}
}

// changeText lists a change's added and changed resources with their
// properties, for messages.
func changeText(ch *statediff.Change) string {
	var b strings.Builder
	for _, s := range ch.Scripts {
		for _, r := range s.Added {
			b.WriteString(s.File + " added " + r.ID + "\n")
		}
		for _, r := range s.Changed {
			b.WriteString(s.File + " changed " + r.ID)
			for _, p := range r.Properties {
				b.WriteString(" " + p.Name + " " + fmtValue(p.Old) + " -> " + fmtValue(p.New))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func fmtValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if v == nil {
		return "nil"
	}
	return strings.TrimSpace(strings.Join(strings.Fields(strings.Trim(strings.ReplaceAll(fmtAny(v), "\n", " "), " ")), " "))
}

func fmtAny(v any) string {
	switch v := v.(type) {
	case bool:
		if v {
			return "true"
		}
		return "false"
	case []string:
		return strings.Join(v, ",")
	}
	return "?"
}

// TestRemoteDomainLookalikeState: a state entry whose domain differs from
// the declared one only by a character strings.EqualFold folds and .NET's
// OrdinalIgnoreCase does not (the long s for an s) is another domain
// to the engine, so plan --state compares the declared domain with the
// real one after it, not with the lookalike (found by the attacker's
// review: a lookalike in sync hid the change).
func TestRemoteDomainLookalikeState(t *testing.T) {
	res, states := yamlStates(t, "remote.yaml", []byte(remoteDomainsYAML))
	for _, s := range states {
		if s.State.Kind != "onPremises" {
			continue
		}
		real := s.State.RemoteDomains[0]
		look := real
		look.DomainName = "conto\u017Fo.mail.onmicrosoft.com"
		look.Name = "lookalike"
		real.DomainName = "Contoso.mail.onmicrosoft.com"
		real.AllowedOOFType = "External"
		s.State.RemoteDomains = append(s.State.RemoteDomains[:0], look, real)
	}
	ch, _ := statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "AllowedOOFType") {
		t.Errorf("the real domain's changed AllowedOOFType is hidden behind the lookalike: %s", got)
	}
}
