package model

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// FoldIdentity is the form in which hybridc compares names, addresses and
// other identities: every character mapped to its simple uppercase letter,
// one character to one (identityUpper), which is what .NET's
// StringComparer.OrdinalIgnoreCase does (measured on PowerShell 7 over every
// code point: TestFoldIdentityAgreesWithDotNet), and what the engine's
// identity tables use. Go's strings.EqualFold and strings.ToUpper differ
// from it (the dotless i is "I" to them, not to .NET).
func FoldIdentity[S ~string](s S) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'a' <= c && c <= 'z' {
			return string(AppendFoldIdentity(make([]byte, 0, len(s)), string(s)))
		}
	}
	return string(s) // ASCII without a lower-case letter: already folded
}

// AppendFoldIdentity appends foldIdentity(s) to b, without allocating
// when b has room: lookups fold into a buffer on the stack. It is
// strings.Map(identityUpper, s), invalid UTF-8 becoming U+FFFD as there.
func AppendFoldIdentity(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, IdentityUpper(r))
		i += size
	}
	return b
}

// IdentityUpper is the upper case of one character as .NET's
// OrdinalIgnoreCase compares it: Unicode's simple uppercase mapping, except
// that .NET keeps the dotless i (U+0131) and the long s (U+017F), whose
// upper case is an ASCII letter, as they are.
func IdentityUpper(r rune) rune {
	if r == 'ı' || r == 'ſ' {
		return r
	}
	return unicode.ToUpper(r)
}

// looseFold is a looser fold than foldIdentity: every character mapped to
// the smallest character its case mappings (upper, lower, title, Unicode
// case folding, either way) connect it to, so that the dotless i, the
// dotted capital I, i and I are one, as are the long s and s, the Kelvin
// sign and k. Two identities that foldIdentity tells apart but looseFold
// does not could be one object to a .NET whose case tables differ
// (Windows PowerShell 5.1's .NET Framework, another culture): declaring
// both is refused (uniqueNames).
func looseFold(s string) string { return strings.Map(looseRune, s) }

// looseRune is a character's representative under looseFold.
func looseRune(r rune) rune {
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	if l, ok := looseTable()[r]; ok {
		return l
	}
	return r // no case
}

// looseTable maps every character with a case mapping (either way) to its
// representative: the smallest character its case mappings connect it to,
// lower-cased when that is ASCII. Built once, when first needed.
var looseTable = sync.OnceValue(func() map[rune]rune {
	rev := reverseCase()
	table := map[rune]rune{}
	for start := range rev {
		if _, done := table[start]; done {
			continue
		}
		component := []rune{start}
		seen := map[rune]bool{start: true}
		for i := 0; i < len(component); i++ {
			c := component[i]
			for _, n := range append([]rune{unicode.ToUpper(c), unicode.ToLower(c), unicode.ToTitle(c), unicode.SimpleFold(c)}, rev[c]...) {
				if !seen[n] {
					seen[n] = true
					component = append(component, n)
				}
			}
		}
		min := slices.Min(component)
		if min < 0x80 {
			min = unicode.ToLower(min)
		}
		for _, c := range component {
			table[c] = min
		}
	}
	return table
})

// reverseCase maps a character to those whose upper, lower or title case
// it is but that its own mappings do not reach (the dotted capital I is
// upper-cased by nothing, yet its lower case is i; ı upper-cases to I).
var reverseCase = sync.OnceValue(func() map[rune][]rune {
	m := map[rune][]rune{}
	for _, t := range []*unicode.RangeTable{unicode.L, unicode.M, unicode.N, unicode.S} {
		for _, rg := range t.R16 {
			for c := rune(rg.Lo); c <= rune(rg.Hi); c += rune(rg.Stride) {
				addReverseCase(m, c)
			}
		}
		for _, rg := range t.R32 {
			for c := rune(rg.Lo); c <= rune(rg.Hi); c += rune(rg.Stride) {
				addReverseCase(m, c)
			}
		}
	}
	return m
})

// addReverseCase records c under each of its case mappings that differs
// from it.
func addReverseCase(m map[rune][]rune, c rune) {
	for _, n := range []rune{unicode.ToUpper(c), unicode.ToLower(c), unicode.ToTitle(c)} {
		if n != c {
			m[n] = append(m[n], c)
		}
	}
}

// SameIdentity reports whether two identities are the same to Exchange and
// to the engine: ordinal, ignoring case (foldIdentity).
func SameIdentity[S, T ~string](a S, b T) bool { return FoldIdentity(a) == FoldIdentity(b) }

// ResourceKey identifies a resource within its script: its kind and the
// parts of its identity, each folded (foldIdentity). It is a tuple, never
// a joined string, so that no name can make two resources share a key by
// holding a separator ("trustee on mailbox"). hybridc plan, plan --state and the
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
// by its address, never by its display name; a kind the compiler handles
// from its declaration (kinds.StateKind) by its key when it has one (a
// remote domain's DomainName); every other resource's name.
func (r *Resource) Identity() []string {
	parts, n := r.identityParts()
	return append([]string(nil), parts[:n]...)
}

