package cli

import (
	"bytes"
	"encoding/pem"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/cmd/authenticode"
)

// TestCompileSigned compiles the example with each kind of key: the result
// verifies with hybridc verify (chain and --config) and osslsigncode, its
// body is the unsigned compile output, and signing is deterministic.
func TestCompileSigned(t *testing.T) {
	unsigned := scripts(t, compileTo(t))
	tests := []struct {
		name     string
		sign     []string
		wantCN   string
		wantHash string
		sameAs   string // a previous case whose output must be byte-identical
	}{
		{name: "RSA PFX", sign: rsaPFX(), wantCN: "hybridc TEST-ONLY rsa", wantHash: "SHA-256"},
		{name: "RSA legacy PFX", sign: []string{"--sign-pfx", td("rsa-legacy.pfx"), "--sign-password-file", passwordTxt},
			wantCN: "hybridc TEST-ONLY rsa", wantHash: "SHA-256", sameAs: "RSA PFX"},
		{name: "RSA PEM bundle and PKCS#8 key", sign: []string{"--sign-cert", td("rsa-chain.pem"), "--sign-key", td("rsa.key")},
			wantCN: "hybridc TEST-ONLY rsa", wantHash: "SHA-256", sameAs: "RSA PFX"},
		{name: "RSA PEM bundle and PKCS#1 key", sign: []string{"--sign-cert", td("rsa-chain.pem"), "--sign-key", td("rsa-pkcs1.key")},
			wantCN: "hybridc TEST-ONLY rsa", wantHash: "SHA-256", sameAs: "RSA PFX"},
		{name: "RSA PFX, explicit sha256", sign: append(rsaPFX(), "--sign-hash", "sha256"),
			wantCN: "hybridc TEST-ONLY rsa", wantHash: "SHA-256", sameAs: "RSA PFX"},
		{name: "RSA PFX, sha384", sign: append(rsaPFX(), "--sign-hash", "sha384"), wantCN: "hybridc TEST-ONLY rsa", wantHash: "SHA-384"},
		{name: "ECDSA PFX", sign: []string{"--sign-pfx", td("ecdsa.pfx"), "--sign-password-file", passwordTxt},
			wantCN: "hybridc TEST-ONLY ecdsa", wantHash: "SHA-256"},
		{name: "ECDSA legacy PFX", sign: []string{"--sign-pfx", td("ecdsa-legacy.pfx"), "--sign-password-file", passwordTxt},
			wantCN: "hybridc TEST-ONLY ecdsa", wantHash: "SHA-256", sameAs: "ECDSA PFX"},
		{name: "ECDSA PEM bundle and SEC1 key", sign: []string{"--sign-cert", td("ecdsa-chain.pem"), "--sign-key", td("ecdsa-sec1.key")},
			wantCN: "hybridc TEST-ONLY ecdsa", wantHash: "SHA-256", sameAs: "ECDSA PFX"},
		{name: "ECDSA PFX, sha512", sign: []string{"--sign-pfx", td("ecdsa.pfx"), "--sign-password-file", passwordTxt, "--sign-hash", "SHA-512"},
			wantCN: "hybridc TEST-ONLY ecdsa", wantHash: "SHA-512"},
	}
	outputs := map[string]map[string][]byte{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := compileTo(t, tc.sign...)
			signed := scripts(t, dir)
			outputs[tc.name] = signed
			if len(signed) != len(unsigned) {
				t.Fatalf("%d scripts, want %d", len(signed), len(unsigned))
			}
			for name, data := range signed {
				body, ok := authenticode.Strip(data)
				if !ok || !bytes.Equal(body, unsigned[name]) {
					t.Errorf("%s: the signed script's body is not the unsigned compile output", name)
				}
			}

			again := scripts(t, compileTo(t, tc.sign...))
			for name := range signed {
				if !bytes.Equal(signed[name], again[name]) {
					t.Errorf("%s: two signing runs gave different bytes", name)
				}
			}
			if tc.sameAs != "" {
				for name := range signed {
					if !bytes.Equal(signed[name], outputs[tc.sameAs][name]) {
						t.Errorf("%s differs from the %s output, though key, chain and hash are the same", name, tc.sameAs)
					}
				}
			}

			args := []string{"verify", "--ca", rootPEM, "--config", exampleYAML}
			var want strings.Builder
			for _, name := range sortedNames(signed) {
				p := filepath.Join(dir, name)
				args = append(args, p)
				want.WriteString(p + ": valid (signed by " + tc.wantCN + ", " + tc.wantHash + ", chain verified)\n")
			}
			r := hybridc(t, nil, args...)
			if r.code != ExitOK || r.stdout != want.String() {
				t.Errorf("verify: exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", r.code, r.stdout, want.String(), r.stderr)
			}

			t.Run("osslsigncode", func(t *testing.T) {
				for _, name := range sortedNames(signed) {
					if out, err := osslVerify(t, filepath.Join(dir, name)); err != nil {
						t.Errorf("osslsigncode verify %s: %v\n%s", name, err, out)
					}
				}
			})
		})
	}
}

