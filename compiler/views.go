package compiler

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// resourceView is what the resource template lays out. Every field is
// either PowerShell code fixed by the compiler, or a value made safe by
// Quote, Bool or CommentText.
type resourceView struct {
	Number int
	Header string // comment text
	Shape  string // "customization", "links", "apply", or "" for read-compare-change
	ID     string // literal
	// Vars are the variables the block's code uses, $name first: each a
	// fixed name and a literal value.
	Vars    []variable
	Absent  bool
	Read    string
	Desired []property
	Kinds   string
	Create  []string
	Update  []string
	Remove  []string
	// UpdateAction is a literal that, followed by the drifted property
	// names, describes the update for -WhatIf and -Confirm.
	UpdateAction string
	// Missing is a literal message for a resource the script cannot create
	// (Create empty): an error, or with MissingSkip a reason to skip it.
	Missing     string
	MissingSkip bool
	// Links shape: the action literal for -WhatIf, whether items are added
	// when missing (else removed when present), and the change.
	LinkAction string
	LinkAdd    bool
	// Commands are the cmdlets the block calls, for the preflight.
	Commands []string
}

// variable is one "$Name = Value" line of a block.
type variable struct {
	Name  string
	Value string
}

// property is one line of a $desired hashtable: a parameter name and its
// value as a PowerShell expression.
type property struct {
	Key   string
	Value string
	Kind  string // "set", "uri", "identity", or "" for a plain value
}

// viewOf builds the view of one resource.
func viewOf(r *Resource, number int) resourceView {
	// The header names the file without its directory, so that the script
	// does not depend on where the compiler was run from.
	pos := r.Pos()
	header := fmt.Sprintf("%s (%s:%d:%d)", r.ID(), filepath.Base(pos.File), pos.Line, pos.Col)
	v := resourceView{Number: number, Header: CommentText(header), ID: Quote(r.ID()), Vars: []variable{{"name", Quote(r.Name)}}, Absent: r.Absent}
	switch r.Kind {
	case KindOrganizationCustomization:
		v.Header = CommentText(r.ID() + " (implicit: required before any organization relationship)")
		v.Shape = "customization"
		v.Commands = []string{"Enable-OrganizationCustomization"}
	case KindOrganizationRelationship:
		v.Read = "Get-OrganizationRelationship | Where-Object { $_.Name -eq $name } | Select-Object -First 1"
		v.Create = []string{"New-OrganizationRelationship -Name $name @desired -Confirm:$false | Out-Null"}
		v.Update = []string{"Set-OrganizationRelationship -Identity $name @drift -Confirm:$false"}
		v.Remove = []string{"Remove-OrganizationRelationship -Identity $name -Confirm:$false"}
		v.UpdateAction = Quote("Update ")
		v.Commands = []string{"Get-OrganizationRelationship", "New-OrganizationRelationship", "Set-OrganizationRelationship", "Remove-OrganizationRelationship"}
	case KindAvailabilityAddressSpace:
		a := r.AddressSpace
		v.Read = "Get-AvailabilityAddressSpace | Where-Object { $_.ForestName -eq $name } | Select-Object -First 1"
		v.Create = []string{"Add-AvailabilityAddressSpace @desired -Confirm:$false | Out-Null"}
		if a.PromptForCredentials != nil && *a.PromptForCredentials {
			v.Create = []string{
				"$credentials = Get-Credential -Message ('Credentials for the availability address space ' + $name)",
				"Add-AvailabilityAddressSpace @desired -Credentials $credentials -Confirm:$false | Out-Null",
			}
		}
		v.Remove = []string{"Remove-AvailabilityAddressSpace -Identity $current.Identity -Confirm:$false"}
		v.Update = append(slices.Clone(v.Remove), v.Create...)
		v.UpdateAction = Quote("Replace (Exchange has no Set- cmdlet for it) to change ")
		v.Commands = []string{"Get-AvailabilityAddressSpace", "Add-AvailabilityAddressSpace", "Remove-AvailabilityAddressSpace"}
	default:
		v.hybrid(r)
	}
	for _, p := range r.Properties() {
		v.Desired = append(v.Desired, property{Key: p.Name, Value: psValue(p.Value), Kind: p.Compare})
	}
	v.Kinds = kindsLiteral(v.Desired)
	if strings.Contains(v.Kinds, "identity") || strings.Contains(v.Kinds, "recipients") {
		v.Commands = append(v.Commands, "Get-Recipient")
	}
	alignKeys(v.Desired)
	return v
}

// kindsLiteral is the -Kinds hashtable telling Compare-HybridcState how to
// compare properties that are not plain values.
func kindsLiteral(ps []property) string {
	var parts []string
	for _, p := range ps {
		if p.Kind != "" {
			parts = append(parts, p.Key+" = "+Quote(p.Kind))
		}
	}
	if len(parts) == 0 {
		return "@{}"
	}
	return "@{ " + strings.Join(parts, "; ") + " }"
}

// alignKeys pads the keys of a hashtable so that the = signs line up.
func alignKeys(ps []property) {
	width := 0
	for _, p := range ps {
		width = max(width, len(p.Key))
	}
	for i := range ps {
		ps[i].Key += strings.Repeat(" ", width-len(ps[i].Key))
	}
}
