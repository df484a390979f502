package exchange

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed behaviour.json
var behaviourJSON []byte

// Table is the whole behaviour table as stored in behaviour.json.
type Table struct {
	// Cmdlets holds one entry per cmdlet the generated scripts call.
	Cmdlets []CmdletBehaviour `json:"cmdlets"`
	// Errors holds the recorded error shapes, by class.
	Errors []ErrorShape `json:"errors"`
	// Clouds holds the endpoints toward Exchange Online in each cloud.
	Clouds []CloudEndpoints `json:"clouds"`
	// RoleGroups holds the built-in role groups of each environment.
	RoleGroups []RoleGroup `json:"roleGroups"`
	// Lifecycle holds the support state of each Exchange Server version.
	Lifecycle []Product `json:"lifecycle"`
}

// Provenance says where a fact comes from and whether it was confirmed in
// the stored documentation.
type Provenance struct {
	// Source is a URL or an issue reference (owner/repo#number).
	Source string `json:"source"`
	// Confirmed is false when the fact could not be checked in the stored
	// documentation; Note then says what is missing.
	Confirmed bool `json:"confirmed"`
	// Note explains the fact or what remains unconfirmed.
	Note string `json:"note,omitempty"`
}

// Env says in which environments something exists.
type Env struct {
	// OnPremises is true when it exists in Exchange Server.
	OnPremises bool `json:"onPremises"`
	// Online is true when it exists in Exchange Online.
	Online bool `json:"online"`
}

// String renders the environment as "on-premises", "online" or both.
func (e Env) String() string {
	switch {
	case e.OnPremises && e.Online:
		return "on-premises, online"
	case e.OnPremises:
		return "on-premises"
	case e.Online:
		return "online"
	}
	return "none"
}

// CmdletBehaviour is what the table knows of one cmdlet.
type CmdletBehaviour struct {
	// Name is the cmdlet name, e.g. Get-Mailbox.
	Name string `json:"name"`
	// Env is where the cmdlet exists (per the catalog).
	Env Env `json:"env"`
	// Identities lists the identity-like parameters and the forms they take.
	Identities []IdentityParam `json:"identities,omitempty"`
	// Read describes a Get- cmdlet's reading behaviour; nil for changes.
	Read *ReadBehaviour `json:"read,omitempty"`
	// Properties lists the returned properties the scripts read or compare.
	Properties []PropertyShape `json:"properties,omitempty"`
	// MultiValued lists parameters that take a list and how they apply it.
	MultiValued []MultiValuedParam `json:"multiValued,omitempty"`
	Provenance
}

// IdentityParam describes one identity-like parameter of a cmdlet.
type IdentityParam struct {
	// Param is the parameter name without the dash, e.g. Identity.
	Param string `json:"param"`
	// Env is where this parameter exists (a subset of the cmdlet's).
	Env Env `json:"env"`
	// Forms lists the identity forms Microsoft documents, using the names
	// of the Forms constants (Name, Alias, DistinguishedName, ...).
	Forms []string `json:"forms"`
	// UniqueOnly is true when the docs say "any value that uniquely
	// identifies": a short form (Name, Alias, display name) works only
	// while it matches one object, else the call fails as ambiguous.
	UniqueOnly bool `json:"uniqueOnly"`
	Provenance
}

// ReadBehaviour describes how a Get- cmdlet reads.
type ReadBehaviour struct {
	// ResultSize is where the cmdlet has -ResultSize (Unlimited reads all).
	ResultSize Env `json:"resultSize"`
	// IdentityOptional is true when -Identity can be left out to list all.
	IdentityOptional bool `json:"identityOptional"`
	// NotFound says what a read of a missing object does: one of the
	// NotFound constants.
	NotFound string `json:"notFound"`
	// NullIdentityReturnsAll is true when Microsoft's page warns that
	// $null or a non-existent Identity returns all objects: a script must
	// never pass an empty identity and must check the returned object is
	// the one it asked for.
	NullIdentityReturnsAll bool `json:"nullIdentityReturnsAll"`
	Provenance
}

// PropertyShape describes a property as it comes back to the script.
type PropertyShape struct {
	// Name is the property name.
	Name string `json:"name"`
	// Type is the .NET type Exchange documents or returns.
	Type string `json:"type"`
	// MultiValued is true for list properties (compare as sets).
	MultiValued bool `json:"multiValued"`
	// Shape says what the value looks like after remoting (strings).
	Shape string `json:"shape"`
	// StableKey says how to compare it without relying on display names.
	StableKey string `json:"stableKey,omitempty"`
	Provenance
}

// MultiValuedParam describes how a list parameter changes a property.
type MultiValuedParam struct {
	// Param is the parameter name without the dash.
	Param string `json:"param"`
	// Replaces is true when an array value replaces the whole list.
	Replaces bool `json:"replaces"`
	// AddRemove is true when @{Add=...; Remove=...} changes items.
	AddRemove bool `json:"addRemove"`
	Provenance
}

var load = sync.OnceValues(func() (*Table, error) { return Parse(behaviourJSON) })

// Load returns the embedded table, parsed once.
func Load() (*Table, error) { return load() }

// Parse decodes a behaviour table strictly: unknown fields and trailing
// data are errors.
func Parse(data []byte) (*Table, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var t Table
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("exchange: behaviour.json: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("exchange: behaviour.json: data after the table")
	}
	return &t, nil
}

// mustLoad returns the embedded table; the data is embedded and tested, so
// a failure is a build defect.
func mustLoad() *Table {
	t, err := Load()
	if err != nil {
		panic(err)
	}
	return t
}