func sortedNames(files map[string][]byte) []string {
	return slices.Sorted(maps.Keys(files))
}

// TestSigningErrors checks that a bad key, password or signing flag gives a
// clear error and exit 2, leaves the output directory (and, for sign, the
// scripts) exactly as they were, and never prints the password or the key.
func TestSigningErrors(t *testing.T) {
	dir := t.TempDir()
	wrongPasswordFile := writeBytes(t, filepath.Join(dir, "wrong-password.txt"), []byte(wrongPassword+"\n"))
	twoNewlines := writeBytes(t, filepath.Join(dir, "two-newlines.txt"), []byte(testPassword(t)+"\n\n"))
	encryptedKey := writeBytes(t, filepath.Join(dir, "encrypted.key"),
		pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{0x30, 0x00}}))
	tsaDown := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}))
	defer tsaDown.Close()

	tests := []struct {
		name    string
		sign    []string
		getenv  func(string) string
		wantErr string
	}{
		{name: "wrong PFX password in file", sign: []string{"--sign-pfx", td("rsa.pfx"), "--sign-password-file", wrongPasswordFile},
			wantErr: "with the password in " + wrongPasswordFile + ": wrong password or corrupt PFX"},
		{name: "wrong PFX password in environment", sign: []string{"--sign-pfx", td("rsa.pfx")}, getenv: envWith(wrongPassword),
			wantErr: "with the password in HYBRIDC_SIGN_PASSWORD: wrong password or corrupt PFX"},
		{name: "wrong legacy PFX password", sign: []string{"--sign-pfx", td("ecdsa-legacy.pfx"), "--sign-password-file", wrongPasswordFile},
			wantErr: "wrong password or corrupt PFX"},
		{name: "only one trailing newline is trimmed", sign: []string{"--sign-pfx", td("rsa.pfx"), "--sign-password-file", twoNewlines},
			wantErr: "wrong password or corrupt PFX"},
		{name: "no password at all", sign: []string{"--sign-pfx", td("rsa.pfx")},
			wantErr: "it needs a password; give --sign-password-file FILE or set HYBRIDC_SIGN_PASSWORD"},
		{name: "not a PFX file", sign: []string{"--sign-pfx", rootPEM, "--sign-password-file", passwordTxt},
			wantErr: "wrong password or corrupt PFX"},
		{name: "missing PFX file", sign: []string{"--sign-pfx", td("missing.pfx"), "--sign-password-file", passwordTxt},
			wantErr: "--sign-pfx: open"},
		{name: "missing password file", sign: []string{"--sign-pfx", td("rsa.pfx"), "--sign-password-file", td("missing.txt")},
			wantErr: "--sign-password-file: open"},
		{name: "key of another leaf (ECDSA key, RSA certificate)", sign: []string{"--sign-cert", td("rsa-chain.pem"), "--sign-key", td("ecdsa.key")},
			wantErr: "private key does not match the certificate"},
		{name: "key of another leaf (noeku key, RSA certificate)", sign: []string{"--sign-cert", td("rsa.pem"), "--sign-key", td("noeku.key")},
			wantErr: "private key does not match the certificate"},
		{name: "certificate without codeSigning", sign: []string{"--sign-cert", td("noeku-chain.pem"), "--sign-key", td("noeku.key")},
			wantErr: "certificate is not valid for code signing: CN=hybridc TEST-ONLY noeku"},
		{name: "key usage without digitalSignature", sign: []string{"--sign-cert", td("nodigsig-chain.pem"), "--sign-key", td("nodigsig.key")},
			wantErr: "does not include digitalSignature"},
		{name: "expired certificate", sign: []string{"--sign-cert", td("expired-chain.pem"), "--sign-key", td("expired.key")},
			wantErr: "certificate has expired"},
		{name: "CA certificate with code signing", sign: []string{"--sign-cert", td("catrue-chain.pem"), "--sign-key", td("catrue.key")},
			wantErr: "certificate is a CA certificate, not an end-entity one: CN=hybridc TEST-ONLY catrue,O=hybridc tests has basic constraints CA:TRUE"},
		{name: "leaf signed with SHA-1", sign: []string{"--sign-cert", td("sha1-chain.pem"), "--sign-key", td("sha1.key")},
			wantErr: "certificate is signed with a broken algorithm: CN=hybridc TEST-ONLY sha1,O=hybridc tests is signed with SHA1-RSA"},
		{name: "intermediate signed with SHA-1", sign: []string{"--sign-cert", td("sha1inter-chain.pem"), "--sign-key", td("sha1inter.key")},
			wantErr: "CN=hybridc TEST-ONLY SHA-1 Intermediate CA,O=hybridc tests is signed with SHA1-RSA"},
		{name: "RSA 1024 key", sign: []string{"--sign-cert", td("rsa1024-chain.pem"), "--sign-key", td("rsa1024.key")},
			wantErr: "RSA key has 1024 bits, at least 2048 are required"},
		{name: "encrypted PEM key", sign: []string{"--sign-cert", td("rsa-chain.pem"), "--sign-key", encryptedKey},
			wantErr: "encrypted PEM private keys are not supported"},
		{name: "key file given as certificate", sign: []string{"--sign-cert", td("rsa.key"), "--sign-key", td("rsa.key")},
			wantErr: "no certificate found"},
		{name: "sha1 refused", sign: append(rsaPFX(), "--sign-hash", "sha1"),
			wantErr: "--sign-hash sha1 is refused: SHA-1 is broken"},
		{name: "unknown hash", sign: append(rsaPFX(), "--sign-hash", "md5"),
			wantErr: `--sign-hash "md5" is not supported: use sha256 (the default), sha384 or sha512`},
		{name: "PFX and PEM together", sign: append(rsaPFX(), "--sign-cert", td("rsa.pem"), "--sign-key", td("rsa.key")),
			wantErr: "give either --sign-pfx or --sign-cert and --sign-key, not both"},
		{name: "certificate without key", sign: []string{"--sign-cert", td("rsa-chain.pem")},
			wantErr: "--sign-cert and --sign-key go together"},
		{name: "password file with PEM", sign: []string{"--sign-cert", td("rsa-chain.pem"), "--sign-key", td("rsa.key"), "--sign-password-file", passwordTxt},
			wantErr: "--sign-password-file is for --sign-pfx"},
		{name: "no flag takes the password itself", sign: []string{"--sign-pfx", td("rsa.pfx"), "--sign-password", wrongPassword},
			wantErr: "flag provided but not defined: -sign-password"},
		{name: "timestamp URL that is not HTTP", sign: append(rsaPFX(), "--timestamp-url", "ftp://user:"+wrongPassword+"@tsa.example/"),
			wantErr: "--timestamp-url must be an http:// or https:// URL"},
		{name: "timestamp authority failing", sign: append(rsaPFX(), "--timestamp-url", tsaDown.URL),
			wantErr: "timestamp failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// compile: a pre-populated output directory stays as it was.
			out := compileTo(t, rsaPFX()...)
			writeBytes(t, filepath.Join(out, "onprem.ps1"), []byte("\ufeff# an older script\r\n"))
			writeBytes(t, filepath.Join(out, "notes.txt"), []byte("not a script\n"))
			before := snapshot(t, out)
			r := hybridc(t, tc.getenv, append([]string{"compile", exampleYAML, "-o", out}, tc.sign...)...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, tc.wantErr) {
				t.Errorf("compile: exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, tc.wantErr)
			}
			if r.stdout != "" {
				t.Errorf("compile printed on stdout:\n%s", r.stdout)
			}
			assertSameSnapshot(t, before, snapshot(t, out))

			// sign: the scripts stay as they were.
			scriptsDir := compileTo(t)
			before = snapshot(t, scriptsDir)
			args := append([]string{"sign", "--config", exampleYAML}, tc.sign...)
			r = hybridc(t, tc.getenv, append(args, filepath.Join(scriptsDir, "onprem.ps1"), filepath.Join(scriptsDir, "online.ps1"))...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, tc.wantErr) {
				t.Errorf("sign: exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, tc.wantErr)
			}
			assertSameSnapshot(t, before, snapshot(t, scriptsDir))
		})
	}
}

