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
	// The SARIF upload fails where code scanning is off (private
	// repositories without GitHub Advanced Security): it must not fail
	// the job.
	var upload map[string]any
	var raw struct {
		Jobs map[string]struct {
			Steps []map[string]any `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, s := range raw.Jobs["validate"].Steps {
		if s["uses"] == "github/codeql-action/upload-sarif@v3" {
			upload = s
		}
	}
	if upload == nil || upload["continue-on-error"] != true || upload["if"] != "always()" {
		t.Errorf("the SARIF upload step is %v, want if: always() and continue-on-error: true", upload)
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

// TestCIScriptAllowWarnings: the shell example's validate stage passes
// HYBRIDC_ALLOW_WARNINGS to validate as --allow-warning, and nothing
// without it.
func TestCIScriptAllowWarnings(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no POSIX shell")
	}
	dir := t.TempDir()
	stub := dir + "/hybridc"
	if err := os.WriteFile(stub, []byte("#!/bin/sh\necho \"$*\" >> \"$ARGS\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ allow, want string }{
		{"HC0330,HC0332", "validate --strict --allow-warning HC0330,HC0332 --format sarif hybrid.yaml\n"},
		{"", "validate --strict --format sarif hybrid.yaml\n"},
	} {
		args := dir + "/args-" + tc.allow
		cmd := exec.Command(sh, "ci/hybridc-ci.sh", "validate")
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HYBRIDC=" + stub, "ARGS=" + args, "HYBRIDC_SARIF=" + dir + "/out.sarif",
			"HYBRIDC_ALLOW_WARNINGS=" + tc.allow}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if got, _ := os.ReadFile(args); string(got) != tc.want {
			t.Errorf("HYBRIDC_ALLOW_WARNINGS=%q: hybridc ran with %q, want %q", tc.allow, got, tc.want)
		}
	}
}

// TestCIPlanExitCodes runs the plan steps of both CI examples with a stand-in
// hybridc that exits as hybridc plan does: 0 no changes, 1 changes planned,
// 2 an error. Changes must not fail the step; an error must.
func TestCIPlanExitCodes(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no POSIX shell")
	}
	bash, _ := exec.LookPath("bash")
	dir := t.TempDir()
	stub := dir + "/hybridc"
	if err := os.WriteFile(stub, []byte("#!/bin/sh\necho '## plan'\nexit \"$STUB_EXIT\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
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
	var planStep string
	for _, s := range wf.Jobs["plan"].Steps {
		if s.Name == "Plan" {
			planStep = s.Run
		}
	}
	if planStep == "" {
		t.Fatal("the workflow has no Plan step")
	}
	for _, tc := range []struct{ hybridc, want int }{{0, 0}, {1, 0}, {2, 2}} {
		env := []string{"PATH=" + dir + ":" + os.Getenv("PATH"), "STUB_EXIT=" + string(rune('0'+tc.hybridc)),
			"HYBRIDC=" + stub, "HYBRIDC_BASE=origin/main", "HYBRIDC_CONFIG=hybrid.yaml", "BASE_REF=main",
			"GITHUB_STEP_SUMMARY=" + dir + "/summary.md"}
		cmd := exec.Command(sh, "ci/hybridc-ci.sh", "plan")
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if got := exitCode(err); got != tc.want {
			t.Errorf("hybridc-ci.sh plan, hybridc plan exiting %d: exit %d, want %d\n%s", tc.hybridc, got, tc.want, out)
		}
		if bash == "" {
			continue
		}
		// GitHub Actions runs a step's script with bash -e.
		cmd = exec.Command(bash, "-e", "-c", planStep)
		cmd.Env, cmd.Dir = env, dir
		out, err = cmd.CombinedOutput()
		if got := exitCode(err); got != tc.want {
			t.Errorf("the workflow's Plan step, hybridc plan exiting %d: exit %d, want %d\n%s", tc.hybridc, got, tc.want, out)
		}
	}
}

// exitCode is a finished command's exit code (-1 when it did not run).
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// TestReleaseWorkflow checks the example release workflow of hybridc's own
// repository: on a v* tag it runs the release command, whose flags exist,
// checks SHA256SUMS and publishes dist with the workflow's own token, the
// only secret it names.
func TestReleaseWorkflow(t *testing.T) {
	data, err := os.ReadFile("ci/hybridc-release.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			Push struct {
				Tags []string `yaml:"tags"`
			} `yaml:"push"`
		} `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				step `yaml:",inline"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(wf.On.Push.Tags, []string{"v*"}) || wf.Permissions["contents"] != "write" {
		t.Errorf("want on.push.tags [v*] and contents: write; got %v, %v", wf.On.Push.Tags, wf.Permissions)
	}
	var build, publish bool
	for _, s := range wf.Jobs["release"].Steps {
		if s.Run == "go run ./cmd/hybridc-release -version \"$TAG\" -o dist" && s.Env["TAG"] == "${{ github.ref_name }}" {
			build = true
		}
		if strings.Contains(s.Run, "gh release create \"$TAG\" dist/*") && strings.Contains(s.Run, "sha256sum -c") &&
			s.Env["GH_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}" {
			publish = true
		}
	}
	if !build || !publish {
		t.Errorf("build step %v, publish step %v", build, publish)
	}
	if n := strings.Count(string(data), "secrets."); n != 1 {
		t.Errorf("the workflow names secrets %d times; only GITHUB_TOKEN is needed", n)
	}
	// The command and its flags exist.
	main, err := os.ReadFile("../cmd/hybridc-release/main.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{`fs.String("version"`, `fs.String("o"`} {
		if !strings.Contains(string(main), flag) {
			t.Errorf("cmd/hybridc-release has no flag %s", flag)
		}
	}
}
