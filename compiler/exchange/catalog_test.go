package exchange

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// catalog mirrors the part of golden/pscheck/catalog/exchange-cmdlets.json
// these tests read (pscheck itself needs cgo).
type catalog struct {
	Cmdlets map[string]struct {
		Env    catEnv `json:"env"`
		Params map[string]struct {
			Env catEnv `json:"env"`
		} `json:"params"`
		ParameterSets map[string]struct {
			Params map[string]struct {
				Required bool `json:"required"`
			} `json:"params"`
		} `json:"parameterSets"`
	} `json:"cmdlets"`
}

type catEnv struct {
	OnPremises     []string `json:"onPremises"`
	ExchangeOnline bool     `json:"exchangeOnline"`
}

func (e catEnv) env() Env { return Env{OnPremises: len(e.OnPremises) > 0, Online: e.ExchangeOnline} }

// within reports whether every environment of want is in have.
func within(want, have Env) bool {
	return (!want.OnPremises || have.OnPremises) && (!want.Online || have.Online)
}

func loadCatalog(t *testing.T) catalog {
	t.Helper()
	data, err := os.ReadFile("../../golden/pscheck/catalog/exchange-cmdlets.json")
	if err != nil {
		t.Fatal(err)
	}
	var c catalog
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAgainstCatalog checks every cmdlet and parameter named in the table
// against Microsoft's documented parameters: the cmdlet exists in the
// environments stated, each parameter exists where stated, -ResultSize is
// recorded exactly where the catalog has it, and Identity is optional
// exactly when a parameter set does not require it.
func TestAgainstCatalog(t *testing.T) {
	cat := loadCatalog(t)
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range tab.Cmdlets {
		cc, ok := cat.Cmdlets[c.Name]
		if c.Env == (Env{}) {
			if ok {
				t.Errorf("%s is in the Exchange catalog but recorded as not an Exchange cmdlet", c.Name)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: not in the catalog", c.Name)
			continue
		}
		if cc.Env.env() != c.Env {
			t.Errorf("%s: env %v, catalog %v", c.Name, c.Env, cc.Env.env())
		}
		param := func(name string, env Env) {
			p, ok := cc.Params[name]
			if !ok {
				t.Errorf("%s: no parameter -%s in the catalog", c.Name, name)
				return
			}
			if !within(env, p.Env.env()) {
				t.Errorf("%s -%s: env %v, catalog %v", c.Name, name, env, p.Env.env())
			}
		}
		for _, p := range c.Identities {
			param(p.Param, p.Env)
		}
		for _, m := range c.MultiValued {
			param(m.Param, c.Env)
		}
		if r := c.Read; r != nil {
			rs, has := cc.Params["ResultSize"]
			if has != (r.ResultSize != Env{}) || (has && rs.Env.env() != r.ResultSize) {
				t.Errorf("%s: resultSize %v, catalog has=%t %v", c.Name, r.ResultSize, has, rs.Env.env())
			}
			_, hasID := cc.Params["Identity"]
			optional := false
			for _, s := range cc.ParameterSets {
				if p, ok := s.Params["Identity"]; !ok || !p.Required {
					optional = true
				}
			}
			if !hasID {
				optional = false
			}
			if optional != r.IdentityOptional {
				t.Errorf("%s: identityOptional %t, catalog %t", c.Name, r.IdentityOptional, optional)
			}
		}
		if strings.TrimSpace(c.Name) != c.Name {
			t.Errorf("%q: stray spaces", c.Name)
		}
	}
}
