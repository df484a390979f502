package cli

import (
	"fmt"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/config"
)

// batchesStateConfig is the mailboxes and permissions of state files, as
// hybridc import reads them, for batches --state, or nil and the exit code
// (ExitUsage when a file cannot be read, ExitFindings when the states have
// errors).
func batchesStateConfig(e *env, p *progress, files []string) (*config.Config, int) {
	states, code := readStates(e, p, 0, "batches", files)
	if code != ExitOK {
		return nil, code
	}
	p.step("reading the permissions")
	kinds := map[string]bool{compiler.ImportFullAccess: true, compiler.ImportSendAs: true, compiler.ImportSendOnBehalf: true, compiler.ImportFolder: true}
	im, diags := compiler.Import(states, compiler.ImportOptions{Kinds: kinds})
	if len(diags) > 0 {
		p.clear()
	}
	e.diagnostics(diags)
	if im == nil || diags.HasErrors() {
		fmt.Fprintln(e.stderr, "hybridc batches: the state files have errors; no batches computed")
		return nil, ExitFindings
	}
	return im.Config, ExitOK
}
