package compiler

import (
	"strings"
	"unicode"

	"github.com/hybridc/hybridc/compiler/config"
)

// foldIdentity is the form in which hybridc compares names, addresses and
// other identities: every character mapped to its simple uppercase letter
// (unicode.ToUpper, one character to one), which is what .NET's
// StringComparer.OrdinalIgnoreCase does, and what the engine's identity
// tables use. Go's strings.EqualFold and strings.ToLower differ from it
// (the Kelvin sign is "k" to them, not to .NET); the characters whose
// folding .NET versions and Go could disagree about are refused in names
// and addresses by the validate stage (CaseAmbiguousRune), so that both
// sides agree on every identity a configuration declares.
func foldIdentity[S ~string](s S) string { return strings.ToUpper(string(s)) }

// sameIdentity reports whether two identities are the same to Exchange and
// to the engine: ordinal, ignoring case (foldIdentity).
func sameIdentity[S, T ~string](a S, b T) bool { return foldIdentity(a) == foldIdentity(b) }

// ResourceKey identifies a resource within its script: its kind and the
// parts of its identity, each folded (foldIdentity). It is a tuple, never
// a joined string, so that no name can make two resources share a key by
// holding a separator ("trustee on mailbox"). Plan, plan --state and the
// checks compare resources by it.
type ResourceKey struct {
	Kind string
	// Parts are the folded identity parts (see Resource.Identity), the
	// unused ones empty.
	Parts [3]string
}

// Identity is what the engine finds the resource by, part by part: a
// permission's trustee, mailbox and folder; a Microsoft 365 group's (and its
// links', writeback's) primary SMTP address, since the engine finds a group
// by its address, never by its display name; every other resource's name.
func (r *Resource) Identity() []string {
	switch r.Kind {
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		if p := permissionSpec(r); p != nil {
			folder := ""
			if r.Kind == KindFolderPermission {
				folder = string(p.Folder)
			}
			return []string{string(p.Trustee), string(p.Mailbox), folder}
		}
	case KindUnifiedGroup, KindGroupMembers, KindGroupOwners, KindGroupSubscribers:
		if g := groupSpec(r); g != nil {
			return []string{string(g.PrimarySmtpAddress)}
		}
	}
	return []string{r.Name}
}

// key identifies a resource within its target (ResourceKey).
func (r *Resource) key() ResourceKey {
	k := ResourceKey{Kind: r.Kind}
	for i, p := range r.Identity() {
		k.Parts[i] = foldIdentity(p)
	}
	return k
}

// refKey is the key a dependsOn reference (kind/name) finds a resource by:
// its kind and name, whatever its identity.
func (r *Resource) refKey() ResourceKey {
	return ResourceKey{Kind: r.Kind, Parts: [3]string{foldIdentity(r.Name)}}
}

// HiddenIdentityRune reports whether r has no place in a name or address:
// a character that is not visible by itself, which comparisons by culture
// (PowerShell's -eq, its default hashtables) ignore while ordinal ones do
// not: non-spacing and enclosing marks (Mn, Me: combining accents, the
// combining grapheme joiner U+034F, the variation selectors U+FE00 to
// U+FE0F and U+E0100 to U+E01EF, the Mongolian ones U+180B to U+180D),
// format characters (Cf) and every other default-ignorable code point
// (the Hangul fillers among them).
func HiddenIdentityRune(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// lateCaseBlocks are ranges whose letters gained (or are) case pairs in
// Unicode 5.0 or later: Windows PowerShell 5.1's .NET Framework may not
// fold them as Go's tables do.
var lateCaseBlocks = [][2]rune{
	{0x10A0, 0x10FF}, // Georgian: pairs with Mtavruli since Unicode 11
	{0x13A0, 0x13FF}, // Cherokee: lower case since Unicode 8
	{0x1C80, 0x1CBF}, // Cyrillic Extended-C, Georgian Mtavruli
	{0x2C00, 0x2CFF}, // Glagolitic, Latin Extended-C, Coptic
	{0x2D00, 0x2D2F}, // Georgian Supplement
	{0xA640, 0xA69F}, // Cyrillic Extended-B
	{0xA720, 0xA7FF}, // Latin Extended-D
	{0xAB30, 0xABBF}, // Latin Extended-E, Cherokee Supplement
}

// CaseAmbiguousRune reports whether r is a letter whose case folding Go,
// .NET and .NET Framework could disagree about, so that a name holding it
// could be one object to plan and another to the script: a letter whose
// simple upper- and lower-case mappings are not one mutual pair (the Kelvin
// sign, the long s, the dotless i, the dotted capital I, the micro sign,
// the Greek symbol variants, title-case digraphs; the final sigma is kept:
// every table upper-cases it to sigma), a letter with case beyond the Basic
// Multilingual Plane (.NET Framework does not fold surrogate pairs), and a
// letter with case in a block Unicode paired after version 5.0.
func CaseAmbiguousRune(r rune) bool {
	up, low := unicode.ToUpper(r), unicode.ToLower(r)
	if up == r && low == r {
		return false // no case
	}
	if r < 0x80 {
		return false
	}
	if r > 0xFFFF || up > 0xFFFF || low > 0xFFFF {
		return true
	}
	for _, c := range []rune{r, up, low} {
		for _, b := range lateCaseBlocks {
			if c >= b[0] && c <= b[1] {
				return true
			}
		}
	}
	if r == 'ς' {
		return false
	}
	return (up != r && unicode.ToLower(up) != r) || (low != r && unicode.ToUpper(low) != r)
}

// permissionSpec is a permission resource's declaration, or nil.
func permissionSpec(r *Resource) *config.Permission {
	p, _ := r.Spec.(*config.Permission)
	return p
}

// groupSpec is a group resource's declaration, or nil.
func groupSpec(r *Resource) *config.UnifiedGroup {
	g, _ := r.Spec.(*config.UnifiedGroup)
	return g
}

// PlanID names a resource in plans: its ID, and for a Microsoft 365 group
// and its links the address the script finds the group by, so that a
// changed address reads as another group: unifiedGroup/Sales
// (sales@groups.contoso.com).
func (r *Resource) PlanID() string {
	switch r.Kind {
	case KindUnifiedGroup, KindGroupMembers, KindGroupOwners, KindGroupSubscribers:
		if g := groupSpec(r); g != nil {
			return r.ID() + " (" + string(g.PrimarySmtpAddress) + ")"
		}
	}
	return r.ID()
}

// permissionName is the name of a permission resource for people:
// trustee on mailbox, or trustee on mailbox:\folder. A part that holds one
// of these separators (or starts with a quote) is quoted PowerShell's way,
// so that the name of one grant never reads as another's.
func permissionName(trustee, mailbox, folder string) string {
	name := quoteIdentityPart(trustee) + " on " + quoteIdentityPart(mailbox)
	if folder != "" {
		name += `:\` + quoteIdentityPart(folder)
	}
	return name
}

// quoteIdentityPart quotes a part of a permission's name when it holds a
// separator of such names or starts with a quote.
func quoteIdentityPart(s string) string {
	if !strings.Contains(s, " on ") && !strings.Contains(s, `:\`) && !strings.HasPrefix(s, "'") && !strings.HasPrefix(s, "on ") && !strings.HasSuffix(s, " on") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
