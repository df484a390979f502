package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Paths from this package's directory, the tests' working directory.
const (
	exampleYAML = "../../examples/contoso-hybrid.yaml"
	pki         = "../authenticode/testdata"
	rootPEM     = pki + "/root.pem"
	passwordTxt = pki + "/pfx-password.txt"
)

// wrongPassword is a password the tests give on purpose; like the right
// one, it must never appear in hybridc's output.
const wrongPassword = "Not-The-Right-Passw0rd-7319"

// td returns the path of a file of the test PKI.
func td(name string) string { return filepath.Join(pki, name) }

// result is what one hybridc run gave.
type result struct {
	code           int
	stdout, stderr string
}

// noEnv is a getenv with no variables set.
func noEnv(string) string { return "" }

// envWith returns a getenv in which only HYBRIDC_SIGN_PASSWORD is set.
func envWith(password string) func(string) string {
	return func(name string) string {
		if name == passwordEnv {
			return password
		}
		return ""
	}
}

// hybridc runs the CLI in-process, as Run does, with getenv as its
// environment (nil: none), and checks that no password or private key
// shows in its output, whatever the outcome.
func hybridc(t *testing.T, getenv func(string) string, args ...string) result {
	t.Helper()
	if getenv == nil {
		getenv = noEnv
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: getenv}
	r := result{code: e.run(args), stdout: stdout.String(), stderr: stderr.String()}
	assertNoSecrets(t, r)
	return r
}

// secrets are the strings that must never be printed: the test PFX
// password, the wrong password the tests use, and every line of every
// private key of the test PKI.
func secrets(t *testing.T) []string {
	t.Helper()
	out := []string{testPassword(t), wrongPassword}
	keys, err := filepath.Glob(filepath.Join(pki, "*.key"))
	if err != nil || len(keys) == 0 {
		t.Fatalf("no private keys in %s", pki)
	}
	for _, k := range keys {
		for _, line := range strings.Split(string(readFile(t, k)), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "-----") {
				out = append(out, line)
			}
		}
	}
	return out
}

func assertNoSecrets(t *testing.T, r result) {
	t.Helper()
	for _, s := range secrets(t) {
		if strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s) {
			t.Fatalf("a password or private key line (%.12s...) was printed:\nstdout: %s\nstderr: %s", s, r.stdout, r.stderr)
		}
	}
}

// testPassword returns the password of the test PFX files.
func testPassword(t *testing.T) string {
	t.Helper()
	return strings.TrimSpace(string(readFile(t, passwordTxt)))
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeBytes(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// rsaPFX are the flags that sign with the modern RSA PFX and the password file.
func rsaPFX() []string {
	return []string{"--sign-pfx", td("rsa.pfx"), "--sign-password-file", passwordTxt}
}

// compileTo compiles the example into a new directory with the extra flags
// and returns the directory; any failure is fatal.
func compileTo(t *testing.T, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	r := hybridc(t, nil, append([]string{"compile", exampleYAML, "-o", dir}, extra...)...)
	if r.code != ExitOK {
		t.Fatalf("compile %v: exit %d\n%s", extra, r.code, r.stderr)
	}
	return dir
}

// scripts returns the .ps1 files in dir by name.
func scripts(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.ps1"))
	if len(paths) == 0 {
		t.Fatalf("no scripts in %s", dir)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		out[filepath.Base(p)] = readFile(t, p)
	}
	return out
}

// outputs returns every file compile wrote into dir: scripts and runbook.
func outputs(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := scripts(t, dir)
	out["runbook.md"] = readFile(t, filepath.Join(dir, "runbook.md"))
	return out
}

// snapshot returns every file under dir (temporary files included) with
// its mode and contents, to check that a failed run changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = info.Mode().String() + "\n" + string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func assertSameSnapshot(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		} else if a != b {
			t.Errorf("%s was changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was created", p)
		}
	}
}

// osslVerify runs "osslsigncode verify -CAfile root.pem -in path", an
// independent Authenticode implementation. It skips the test if
// osslsigncode is not installed (CI installs it).
func osslVerify(t *testing.T, path string) (string, error) {
	t.Helper()
	bin, err := exec.LookPath("osslsigncode")
	if err != nil {
		t.Skip("osslsigncode is not on PATH (apt-get install osslsigncode); skipping the cross-check with an independent verifier")
	}
	out, err := exec.Command(bin, "verify", "-CAfile", rootPEM, "-in", path).CombinedOutput()
	return string(out), err
}
