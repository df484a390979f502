package cli

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestVerify checks hybridc verify's verdicts, one line per script, and its
// exit codes; for scripts changed after signing, osslsigncode must reject
// them too.
func TestVerify(t *testing.T) {
	signedDir := compileTo(t, rsaPFX()...)
	signed := scripts(t, signedDir)
	unsigned := scripts(t, compileTo(t))
	// A CA bundle of several certificates: the intermediate and the root.
	bundle := writeBytes(t, filepath.Join(t.TempDir(), "bundle.pem"),
		append(readFile(t, td("intermediate.pem")), readFile(t, rootPEM)...))
	// Scripts signed with the leaf alone, without the intermediate.
	leafOnly := scripts(t, compileTo(t, "--sign-cert", td("rsa.pem"), "--sign-key", td("rsa.key")))
	// The example with one change, compiled and signed.
	changedYAML := bytes.Replace(readFile(t, exampleYAML), []byte("contoso"), []byte("c0ntoso"), 1)
	if bytes.Equal(changedYAML, readFile(t, exampleYAML)) {
		t.Fatal("cannot change the example YAML")
	}
	changedPath := writeBytes(t, filepath.Join(t.TempDir(), filepath.Base(exampleYAML)), changedYAML)
	staleDir := t.TempDir()
	if r := hybridc(t, nil, append([]string{"compile", changedPath, "-o", staleDir}, rsaPFX()...)...); r.code != ExitOK {
		t.Fatalf("compiling the changed YAML: %s", r.stderr)
	}
	stale := scripts(t, staleDir)
	// The same YAML compiled by another hybridc version.
	saved := Version
	Version = "0.0.1-old"
	otherVersion := scripts(t, compileTo(t, rsaPFX()...))
	Version = saved

	// A hand edit, signed again with the right key.
	edited := filepath.Join(t.TempDir(), "onprem.ps1")
	body := bytes.Replace(unsigned["onprem.ps1"], []byte("Write-Host"), []byte("Write-Output"), 1)
	if bytes.Equal(body, unsigned["onprem.ps1"]) {
		t.Fatal("cannot edit onprem.ps1")
	}
	writeBytes(t, edited, body)
	if r := hybridc(t, nil, append(append([]string{"sign", "--no-config"}, rsaPFX()...), edited)...); r.code != ExitOK {
		t.Fatalf("signing the edited script: %s", r.stderr)
	}
	editedLine := firstDifferentLine(body, unsigned["onprem.ps1"])

	// flip changes one byte in the middle of the signed body.
	flip := func(script []byte) []byte {
		out := bytes.Clone(script)
		i := bytes.Index(out, []byte("Exchange"))
		out[i] ^= 0x20 // "Exchange" -> "exchange"
		return out
	}

	dir := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		return writeBytes(t, p, data)
	}
	onprem := file("onprem.ps1", signed["onprem.ps1"])
	online := file("online.ps1", signed["online.ps1"])
	rsaValid := "valid (signed by hybridc TEST-ONLY rsa, SHA-256, chain verified)"

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    []string // stdout lines, in order
		wantErr    string   // in stderr
		osslReject string   // a file osslsigncode must reject too
	}{
		{name: "valid, chain and config", args: []string{"--ca", rootPEM, "--config", exampleYAML, onprem, online},
			wantCode: ExitOK, wantOut: []string{onprem + ": " + rsaValid, online + ": " + rsaValid}},
		{name: "valid, CA bundle", args: []string{"--ca", bundle, onprem},
			wantCode: ExitOK, wantOut: []string{onprem + ": " + rsaValid}},
		{name: "neither --ca nor --no-chain: usage error", args: []string{onprem}, wantCode: ExitUsage,
			wantErr: "give --ca FILE (the CA certificates the signer's certificate must chain to) or --no-chain: without --ca who signed is not checked, and anyone can make a certificate with the signer's name; --no-chain checks only that each signature is intact"},
		{name: "neither, with --config: usage error", args: []string{"--config", exampleYAML, onprem}, wantCode: ExitUsage, wantErr: "give --ca FILE"},
		{name: "--no-chain: chain not checked", args: []string{"--no-chain", onprem},
			wantCode: ExitOK, wantOut: []string{onprem + ": valid (signed by hybridc TEST-ONLY rsa, SHA-256, chain not checked)"},
			wantErr: "no --ca given: signatures and integrity were checked, certificate chains were not"},
		{name: "one byte of the body changed", args: []string{"--ca", rootPEM, file("tampered.ps1", flip(signed["onprem.ps1"]))},
			wantCode: ExitFindings, wantOut: []string{filepath.Join(dir, "tampered.ps1: INVALID: script was changed after signing (digest mismatch)")},
			osslReject: filepath.Join(dir, "tampered.ps1")},
		{name: "--no-chain with --ca", args: []string{"--no-chain", "--ca", rootPEM, onprem}, wantCode: ExitUsage, wantErr: "exclude each other"},
		{name: "one byte changed, without --ca", args: []string{"--no-chain", file("tampered2.ps1", flip(signed["online.ps1"]))},
			wantCode: ExitFindings, wantOut: []string{filepath.Join(dir, "tampered2.ps1: INVALID: script was changed after signing (digest mismatch)")}},
		{name: "text appended after the block", args: []string{"--ca", rootPEM, file("appended.ps1", append(bytes.Clone(signed["onprem.ps1"]), "Remove-Item C:\\\r\n"...))},
			wantCode: ExitFindings, wantOut: []string{filepath.Join(dir, "appended.ps1: INVALID: signature block is malformed: text after '# SIG # End signature block'")}},
		{name: "unsigned", args: []string{"--ca", rootPEM, file("unsigned.ps1", unsigned["onprem.ps1"])},
			wantCode: ExitFindings, wantOut: []string{filepath.Join(dir, "unsigned.ps1: INVALID: not signed (no signature block)")}},
		{name: "CA that did not issue the chain", args: []string{"--ca", td("tsa.pem"), onprem},
			wantCode: ExitFindings, wantOut: []string{onprem + ": INVALID: signer's certificate chain is not trusted"}},
		{name: "leaf without intermediate, root only", args: []string{"--ca", rootPEM, file("leafonly.ps1", leafOnly["online.ps1"])},
			wantCode: ExitFindings, wantOut: []string{filepath.Join(dir, "leafonly.ps1: INVALID: signer's certificate chain is not trusted")}},
		{name: "leaf without intermediate, bundle with it", args: []string{"--ca", bundle, filepath.Join(dir, "leafonly.ps1")},
			wantCode: ExitOK, wantOut: []string{filepath.Join(dir, "leafonly.ps1: ") + rsaValid}},
		{name: "hand edit signed again: signature valid", args: []string{"--ca", rootPEM, edited},
			wantCode: ExitOK, wantOut: []string{edited + ": " + rsaValid}},
		{name: "hand edit signed again: config check fails", args: []string{"--ca", rootPEM, "--config", exampleYAML, edited},
			wantCode: ExitFindings, wantOut: []string{edited + ": INVALID: edited after it was compiled: line " + strconv.Itoa(editedLine) + " differs from what " + exampleYAML + " compiles to"}},
		{name: "stale: compiled from another YAML", args: []string{"--no-chain", "--config", exampleYAML, file("stale/online.ps1", stale["online.ps1"])},
			wantCode: ExitFindings, wantOut: []string{filepath.Join(dir, "stale/online.ps1: INVALID: stale: it was compiled from another version of ") + exampleYAML}},
		{name: "compiled by another hybridc version", args: []string{"--no-chain", "--config", exampleYAML, file("old/online.ps1", otherVersion["online.ps1"])},
			wantCode: ExitFindings, wantOut: []string{filepath.Join(dir, "old/online.ps1: INVALID: it was compiled by hybridc 0.0.1-old, and this hybridc ") + version() + " compiles " + exampleYAML + " differently"}},
		{name: "script the YAML does not produce", args: []string{"--ca", rootPEM, "--config", exampleYAML, file("partner-fabrikam.com.ps1", signed["online.ps1"])},
			wantCode: ExitFindings, wantOut: []string{filepath.Join(dir, "partner-fabrikam.com.ps1: INVALID: ") + exampleYAML + " does not produce a script named partner-fabrikam.com.ps1 (it produces online.ps1, onprem.ps1)"}},
		{name: "valid and invalid: one line each, exit 1", args: []string{"--ca", rootPEM, onprem, filepath.Join(dir, "unsigned.ps1"), online},
			wantCode: ExitFindings, wantOut: []string{onprem + ": " + rsaValid, filepath.Join(dir, "unsigned.ps1: INVALID: not signed"), online + ": " + rsaValid}},
		{name: "missing script", args: []string{"--ca", rootPEM, onprem, filepath.Join(dir, "missing.ps1")},
			wantCode: ExitUsage, wantOut: []string{onprem + ": " + rsaValid}, wantErr: "no such file"},
		{name: "no script", args: []string{"--ca", rootPEM}, wantCode: ExitUsage, wantErr: "no script given"},
		{name: "CA file without certificates", args: []string{"--ca", passwordTxt, onprem}, wantCode: ExitUsage, wantErr: "holds no certificate"},
		{name: "missing CA file", args: []string{"--ca", filepath.Join(dir, "missing.pem"), onprem}, wantCode: ExitUsage, wantErr: "no such file"},
		{name: "missing config", args: []string{"--no-chain", "--config", filepath.Join(dir, "missing.yaml"), onprem}, wantCode: ExitUsage, wantErr: "no such file"},
		{name: "config with errors", args: []string{"--no-chain", "--config", file("broken.yaml", []byte("version: 1\nnoSuchKey: true\n")), onprem},
			wantCode: ExitFindings, wantErr: "broken.yaml has errors, so no script can be checked against it"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Run(append([]string{"verify"}, tc.args...), strings.NewReader(""), &stdout, &stderr)
			lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			if stdout.Len() == 0 {
				lines = nil
			}
			ok := code == tc.wantCode && len(lines) == len(tc.wantOut) && strings.Contains(stderr.String(), tc.wantErr)
			for i := range min(len(lines), len(tc.wantOut)) {
				ok = ok && strings.HasPrefix(lines[i], tc.wantOut[i])
			}
			if !ok {
				t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout lines starting with:\n%s\nstderr with %q",
					code, stdout.String(), stderr.String(), tc.wantCode, strings.Join(tc.wantOut, "\n"), tc.wantErr)
			}
			if tc.osslReject != "" {
				t.Run("osslsigncode", func(t *testing.T) {
					if out, err := osslVerify(t, tc.osslReject); err == nil {
						t.Errorf("osslsigncode accepted %s:\n%s", tc.osslReject, out)
					}
				})
			}
		})
	}
}

