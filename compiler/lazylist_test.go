package compiler

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
)

// lazyCases are files with long lists (more than longList items) and
// findings in and around them: a wrong item, an unknown key in an item,
// folded duplicates in a long list of domains, a long list where a string
// belongs and under an unknown key, a long list within a long list's item,
// an invisible character and a hidden identity character in an item, and
// aliases into a long list.
func lazyCases() map[string]string {
	perms := func(n int, edit func(i int) string) string {
		var b strings.Builder
		b.WriteString(batchYAMLHeader + "mailboxes:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - {name: user%03d@contoso.com, location: onPremises}\n", i)
		}
		b.WriteString("permissions:\n")
		for i := range n {
			if e := edit(i); e != "" {
				b.WriteString(e)
				continue
			}
			fmt.Fprintf(&b, "  - {access: FullAccess, mailbox: user%03d@contoso.com, trustee: user%03d@contoso.com}\n", i, (i+1)%n)
		}
		return b.String()
	}
	none := func(int) string { return "" }
	return map[string]string{
		"valid": perms(100, none),
		"wrong item": perms(100, func(i int) string {
			if i == 70 {
				return "  - {access: Everything, mailbox: user001@contoso.com, trustee: user002@contoso.com}\n"
			}
			return ""
		}),
		"unknown key": perms(100, func(i int) string {
			if i == 90 {
				return "  - {access: FullAccess, mailbox: user001@contoso.com, trustee: user003@contoso.com, colour: red}\n"
			}
			return ""
		}),
		"folded domains":            strings.Replace(perms(70, none), "primarySmtpDomains: [contoso.com]\n", "primarySmtpDomains: [contoso.com"+domainList(80)+", Contoso.COM]\n", 1),
		"list for a string":         strings.Replace(perms(70, none), "  tenant: contoso.onmicrosoft.com\n", "  tenant: ["+domainList(80)[2:]+"]\n", 1),
		"list under an unknown key": perms(70, none) + "extra: [" + domainList(80)[2:] + "]\n",
		"nested long list": strings.Replace(perms(70, none), "  - {name: user005@contoso.com, location: onPremises}\n",
			"  - {name: user005@contoso.com, location: onPremises, extra: ["+domainList(80)[2:]+"]}\n", 1),
		"invisible": perms(100, func(i int) string {
			if i == 80 {
				return "  - {access: FullAccess, mailbox: \"user\\U000E0041001@contoso.com\", trustee: user002@contoso.com}\n"
			}
			return ""
		}),
		"hidden identity character": perms(100, func(i int) string {
			if i == 75 {
				return "  - {access: FullAccess, mailbox: \"user\u034f001@contoso.com\", trustee: user002@contoso.com}\n"
			}
			return ""
		}),
		"aliases": perms(100, func(i int) string {
			switch i {
			case 10:
				return "  - &p {access: FullAccess, mailbox: user010@contoso.com, trustee: user011@contoso.com}\n"
			case 95:
				return "  - *p\n"
			}
			return ""
		}),
	}
}

// domainList is ", d0.contoso.com, d1.contoso.com, ..." of n domains.
func domainList(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ", d%d.contoso.com", i)
	}
	return b.String()
}

// TestLazyListsValidateAsValues: validating a document whose long lists
// Load left lazy gives exactly the findings of validating it with every
// list converted up front, as hybridc did before.
func TestLazyListsValidateAsValues(t *testing.T) {
	for name, text := range lazyCases() {
		src := load.Source{Name: "lazy.yaml", Data: []byte(text)}
		lazy, diags := load.Load(src)
		eager, _ := load.Load(src)
		if lazy == nil {
			t.Fatalf("%s: %v", name, diags)
		}
		if !holdsLazyList(lazy.Tree) {
			t.Errorf("%s: Load left no list lazy", name)
		}
		eager.Tree = load.Materialize(eager.Tree)
		if holdsLazyList(eager.Tree) {
			t.Fatalf("%s: materialize left a lazy list", name)
		}
		got, want := load.Validate(lazy), load.Validate(eager)
		if got.String() != want.String() {
			t.Errorf("%s: lazy lists give\n%s\nconverted lists give\n%s", name, got, want)
		}
		if name != "valid" && name != "aliases" && len(want) == 0 {
			t.Errorf("%s: no finding", name)
		}
	}
}

