package simulator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/model"
)

// engineFunction is one function of an engine template, as its text.
func engineFunction(t *testing.T, template, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "templates", template))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	start := strings.Index(text, "function "+name+" {")
	if start < 0 {
		t.Fatalf("%s has no function %s", template, name)
	}
	end := strings.Index(text[start:], "\n}\n")
	return text[start : start+end+3]
}

// TestScenarioDnText: the engine's ConvertTo-HybridcCertificateName and
// ConvertTo-HybridcDnText render the same text as Go's
// model.CertificateName on the same inputs: escaped commas, quoted values
// holding commas, spacing and case.
func TestScenarioDnText(t *testing.T) {
	t.Parallel()
	pwsh := pwshPath(t)
	inputs := []string{
		`<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com, O=Contoso, C=US`,
		`<I>CN=R3,O=Let's Encrypt,C=US<S>O=Contoso\, CN=mx.attacker.example, CN=mail.contoso.com`,
		`<I>CN=R3<S>O="Contoso, CN=mx.attacker.example", CN=Mail.Contoso.com`,
		`<I>CN=R3<S>O="Contoso \" , Inc.",CN=mail.contoso.com`,
		`<i>CN=R3<s>CN=mail.contoso.com\\, O=Contoso`,
		`CN=mail.contoso.com, O=Contoso`,
	}
	var script strings.Builder
	script.WriteString(engineFunction(t, "engine-transport.ps1.tmpl", "ConvertTo-HybridcCertificateName"))
	script.WriteString(engineFunction(t, "engine-transport.ps1.tmpl", "ConvertTo-HybridcDnText"))
	for _, in := range inputs {
		script.WriteString("[Console]::Out.WriteLine((ConvertTo-HybridcCertificateName -Value '" + strings.ReplaceAll(in, "'", "''") + "'))\n")
	}
	file := filepath.Join(t.TempDir(), "dn.ps1")
	if err := os.WriteFile(file, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pwsh, "-NoProfile", "-NonInteractive", "-File", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pwsh: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimRight(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n"), "\n")
	if len(got) != len(inputs) {
		t.Fatalf("pwsh printed %d lines for %d inputs:\n%s", len(got), len(inputs), out)
	}
	for i, in := range inputs {
		if want := model.CertificateName(in); got[i] != want {
			t.Errorf("%s: the engine renders %q, Go %q", in, got[i], want)
		}
	}
	if a, b := model.CertificateName(inputs[2]), model.CertificateName(`<I>CN=R3<S>O="Contoso, CN=mx.attacker.example",CN=mail.contoso.com`); a != b {
		t.Errorf("spacing after a quoted value changes the name: %q, %q", a, b)
	}
}