// TestVerifySelfMadeSigner: a script signed again with a self-made
// certificate that copies the real signer's name is not reported valid
// without --ca: verify refuses to run without --ca or --no-chain (exit
// 2, saying why); --no-chain accepts it knowingly, and --ca refuses it.
func TestVerifySelfMadeSigner(t *testing.T) {
	real := readFile(t, td("rsa.pem"))
	block, _ := pem.Decode(real)
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: leaf.Subject, Issuer: leaf.Subject,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile := writeBytes(t, filepath.Join(dir, "fake.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	keyFile := writeBytes(t, filepath.Join(dir, "fake.key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}))
	script := writeBytes(t, filepath.Join(dir, "onprem.ps1"), scripts(t, compileTo(t))["onprem.ps1"])
	if r := hybridc(t, nil, "sign", "--config", exampleYAML, "--sign-cert", certFile, "--sign-key", keyFile, script); r.code != ExitOK {
		t.Fatalf("signing with the self-made certificate: %s", r.stderr)
	}
	name := "signed by " + leaf.Subject.CommonName
	r := hybridc(t, nil, "verify", script)
	if r.code != ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, "anyone can make a certificate with the signer's name") {
		t.Errorf("without --ca or --no-chain: exit %d, want %d, no verdict and why\nstdout: %s\nstderr: %s", r.code, ExitUsage, r.stdout, r.stderr)
	}
	r = hybridc(t, nil, "verify", "--no-chain", script)
	if r.code != ExitOK || !strings.Contains(r.stdout, "valid ("+name) || !strings.Contains(r.stdout, "chain not checked") {
		t.Errorf("--no-chain: exit %d, want 0 and chain not checked\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	r = hybridc(t, nil, "verify", "--ca", rootPEM, script)
	if r.code != ExitFindings || !strings.Contains(r.stdout, "INVALID") {
		t.Errorf("--ca: exit %d, want %d and INVALID\nstdout: %s\nstderr: %s", r.code, ExitFindings, r.stdout, r.stderr)
	}
}
