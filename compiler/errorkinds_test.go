package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/exchange"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/pstext"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// TestErrorKindsOfRecordedShapes runs the engine's classifier rules on every
// error shape the behaviour table records (exception, FullyQualifiedErrorId,
// category and message, as Get-HybridcErrorKind joins them) and checks the
// kind each gets: "not found" must never be the answer for anything else.
func TestErrorKindsOfRecordedShapes(t *testing.T) {
	want := map[string][]string{
		exchange.ClassNotFound:     {"notFound"},
		exchange.ClassAmbiguous:    {"ambiguous"},
		exchange.ClassAccessDenied: {"denied"},
		exchange.ClassTransient:    {"transient", "throttled"},
		exchange.ClassDehydrated:   {"dehydrated"},
		exchange.ClassBenign:       {"other"},
	}
	classes := 0
	for class, kinds := range want {
		shapes := exchange.ErrorShapes(class)
		if len(shapes) == 0 {
			t.Errorf("the behaviour table records no %s error", class)
		}
		for _, e := range shapes {
			classes++
			text := diag.ErrorText(e.Exception, e.FullyQualifiedErrorID, e.Category, e.Message)
			if got := diag.ErrorKind(text); !contains(kinds, got) {
				t.Errorf("%s shape %q: classified %s, want one of %v", class, e.Message, got, kinds)
			}
		}
	}
	if classes == 0 {
		t.Fatal("no shapes")
	}
}

func TestErrorKindOrder(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{name: "ambiguous before not found", text: "ManagementObjectNotFoundException ManagementObjectAmbiguousException x matches multiple entries", want: "ambiguous"},
		{name: "denied before not found", text: "x couldn't be found Category=PermissionDenied", want: "denied"},
		{name: "throttled before transient", text: "WebException The remote server returned an error: (429).", want: "throttled"},
		{name: "category alone", text: "System.Exception  Category=ObjectNotFound nothing else", want: "notFound"},
		{name: "anything else", text: "System.Management.Automation.RuntimeException  Category=InvalidArgument The value is invalid.", want: "other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diag.ErrorKind(tt.text); got != tt.want {
				t.Errorf("errorKind(%q) = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// TestScriptsCarryErrorRules checks that the classifier in every compiled
// script holds every rule, in order.
func TestScriptsCarryErrorRules(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "every-field.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compile(load.Source{Name: "every-field.yaml", Data: data}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("%v %s", err, res.Diagnostics)
	}
	for _, name := range []string{"onprem.ps1", "online.ps1"} {
		body := string(res.Files[name])
		at := 0
		for _, r := range diag.ErrorRuleViews(name == "online.ps1") {
			want := "if ($text -match " + r.Pattern + ") {\r\n"
			i := strings.Index(body[at:], want)
			if i < 0 {
				t.Fatalf("%s: the classifier lacks (or misorders) the %s rule", name, r.Kind)
			}
			at += i + len(want)
			if end := strings.Index(body[at:], "\r\n    }\r\n"); end < 0 || !strings.HasSuffix(body[at:at+end], "return "+r.Kind) {
				t.Fatalf("%s: the %s rule does not return its kind", name, r.Kind)
			}
		}
	}
}

// TestErrorKindIgnoresQuotedNames checks that a name Exchange echoes back in
// its message cannot decide the kind (the attacker's A1): the phrases of
// the dehydrated, throttled and denied rules inside a quoted identity are
// removed before the rules run, and the exception type still decides.
func TestErrorKindIgnoresQuotedNames(t *testing.T) {
	tests := []struct {
		name, exception, message, want string
	}{
		// The message alone decides (no exception type says not found): the
		// text between the two quoted spans is kept (second review, point 4).
		{name: "folder named after the pending phrase", exception: "System.Management.Automation.RemoteException",
			message: `The operation couldn't be performed because object 'board@contoso.com:\Inbox\Board notes that has not yet taken effect' couldn't be found on 'dc01.contoso.com'.`, want: "notFound"},
		{name: "spans next to each other", exception: "System.Management.Automation.RemoteException",
			message: `Values 'a' 'Throttling review' 'b','Access is denied' are invalid.`, want: "other"},
		{name: "apostrophes inside words are no quotes", exception: "System.Management.Automation.RemoteException",
			message: `The object couldn't be found; it wasn't there.`, want: "notFound"},
		{name: "group named DehydratedContext", exception: "System.Management.Automation.RemoteException",
			message: `The group "Falcon DehydratedContext" couldn't be created: the alias is invalid.`, want: "other"},
		{name: "group named Throttle", exception: "System.Management.Automation.RemoteException",
			message: `The value 'Throttling review' of the parameter Name is invalid.`, want: "other"},
		{name: "quote inside the name", exception: "System.Management.Automation.RemoteException",
			message: `Object 'a'b has not yet taken effect' is invalid.`, want: "other"},
		{name: "double quote inside the name", exception: "System.Management.Automation.RemoteException",
			message: `Object "a"b Access is denied" is invalid.`, want: "other"},
		{name: "phrase outside quotes still counts", exception: "System.Management.Automation.RemoteException",
			message: `Organization settings customization has been enabled, but this has not yet taken effect.`, want: "dehydrated"},
		{name: "401 is denied", exception: "System.Management.Automation.RemoteException",
			message: `The remote server returned an error: (401) Unauthorized.`, want: "denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diag.ErrorKind(diag.ErrorText(tt.exception, "", "NotSpecified", tt.message)); got != tt.want {
				t.Errorf("kind of %q = %s, want %s", tt.message, got, tt.want)
			}
		})
	}
}

// TestOnPremisesScriptsHaveNoDehydratedRule checks that only Exchange
// Online scripts can classify an error as dehydrated.
func TestOnPremisesScriptsHaveNoDehydratedRule(t *testing.T) {
	for _, r := range diag.ErrorRuleViews(false) {
		if r.Kind == pstext.Quote("dehydrated") {
			t.Fatal("on-premises rules carry the dehydrated rule")
		}
	}
	found := false
	for _, r := range diag.ErrorRuleViews(true) {
		found = found || r.Kind == pstext.Quote("dehydrated")
	}
	if !found {
		t.Fatal("Exchange Online rules lack the dehydrated rule")
	}
}
