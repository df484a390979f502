package simulator

import (
	"strings"
	"testing"
)

// Issue 16 (engine defects, point 1): the group writeback permissions are
// read back from the ACL of each object they go on, so -Check is honest:
// in sync (exit 0) when the module's grants are there, drifted (exit 2)
// when one is missing; a run grants only then, and the next -Check is in
// sync. Before, -Check always said "unknown" (exit 2) and every run called
// the module again.

const (
	acesAccount = "CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com"
	groupClass  = "bf967a9c-0de6-11d0-a285-00aa003049e2"
	noClass     = "00000000-0000-0000-0000-000000000000"
)

func acesState(grants []any, extra map[string]any) map[string]any {
	st := map[string]any{"organization": "contoso.com", "domains": []any{"contoso.com", "emea.contoso.com"}, "groupWritebackPermissions": grants}
	for k, v := range extra {
		st[k] = v
	}
	return st
}

func grant(scope string) map[string]any {
	return map[string]any{"account": acesAccount, "scope": scope}
}

// TestEntraConnectWritebackReadBack: the ACEs decide, per scope.
func TestEntraConnectWritebackReadBack(t *testing.T) {
	yaml := entraYAML("    forest: contoso.com\n")
	both := []any{grant("DC=contoso,DC=com"), grant("DC=emea,DC=contoso,DC=com")}
	for _, tt := range []struct {
		name      string
		state     map[string]any
		checkCode int
		checkWant string
		runCalls  int
	}{
		{"granted on every domain", acesState(both, nil), 0, "the writeback permissions are granted", 0},
		{"nothing granted", acesState([]any{}, nil), 2, "not granted on DC=contoso,DC=com; DC=emea,DC=contoso,DC=com", 1},
		{"one domain missing", acesState([]any{grant("DC=contoso,DC=com")}, nil), 2, "not granted on DC=emea,DC=contoso,DC=com)", 1},
		{"granted to another account", acesState([]any{map[string]any{"account": "CN=svc,CN=Users,DC=contoso,DC=com", "scope": "DC=contoso,DC=com"}, grant("DC=emea,DC=contoso,DC=com")}, nil), 2, "not granted on DC=contoso,DC=com)", 1},
		{"only create/delete child by hand", acesState([]any{grant("DC=emea,DC=contoso,DC=com")}, map[string]any{"accessRules": []any{
			map[string]any{"scope": "DC=contoso,DC=com", "account": acesAccount, "rights": 3, "type": "Allow", "objectType": groupClass, "inheritedObjectType": noClass, "inheritance": "All"},
		}}), 2, "not granted on DC=contoso,DC=com)", 1},
		{"full control by hand", acesState([]any{grant("DC=emea,DC=contoso,DC=com")}, map[string]any{"accessRules": []any{
			map[string]any{"scope": "DC=contoso,DC=com", "account": acesAccount, "rights": 983551, "type": "Allow", "objectType": noClass, "inheritedObjectType": noClass, "inheritance": "All"},
		}}), 0, "the writeback permissions are granted", 0},
		{"a deny on groups", acesState(both, map[string]any{"accessRules": []any{
			map[string]any{"scope": "DC=emea,DC=contoso,DC=com", "account": acesAccount, "rights": 32, "type": "Deny", "objectType": noClass, "inheritedObjectType": groupClass, "inheritance": "Descendents"},
		}}), 2, "not granted on DC=emea,DC=contoso,DC=com)", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _, ch := runEntraWith(t, yaml, tt.state, "-Mode", "Check")
			if code != tt.checkCode || !strings.Contains(out, tt.checkWant) || len(ch) > 0 {
				t.Errorf("-Check: exit %d, changes %v; want %d and %q:\n%s", code, ch, tt.checkCode, tt.checkWant, out)
			}
			code, out, _, ch = runEntra(t, yaml, tt.state)
			if code != 0 || len(ch) != tt.runCalls {
				t.Errorf("run: exit %d, changes %v; want 0 and %d call(s):\n%s", code, ch, tt.runCalls, out)
			}
		})
	}
}

// TestEntraConnectWritebackConverges: a run grants on the writeback OU,
// and -Check on the state it left is in sync.
func TestEntraConnectWritebackConverges(t *testing.T) {
	yaml := entraYAML("    forest: contoso.com\n    writebackOU: OU=Groups,DC=contoso,DC=com\n")
	code, out, grants, _ := runEntra(t, yaml, acesState([]any{}, nil))
	if code != 0 || len(grants) != 1 {
		t.Fatalf("run: exit %d, grants %v:\n%s", code, grants, out)
	}
	code, out, _, _ = runEntraWith(t, yaml, acesState([]any{grant(grants[0])}, nil), "-Mode", "Check")
	if code != 0 || !strings.Contains(out, "the writeback permissions are granted") {
		t.Errorf("-Check after the run: exit %d, want 0 (in sync):\n%s", code, out)
	}
}

// TestEntraConnectWritebackUnreadable: an ACL the account cannot read
// fails the item with the reason; nothing is granted blindly.
func TestEntraConnectWritebackUnreadable(t *testing.T) {
	yaml := entraYAML("    forest: contoso.com\n")
	for _, mode := range []string{"Check", "Run"} {
		code, out, grants, ch := runEntraWith(t, yaml, acesState([]any{}, map[string]any{"aclUnreadable": true}), "-Mode", mode)
		if code != 1 || !strings.Contains(out, "hybridc cannot read the writeback permissions from Active Directory (") || len(ch) > 0 || len(grants) > 0 {
			t.Errorf("%s: exit %d, changes %v %v; want 1 and the reason:\n%s", mode, code, ch, grants, out)
		}
	}
}