// holdsLazyList reports whether v is or holds a lazy list.
func holdsLazyList(v any) bool {
	switch v := v.(type) {
	case *load.LazyList:
		return true
	case map[string]any:
		for _, x := range v {
			if holdsLazyList(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if holdsLazyList(x) {
				return true
			}
		}
	}
	return false
}

// TestLazyListsStillChecked: what Load refuses in a list's items it
// refuses in a long list's too, converted or not.
func TestLazyListsStillChecked(t *testing.T) {
	items := strings.Repeat("  - {a: 1}\n", 80)
	for _, c := range []struct{ text, want string }{
		{"x:\n" + items + "  - {a: 1, a: 2}\n", "duplicate key \"a\""},
		{"x:\n" + items + "  - !custom {a: 1}\n", "YAML tag !custom is not supported"},
		{"x:\n" + items + "  - {<<: [1], a: 2}\n", "<< merges only mappings"},
		{"x:\n" + items + "  - {[a]: 1}\n", "a mapping key must be a plain string"},
	} {
		_, diags := load.Load(load.Source{Name: "x.yaml", Data: []byte(c.text)})
		if !strings.Contains(diags.String(), c.want) {
			t.Errorf("%q... gave %s, want %q", c.text[:20], diags, c.want)
		}
	}
}

// TestDecodeConsumesNodes: with consume set (analyze sets it), Decode
// drops each list item's nodes once decoded, unless the file uses
// aliases, and the model is the same.
func TestDecodeConsumesNodes(t *testing.T) {
	for _, name := range []string{"valid", "aliases"} {
		src := load.Source{Name: "lazy.yaml", Data: []byte(lazyCases()[name])}
		plain, _ := load.Load(src)
		consumed, _ := load.Load(src)
		consumed.Consume = true
		want, _ := load.Decode(plain)
		got, _ := load.Decode(consumed)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the model differs when Decode consumes the nodes", name)
		}
		perms := consumed.Root.Content[len(consumed.Root.Content)-1]
		dropped := perms.Content[0] == nil
		if dropped != (name == "valid") {
			t.Errorf("%s: item nodes dropped: %t", name, dropped)
		}
	}
}

// TestSchemaFreeShortcuts: validation reads the schema's JSON only for a
// document that may need it: one with a list holding two strings equal but
// for letter case (foldedDuplicates), or with a long list (splitLists).
func TestSchemaFreeShortcuts(t *testing.T) {
	long := make([]any, load.LongList+1)
	for _, c := range []struct {
		v              any
		repeats, longs bool
	}{
		{map[string]any{"a": []any{"x.com", "y.com"}}, false, false},
		{map[string]any{"a": []any{"x.com", "x.com"}}, false, false}, // an exact repeat is uniqueItems'
		{map[string]any{"a": map[string]any{"b": []any{"x.com", 1, "X.com"}}}, true, false},
		{[]any{map[string]any{"b": []any{"a", "A"}}}, true, false},
		{map[string]any{"a": []any{"\u0130@x.com", "I@x.com"}}, true, false}, // one under ToLower, not under EqualFold
		{map[string]any{"a": long}, false, true},
		{map[string]any{"a": []any{map[string]any{"b": long}}}, false, true},
		{map[string]any{"a": &load.LazyList{}}, true, true},
	} {
		if got := load.MayRepeatFolded(c.v); got != c.repeats {
			t.Errorf("mayRepeatFolded(%v) = %t", c.v, got)
		}
		if got := load.HoldsLong(c.v); got != c.longs {
			t.Errorf("holdsLong(%v) = %t", c.v, got)
		}
	}
}
