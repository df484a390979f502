package golden_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/cmd/authenticode"
)

// testPKI is the throw-away test PKI of the authenticode package.
const testPKI = "../cmd/authenticode/testdata"

// TestSignedGolden signs the scripts of golden cases with the test keys and
// compares them with golden/signed/<case>/<key>/: signing is deterministic,
// so signed files are as stable as unsigned ones. osslsigncode, an
// independent implementation, must accept every one of them.
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
				for name, body := range got {
					if filepath.Ext(name) != ".ps1" {
						continue
					}
					signed, err := signer.Sign(body, authenticode.Options{})
					if err != nil {
						t.Fatal(err)
					}
					path := filepath.Join(dir, name)
					if *update {
						if err := os.MkdirAll(dir, 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(path, signed, 0o644); err != nil {
							t.Fatal(err)
						}
						continue
					}
					want, err := os.ReadFile(path)
					if err != nil {
						t.Fatalf("%v (run go test ./golden -update)", err)
					}
					if !bytes.Equal(signed, want) {
						t.Errorf("%s differs from %s:\n%s", name, path, firstDifference(want, signed))
					}
					if _, err := authenticode.Verify(want, authenticode.VerifyOptions{}); err != nil {
						t.Errorf("%s: hybridc's verify rejects it: %v", path, err)
					}
					osslVerify(t, path)
				}
			})
		}
	}
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