// identityParts is Identity in an array, the number of parts beside it:
// keys are built without allocating the list.
func (r *Resource) identityParts() ([3]string, int) {
	switch r.Kind {
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		if p := permissionSpec(r); p != nil {
			folder := ""
			if r.Kind == KindFolderPermission {
				folder = string(p.Folder)
			}
			return [3]string{string(p.Trustee), string(p.Mailbox), folder}, 3
		}
	case KindUnifiedGroup, KindGroupMembers, KindGroupOwners, KindGroupSubscribers:
		if g := GroupSpec(r); g != nil {
			return [3]string{string(g.PrimarySmtpAddress)}, 1
		}
	}
	if sk := StateKinds[r.Kind]; sk != nil && r.Spec != nil {
		if key, value := sk.Identity(r.Spec); key != "" {
			return [3]string{value}, 1
		}
	}
	return [3]string{r.Name}, 1
}

// Key identifies a resource within its target (ResourceKey).
func (r *Resource) Key() ResourceKey {
	k, _ := r.KeyASCII()
	return k
}

// KeyASCII is key, and whether every part of the identity is ASCII.
func (r *Resource) KeyASCII() (ResourceKey, bool) {
	k := ResourceKey{Kind: r.Kind}
	ascii := true
	parts, n := r.identityParts()
	for i, p := range parts[:n] {
		k.Parts[i] = FoldIdentity(p)
		ascii = ascii && pstext.IsASCII(p)
	}
	return k, ascii
}

// RefKey is the key a dependsOn reference (kind/name) finds a resource by:
// its kind and name, whatever its identity.
func (r *Resource) RefKey() ResourceKey {
	return ResourceKey{Kind: r.Kind, Parts: [3]string{FoldIdentity(r.Name)}}
}

// HiddenIdentityRune reports whether r has no place in a name or address:
// a character that is not visible by itself, which comparisons by culture
// (PowerShell's -eq, its default hashtables) and Exchange ignore while
// ordinal ones do not: a format character (Cf) or any other
// default-ignorable code point (Unicode's Default_Ignorable_Code_Point:
// the variation selectors, the combining grapheme joiner U+034F, the
// Mongolian free variation selectors, the Hangul fillers, the Khmer
// inherent vowels, the tags). Visible combining marks (accents, Indic vowel
// signs and viramas, Thai marks, the Arabic shadda) are letters' parts
// and pass: plan and engine both compare them ordinally.
func HiddenIdentityRune(r rune) bool {
	if unicode.Is(unicode.Cf, r) {
		return true
	}
	for _, rg := range defaultIgnorable {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// defaultIgnorable are the ranges of Unicode's Default_Ignorable_Code_Point
// property (DerivedCoreProperties.txt, Unicode 15/16), unassigned code
// points of them included.
var defaultIgnorable = [][2]rune{
	{0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160},
	{0x17B4, 0x17B5}, {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E},
	{0x2060, 0x206F}, {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
	{0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
	{0xE0000, 0xE0FFF},
}

// permissionSpec is a permission resource's declaration, or nil.
func permissionSpec(r *Resource) *config.Permission {
	p, _ := r.Spec.(*config.Permission)
	return p
}

// GroupSpec is a group resource's declaration, or nil.
func GroupSpec(r *Resource) *config.UnifiedGroup {
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
		if g := GroupSpec(r); g != nil {
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

// LooseKey is a resource's identity under looseFold.
func (r *Resource) LooseKey() ResourceKey {
	k := ResourceKey{Kind: r.Kind}
	for i, p := range r.Identity() {
		k.Parts[i] = looseFold(p)
	}
	return k
}

// RefKey is the lookup key of a dependsOn reference (Resource.refKey).
func RefKey(ref config.ResourceRef) ResourceKey {
	kind, name, _ := strings.Cut(string(ref), "/")
	return ResourceKey{Kind: kind, Parts: [3]string{FoldIdentity(name)}}
}

// resourceIndex maps each target's resources by kind and name (refKey), as
// dependsOn names them.
func resourceIndex(inv *Inventory) map[*Target]map[ResourceKey]*Resource {
	built(partReferences)
	out := map[*Target]map[ResourceKey]*Resource{}
	for _, r := range inv.Resources {
		if !Referable[r.Kind] {
			continue // dependsOn cannot name it: no need to index it
		}
		if out[r.Target] == nil {
			out[r.Target] = map[ResourceKey]*Resource{}
		}
		if key := r.RefKey(); out[r.Target][key] == nil {
			out[r.Target][key] = r
		}
	}
	return out
}

// Referable are the kinds a dependsOn reference may name.
var Referable = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range config.ResourceKinds {
		m[k] = true
	}
	return m
}()
