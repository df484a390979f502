package golden_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/config"
)

// TestImportWizard2026: the state of the organization that
// examples/contoso-2026.yaml describes, configured as the Hybrid
// Configuration Wizard names its objects, imports into the example itself.
// import/wizard-2026 holds what the export scripts read from the simulated
// organizations after the example's first run (TestExportRoundTrip); TestGolden
// keeps its hybrid.yaml current.
//
// The two are compared as decoded configurations (both analyzed, defaults
// applied, then marshaled to YAML), not as text: the example's comments,
// key order and quoting are for readers, and what the scripts act on is the
// decoded configuration. What no state file can hold is taken out of the
// example first, each with its reason (wizard2026Gaps); everything else
// must be equal.
func TestImportWizard2026(t *testing.T) {
	exampleRes := analyzeClean(t, filepath.Join("..", "examples", "contoso-2026.yaml"))
	importedRes := analyzeClean(t, filepath.Join("import", "wizard-2026", "hybrid.yaml"))
	example, imported := exampleRes.Config, importedRes.Config
	names, err := filepath.Glob(filepath.Join("import", "wizard-2026", "*.json"))
	if err != nil || len(names) != 2 {
		t.Fatalf("import/wizard-2026: want the on-premises and the tenant's state, got %v %v", names, err)
	}
	states, diags, err := compiler.LoadStates(names, os.ReadFile)
	if err != nil || diags.HasErrors() {
		t.Fatalf("loading the states: %v %s", err, diags)
	}
	// plan --state: the example and the import are both in sync with the
	// states, the example's hybrid application and auth certificate
	// included (plan --state compares only what a state holds).
	for name, res := range map[string]*compiler.Result{"the example": exampleRes, "the import": importedRes} {
		if change, diags := compiler.DiffState(res.Schedule, states); diags.HasErrors() || change.HasChanges() {
			t.Errorf("plan --state of %s on import/wizard-2026: %s changes %v", name, diags, change.Counts())
		}
	}
	for _, gap := range wizard2026Gaps {
		t.Logf("not compared: %s", gap.reason)
		gap.remove(t, example, states)
	}
	want, got := marshalConfig(t, example), marshalConfig(t, imported)
	if want != got {
		t.Errorf("the imported configuration differs from examples/contoso-2026.yaml:\n%s", lineDiff(want, got))
	}
}

// wizard2026Gaps are what the example declares and no state file holds.
var wizard2026Gaps = []struct {
	reason string
	remove func(t *testing.T, c *config.Config, states []*compiler.StateFile)
}{
	{"exchangeOnline.hybridApplication: no export reads Entra ID (entra-app.ps1 has no export), so import cannot declare the dedicated application",
		func(_ *testing.T, c *config.Config, _ []*compiler.StateFile) {
			c.ExchangeOnline.HybridApplication = nil
		}},
	{"onPremises.authCertificate: these states were exported before the export read Get-AuthConfig (its auth* keys are absent), and import never declares next (the export does not read its expiry)",
		func(_ *testing.T, c *config.Config, _ []*compiler.StateFile) { c.OnPremises.AuthCertificate = nil }},
	{"certificates: a state holds each connector's certificate by name only (no thumbprint, no expiry), so import declares the names the references give instead of certificates:",
		inlineCertificates},
	{"mailboxes: import names each by its primary SMTP address (README, import), the example by alias",
		mailboxesBySMTP},
}

// inlineCertificates replaces each connector's tlsCertificate reference by
// the name it gives (as the defaults stage already set it) and drops
// certificates:.
func inlineCertificates(t *testing.T, c *config.Config, _ []*compiler.StateFile) {
	op, eo := c.OnPremises, &c.ExchangeOnline
	refs := 0
	if sc := op.HybridSendConnector; sc != nil && sc.TlsCertificate != "" {
		refs++
		sc.TlsCertificate = ""
	}
	for i := range op.ReceiveConnectors {
		if op.ReceiveConnectors[i].TlsCertificate != "" {
			refs++
			op.ReceiveConnectors[i].TlsCertificate = ""
		}
	}
	for i := range eo.InboundConnectors {
		if eo.InboundConnectors[i].TlsCertificate != "" {
			refs++
			eo.InboundConnectors[i].TlsCertificate = ""
		}
	}
	for i := range eo.OutboundConnectors {
		if eo.OutboundConnectors[i].TlsCertificate != "" {
			refs++
			eo.OutboundConnectors[i].TlsCertificate = ""
		}
	}
	if refs != 5 || len(c.Certificates) != 1 {
		t.Fatalf("the example names its certificate on 5 connectors, declared once; found %d references, %d certificates", refs, len(c.Certificates))
	}
	c.Certificates = nil
}

// mailboxesBySMTP renames each mailbox to the primary SMTP address of the
// recipient of that name in its organization's state.
func mailboxesBySMTP(t *testing.T, c *config.Config, states []*compiler.StateFile) {
	for i := range c.Mailboxes {
		m := &c.Mailboxes[i]
		smtp := ""
		for _, st := range states {
			if (st.State.Kind == "onPremises") != (m.Location == "onPremises") {
				continue
			}
			for _, r := range st.State.Recipients {
				if strings.EqualFold(r.Name, string(m.Name)) {
					smtp = r.PrimarySmtpAddress
				}
			}
		}
		if smtp == "" {
			t.Fatalf("mailbox %s: no recipient of that name in its organization's state", m.Name)
		}
		m.Name = config.Identity(smtp)
	}
}

// analyzeClean analyzes a configuration that must have no diagnostics.
func analyzeClean(t *testing.T, path string) *compiler.Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res := compiler.Analyze(compiler.Source{Name: path, Data: data})
	if len(res.Diagnostics) > 0 || res.Config == nil || res.Schedule == nil {
		t.Fatalf("%s is not clean:\n%s", path, res.Diagnostics)
	}
	return res
}

func marshalConfig(t *testing.T, c *config.Config) string {
	t.Helper()
	b, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lineDiff lists the lines only one side has, marked - (the example) and
// + (the import).
func lineDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	w, g := count(want), count(got)
	var out []string
	for _, l := range strings.Split(want, "\n") {
		if g[l] < w[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if w[l] < g[l] {
			out = append(out, "+ "+l)
		}
	}
	if len(out) == 0 {
		return "the same lines in another order; the example:\n" + want + "\nthe import:\n" + got
	}
	return strings.Join(out, "\n")
}
