package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
)

// TestEntraConnectFindingsInOneRun: an Entra Connect too old for Send on
// Behalf across premises and without the Exchange hybrid option is told
// both in one run, not the version first and the option in the next.
func TestEntraConnectFindingsInOneRun(t *testing.T) {
	onprem := "  aclableSyncedObjectEnabled: true\n  entraConnect:\n    version: 1.1.486.0\n"
	yaml := hybridYAML(onprem, "") +
		"mailboxes:\n  - {name: ONPREM1, location: onPremises}\n  - {name: EXO1, location: exchangeOnline}\n" +
		"permissions:\n  - {access: SendOnBehalf, mailbox: EXO1, trustee: ONPREM1}\n"
	res := Analyze(load.Source{Name: "entra.yaml", Data: []byte(yaml)})
	want := "entra.yaml:8:3: error HC0322: Send on Behalf across premises needs the Exchange hybrid option of Entra Connect: enable it in the wizard and set exchangeHybrid: true\n" +
		"entra.yaml:9:14: error HC0322: Send on Behalf across premises needs Entra Connect 1.1.553.0 or later, not 1.1.486.0"
	if got := strings.TrimSpace(res.Diagnostics.String()); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}
