package examples_test

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// step is one step of a GitHub Actions job.
type step struct {
	Name string `yaml:"name"`
	Uses string `yaml:"uses"`
	Run  string `yaml:"run"`
}

// TestCIWorkflow checks that the GitHub Actions example is YAML with the
// documented jobs, and that each job installs hybridc before running it.
func TestCIWorkflow(t *testing.T) {
	data, err := os.ReadFile("ci/hybridc.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []step `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	for _, job := range []string{"validate", "plan", "release"} {
		steps := wf.Jobs[job].Steps
		if !slices.ContainsFunc(steps, func(s step) bool { return strings.Contains(s.Run, "go install") }) {
			t.Errorf("job %s does not install hybridc", job)
		}
	}
	text := string(data)
	for _, want := range []string{"github/codeql-action/upload-sarif", "--format sarif", "plan --base \"origin/$BASE_REF\" --format markdown",
		"HYBRIDC_SIGN_PASSWORD: ${{ secrets.HYBRIDC_SIGN_PASSWORD }}", "--sign-pfx \"$pfx\"", "hybridc verify --ca"} {
		if !strings.Contains(text, want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}
}

// TestCIScript checks that the shell example is POSIX shell that dash
// (or sh) parses, and that it refuses an unknown stage with exit 2.
func TestCIScript(t *testing.T) {
	sh, err := exec.LookPath("dash")
	if err != nil {
		if sh, err = exec.LookPath("sh"); err != nil {
			t.Skip("no POSIX shell")
		}
	}
	if out, err := exec.Command(sh, "-n", "ci/hybridc-ci.sh").CombinedOutput(); err != nil {
		t.Fatalf("%s -n: %v\n%s", sh, err, out)
	}
	cmd := exec.Command(sh, "ci/hybridc-ci.sh", "nonsense")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "unknown stage") {
		t.Errorf("unknown stage: %v\n%s", err, out)
	}
	// release without HYBRIDC_CA: verify needs --ca or --no-chain, so the
	// stage stops before it touches the key or compiles (HYBRIDC=false
	// would fail any hybridc command it ran).
	cmd = exec.Command(sh, "ci/hybridc-ci.sh", "release")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HYBRIDC=false", "HYBRIDC_SIGN_PFX=/nonexistent.pfx"}
	out, err = cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "set HYBRIDC_CA") {
		t.Errorf("release without HYBRIDC_CA: %v\n%s", err, out)
	}
}
