package compiler

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
)

// catalogCmdlet is what this test reads of a cmdlet in Microsoft's
// documented catalog (golden/pscheck/catalog).
type catalogCmdlet struct {
	Env    catalogEnv `json:"env"`
	Params map[string]struct {
		Env *catalogEnv `json:"env"`
	} `json:"params"`
}

type catalogEnv struct {
	OnPremises     []string `json:"onPremises"`
	ExchangeOnline bool     `json:"exchangeOnline"`
}

// has reports whether the environment includes a script's organization.
func (e catalogEnv) has(online bool) bool {
	if online {
		return e.ExchangeOnline
	}
	return slices.Contains(e.OnPremises, "Exchange Server SE")
}

// splatted are the cmdlets each kind's engine splats its declared
// properties onto: the data names the parameters, so the catalog check of
// the scripts cannot see them; this test does.
var splatted = map[string][]string{
	model.KindOrganizationRelationship: {"New-OrganizationRelationship", "Set-OrganizationRelationship"},
	model.KindAvailabilityAddressSpace: {"Add-AvailabilityAddressSpace"},
	model.KindOrganizationConfig:       {"Set-OrganizationConfig"},
	model.KindAcceptedDomain:           {"New-AcceptedDomain", "Set-AcceptedDomain"},
	model.KindUnifiedGroup:             {"New-UnifiedGroup", "Set-UnifiedGroup"},
	model.KindEchoGroupMessages:        {"Set-MailboxMessageConfiguration"},
}

// TestSplattedPropertiesAreDocumented checks every property a kind's
// engine splats onto its New-/Set- cmdlets against Microsoft's documented
// parameters of those cmdlets, in the script's environment.
func TestSplattedPropertiesAreDocumented(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "golden", "pscheck", "catalog", "exchange-cmdlets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var catalog struct {
		Cmdlets map[string]catalogCmdlet `json:"cmdlets"`
	}
	if err := json.Unmarshal(data, &catalog); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("testdata", "every-field.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res := Analyze(load.Source{Name: "every-field.yaml", Data: src})
	if res.Schedule == nil {
		t.Fatal(res.Diagnostics)
	}
	checked := map[string]bool{}
	for _, sp := range res.Schedule.Scripts {
		for _, r := range sp.Resources {
			for _, cmdlet := range splatted[r.Kind] {
				c, ok := catalog.Cmdlets[cmdlet]
				if !ok {
					t.Fatalf("%s is not in the catalog", cmdlet)
				}
				for _, p := range r.Properties() {
					if r.Kind == model.KindUnifiedGroup && p.Name == "PrimarySmtpAddress" {
						continue // passed on its own, never splatted
					}
					param, ok := c.Params[p.Name]
					env := c.Env
					if ok && param.Env != nil {
						env = *param.Env
					}
					switch {
					case !ok:
						t.Errorf("%s: %s has no parameter -%s", r.ID(), cmdlet, p.Name)
					case !env.has(sp.Target.Online):
						t.Errorf("%s: %s -%s does not exist in %s", r.ID(), cmdlet, p.Name, sp.Target.File)
					}
					checked[r.Kind] = true
				}
			}
		}
	}
	for kind := range splatted {
		if !checked[kind] {
			t.Errorf("every-field.yaml declares no %s with properties: the test proves nothing for it", kind)
		}
	}
}
