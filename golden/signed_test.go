package golden_test

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/cmd/authenticode"
)

// testPKI is the throw-away test PKI of the authenticode package.
const testPKI = "../cmd/authenticode/testdata"

// TestSignedGolden signs the scripts of golden cases with the test keys and
// compares each signed file, whole and byte for byte, with the script as
// golden stores it (cases/<case>: whole, or its case file and golden/engine)
// followed by the signature block stored in
// signed/<case>/<key>/<script>.sig.txt (LF line endings, CRLF in the file):
// signing is deterministic, so signed files are as stable as unsigned ones.
// hybridc's verify and osslsigncode, an independent implementation, must
// accept every whole signed file.
func TestSignedGolden(t *testing.T) {
	password, err := os.ReadFile(filepath.Join(testPKI, "pfx-password.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"rsa", "ecdsa"} {
		pfx, err := os.ReadFile(filepath.Join(testPKI, key+".pfx"))
		if err != nil {
			t.Fatal(err)
		}
		signer, err := authenticode.LoadPFX(pfx, strings.TrimRight(string(password), "\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []string{"hybrid-free-busy", "hostile-names"} {
			t.Run(c+"/"+key, func(t *testing.T) {
				got := compileCase(t, filepath.Join("cases", c, "input.yaml"))
				dir := filepath.Join("signed", c, key)
				if *update {
					old, _ := filepath.Glob(filepath.Join(dir, "*"))
					for _, f := range old {
						if err := os.Remove(f); err != nil {
							t.Fatal(err)
						}
					}
				}
				for _, name := range slices.Sorted(maps.Keys(got)) {
					if filepath.Ext(name) == ".ps1" {
						checkSigned(t, signer, filepath.Join("cases", c), dir, name, got[name])
					}
				}
			})
		}
	}
}

// checkSigned signs one compiled script and compares the signed file with
// the stored script and signature block (or, with -update, stores the
// block).
func checkSigned(t *testing.T, signer *authenticode.Signer, caseDir, dir, name string, script []byte) {
	t.Helper()
	signed, err := signer.Sign(script, authenticode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	block, ok := bytes.CutPrefix(signed, script)
	if !ok {
		t.Fatalf("%s: the signed file does not start with the script", name)
	}
	path := filepath.Join(dir, strings.TrimSuffix(name, ".ps1")+".sig.txt")
	lf := strings.ReplaceAll(string(block), "\r\n", "\n")
	if strings.ReplaceAll(lf, "\n", "\r\n") != string(block) {
		t.Fatalf("%s: the signature block is not CRLF lines", name)
	}
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(lf), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	stored, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./golden -update)", err)
	}
	whole := append(storedScript(t, caseDir, name), strings.ReplaceAll(string(stored), "\n", "\r\n")...)
	if !bytes.Equal(whole, signed) {
		t.Errorf("signed %s (the script in %s, then %s) differs from the script signed now (run go test ./golden -update to accept):\n%s",
			name, caseDir, path, firstDifference(whole, signed))
	}
	if _, err := authenticode.Verify(whole, authenticode.VerifyOptions{}); err != nil {
		t.Errorf("%s signed with %s: hybridc's verify rejects it: %v", name, path, err)
	}
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, whole, 0o644); err != nil {
		t.Fatal(err)
	}
	osslVerify(t, file)
}

// storedScript is a script as golden stores it: whole, or put together
// from its case file and golden/engine.
func storedScript(t *testing.T, caseDir, name string) []byte {
	t.Helper()
	if body, err := os.ReadFile(filepath.Join(caseDir, name)); err == nil {
		return body
	}
	caseFile, err := os.ReadFile(filepath.Join(caseDir, caseFileName(name)))
	if err != nil {
		t.Fatal(err)
	}
	st, err := loadStore()
	if err != nil {
		t.Fatal(err)
	}
	text, err := st.assemble(string(caseFile))
	if err != nil {
		t.Fatalf("%s: %v", caseDir, err)
	}
	return scriptFile(text)
}

// osslVerify checks a signed file with osslsigncode against the test root.
func osslVerify(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("osslsigncode"); err != nil {
		t.Log("osslsigncode not installed (apt-get install osslsigncode): independent check skipped")
		return
	}
	out, err := exec.Command("osslsigncode", "verify", "-CAfile", filepath.Join(testPKI, "root.pem"), "-in", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Succeeded") {
		t.Errorf("osslsigncode rejects %s: %v\n%s", path, err, out)
	}
}