// TestSigningFlagsWithoutKey checks that the other signing flags are
// refused without a key, rather than silently writing unsigned scripts.
func TestSigningFlagsWithoutKey(t *testing.T) {
	tests := []struct {
		name    string
		flags   []string
		wantErr string
	}{
		{name: "hash", flags: []string{"--sign-hash", "sha384"}, wantErr: "--sign-hash needs --sign-pfx, or --sign-cert and --sign-key"},
		{name: "password file", flags: []string{"--sign-password-file", passwordTxt}, wantErr: "--sign-password-file needs --sign-pfx"},
		{name: "timestamp", flags: []string{"--timestamp-url", "http://tsa.example/"}, wantErr: "--timestamp-url needs --sign-pfx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			r := hybridc(t, nil, append([]string{"compile", exampleYAML, "-o", out}, tc.flags...)...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, tc.wantErr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, tc.wantErr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the output directory was created: %v", err)
			}
		})
	}
}

// TestPasswordSources checks where the PFX password comes from: a password
// file (one trailing newline trimmed; UTF-8 or UTF-16 with BOM) or
// HYBRIDC_SIGN_PASSWORD, read through the env's substitutable getenv; the
// file wins over the variable.
func TestPasswordSources(t *testing.T) {
	password := testPassword(t)
	want := scripts(t, compileTo(t, rsaPFX()...))
	utf16le := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, r := range s {
			b = append(b, byte(r), 0)
		}
		return b
	}
	tests := []struct {
		name     string
		file     []byte // contents of --sign-password-file; nil: no such flag
		getenv   func(string) string
		wantCode int
	}{
		{name: "file with LF", file: []byte(password + "\n"), wantCode: ExitOK},
		{name: "file with CRLF", file: []byte(password + "\r\n"), wantCode: ExitOK},
		{name: "file without newline", file: []byte(password), wantCode: ExitOK},
		{name: "file in UTF-8 with BOM", file: []byte("\ufeff" + password + "\r\n"), wantCode: ExitOK},
		{name: "file in UTF-16LE with BOM (Out-File)", file: utf16le(password + "\r\n"), wantCode: ExitOK},
		{name: "file with two newlines", file: []byte(password + "\n\n"), wantCode: ExitUsage},
		{name: "file with trailing space", file: []byte(password + " \n"), wantCode: ExitUsage},
		{name: "environment variable", getenv: envWith(password), wantCode: ExitOK},
		{name: "file wins over a wrong variable", file: []byte(password + "\n"), getenv: envWith(wrongPassword), wantCode: ExitOK},
		{name: "wrong file wins over a right variable", file: []byte(wrongPassword + "\n"), getenv: envWith(password), wantCode: ExitUsage},
		{name: "neither", wantCode: ExitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"compile", exampleYAML, "-o", out, "--sign-pfx", td("rsa.pfx")}
			if tc.file != nil {
				args = append(args, "--sign-password-file", writeBytes(t, filepath.Join(t.TempDir(), "pw.txt"), tc.file))
			}
			r := hybridc(t, tc.getenv, args...)
			if r.code != tc.wantCode {
				t.Fatalf("exit %d, want %d\n%s", r.code, tc.wantCode, r.stderr)
			}
			if tc.wantCode != ExitOK {
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("the output directory was created: %v", err)
				}
				return
			}
			got := scripts(t, out)
			for name := range want {
				if !bytes.Equal(got[name], want[name]) {
					t.Errorf("%s differs from the output signed with --sign-password-file", name)
				}
			}
		})
	}
}

// TestRunReadsProcessEnvironment checks that Run, unlike the tests' env,
// reads HYBRIDC_SIGN_PASSWORD from the process environment.
func TestRunReadsProcessEnvironment(t *testing.T) {
	t.Setenv(passwordEnv, testPassword(t))
	var stdout, stderr bytes.Buffer
	out := t.TempDir()
	if code := Run([]string{"compile", exampleYAML, "-o", out, "--sign-pfx", td("rsa.pfx")}, strings.NewReader(""), &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	assertNoSecrets(t, result{stdout: stdout.String(), stderr: stderr.String()})
}
