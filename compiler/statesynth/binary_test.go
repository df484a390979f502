package statesynth

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestNotInTheBinary: the synthesis is for tests only; no package the
// hybridc command links imports it.
func TestNotInTheBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-deps", "github.com/hybridc/hybridc/cmd/hybridc").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "statesynth") {
			t.Errorf("cmd/hybridc links %s", pkg)
		}
	}
	if !strings.Contains(string(out), "github.com/hybridc/hybridc/compiler/kinds") {
		t.Error("go list shows no compiler/kinds: the check lists the wrong thing")
	}
}
