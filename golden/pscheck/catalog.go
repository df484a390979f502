package pscheck

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// catalogJSON is Microsoft's documented Exchange cmdlet catalog
// (MicrosoftDocs/office-docs-powershell), copied here so tests run on a
// fresh clone.
//
//go:embed catalog/exchange-cmdlets.json
var catalogJSON []byte

// envSpec says where a cmdlet or parameter exists.
type envSpec struct {
	OnPremises     []string `json:"onPremises"`
	ExchangeOnline bool     `json:"exchangeOnline"`
}

// has reports whether e covers env.
func (e envSpec) has(env Env) bool {
	if env.Online {
		return e.ExchangeOnline
	}
	for _, v := range e.OnPremises {
		if v == env.OnPremVersion {
			return true
		}
	}
	return false
}

type paramSpec struct {
	Type        string   `json:"type"`
	Switch      bool     `json:"switch"`
	MultiValued bool     `json:"multiValued"`
	Values      []string `json:"values"`
	Aliases     []string `json:"aliases"`
	Env         *envSpec `json:"env"` // nil in a few entries: the cmdlet's env applies
}

type setParam struct {
	Required bool `json:"required"`
	Position *int `json:"position"`
}

type setSpec struct {
	Params map[string]setParam `json:"params"`
}

type cmdletSpec struct {
	name          string
	Env           envSpec               `json:"env"`
	Params        map[string]*paramSpec `json:"params"`
	ParameterSets map[string]*setSpec   `json:"parameterSets"`
	byLower       map[string]string     // lower-case name or alias -> name
	setNames      []string              // sorted
}

type catalog struct {
	Source struct {
		Repo   string `json:"repo"`
		Commit string `json:"commit"`
	} `json:"source"`
	Cmdlets  map[string]*cmdletSpec `json:"cmdlets"`
	byLower  map[string]*cmdletSpec
	versions []string
}

var (
	catalogOnce sync.Once
	theCatalog  *catalog
	catalogErr  error
)

// loadCatalog parses the embedded catalog once.
func loadCatalog() (*catalog, error) {
	catalogOnce.Do(func() {
		c := &catalog{}
		if err := json.Unmarshal(catalogJSON, c); err != nil {
			catalogErr = fmt.Errorf("pscheck: embedded cmdlet catalog: %w", err)
			return
		}
		c.index()
		theCatalog = c
	})
	return theCatalog, catalogErr
}

// index builds the case-insensitive lookups. A real parameter name wins over
// an alias; an alias claimed by two parameters goes to WhatIf/Confirm, or
// else to the alphabetically first parameter (the catalog has two such
// clashes, see the package doc).
func (c *catalog) index() {
	c.byLower = make(map[string]*cmdletSpec, len(c.Cmdlets))
	seen := map[string]bool{}
	for name, spec := range c.Cmdlets {
		spec.name = name
		c.byLower[strings.ToLower(name)] = spec
		for _, v := range spec.Env.OnPremises {
			if !seen[v] {
				seen[v] = true
				c.versions = append(c.versions, v)
			}
		}
		names := make([]string, 0, len(spec.Params))
		for p := range spec.Params {
			names = append(names, p)
		}
		sort.Strings(names)
		spec.byLower = map[string]string{}
		for _, p := range names {
			spec.byLower[strings.ToLower(p)] = p
		}
		for _, p := range names {
			for _, a := range spec.Params[p].Aliases {
				la := strings.ToLower(a)
				if old, taken := spec.byLower[la]; !taken || (p == "WhatIf" || p == "Confirm") && !strings.EqualFold(old, a) {
					spec.byLower[la] = p
				}
			}
		}
		for s := range spec.ParameterSets {
			spec.setNames = append(spec.setNames, s)
		}
		sort.Strings(spec.setNames)
	}
	sort.Strings(c.versions)
}

// lookup finds a cmdlet by name, case-insensitively.
func (c *catalog) lookup(name string) (*cmdletSpec, bool) {
	s, ok := c.byLower[strings.ToLower(name)]
	return s, ok
}

// resolve maps a parameter name or alias to the documented parameter.
func (s *cmdletSpec) resolve(name string) (string, *paramSpec, bool) {
	canon, ok := s.byLower[strings.ToLower(name)]
	if !ok {
		return "", nil, false
	}
	return canon, s.Params[canon], true
}

// paramEnv is where a parameter exists: its own env, else the cmdlet's.
func (s *cmdletSpec) paramEnv(p *paramSpec) envSpec {
	if p.Env != nil {
		return *p.Env
	}
	return s.Env
}

// OnPremVersions returns the on-premises versions the catalog knows, in its
// spelling ("Exchange Server 2019", "Exchange Server SE", ...): the valid
// values of Env.OnPremVersion.
func OnPremVersions() []string {
	c, err := loadCatalog()
	if err != nil {
		return nil
	}
	return append([]string(nil), c.versions...)
}
