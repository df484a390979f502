package cli

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"
)

// TestHelp checks that the help of the signing commands documents their
// flags with examples, and that the command list names sign and verify.
func TestHelp(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{name: "command list", args: []string{"--help"}, want: []string{
			"\n  sign       sign existing scripts in place",
			"\n  verify     check scripts' signatures",
			"\n  plan       show what changes between two versions",
			"hybridc verify --ca ca.pem --config hybrid.yaml out/*.ps1",
		}},
		{name: "compile", args: []string{"compile", "--help"}, want: []string{
			"-sign-pfx file", "-sign-password-file file", "-sign-cert file", "-sign-key file",
			"-sign-hash algorithm", `(default "sha256")`, "-timestamp-url URL",
			"HYBRIDC_SIGN_PASSWORD", "stops validating when the certificate expires", "needs no network",
			"hybridc compile hybrid.yaml -o out --sign-pfx codesign.pfx --sign-password-file",
			"--sign-cert codesign-chain.pem --sign-key codesign.key",
		}},
		{name: "sign", args: []string{"help", "sign"}, want: []string{
			"Usage: hybridc sign", "replacing a", "-sign-pfx file", "-timestamp-url URL",
			"Usage: hybridc sign (--config YAML | --no-config)", "-config YAML", "-no-config",
			"hybridc sign --config hybrid.yaml --sign-pfx codesign.pfx --sign-password-file pfx-password.txt out/*.ps1",
		}},
		{name: "plan", args: []string{"plan", "--help"}, want: []string{
			"Usage: hybridc plan", "-base revision", "-format format", "no longer managed", `"formatVersion": 1`,
			"group (and its members, owners and unsubscribed members) by its primary\nSMTP address, a permission by trustee, mailbox and folder, a remote\ndomain by its domain name, every other resource by its name",
			"hybridc plan --base origin/main --format markdown config/ > plan.md",
			"Exit codes: 0 no changes, 1 changes planned, 2 usage or input error", "terraform plan -detailed-exitcode (0 no\nchanges, 2 changes, 1 error)",
		}},
		{name: "validate", args: []string{"validate", "--help"}, want: []string{
			"-format format", "-strict", "-only-hybridc", "SARIF 2.1.0", "::error file=", `"formatVersion":1`,
		}},
		{name: "compile --check", args: []string{"compile", "--help"}, want: []string{
			"-check", "--check writes nothing", "hybridc compile config/ -o out",
		}},
		{name: "verify", args: []string{"verify", "--help"}, want: []string{
			"Usage: hybridc verify (--ca FILE | --no-chain) [--config YAML] FILE...", "-ca file", "-config YAML", "-no-chain",
			"chain not checked", "hybridc verify --ca ca.pem --config hybrid.yaml out/*.ps1",
			"Exit codes: 0 all valid, 1 some script invalid (or --config has errors), 2\nusage or I/O error (neither --ca nor --no-chain included).",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Run(tc.args, strings.NewReader(""), &stdout, &stderr); code != ExitOK {
				t.Fatalf("exit %d\n%s", code, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("help also went to stderr:\n%s", stderr.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("help lacks %q:\n%s", w, stdout.String())
				}
			}
		})
	}
}

// TestNoPasswordFlag checks that no signing flag takes the password itself:
// the only flag about the password names a file.
func TestNoPasswordFlag(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addSignFlags(fs)
	fs.VisitAll(func(f *flag.Flag) {
		if n := strings.ToLower(f.Name); (strings.Contains(n, "pass") || strings.Contains(n, "pin") || strings.Contains(n, "secret")) && n != "sign-password-file" {
			t.Errorf("flag --%s looks like it takes a secret on the command line", f.Name)
		}
	})
}
