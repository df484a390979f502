package cli

import (
	"fmt"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/config"
)

// batchesStateConfig is the mailboxes and permissions of state files, as
// hybridc import reads them, for batches --state.
func batchesStateConfig(e *env, files []string) (*config.Config, bool) {
	states, ok := readStates(e, "batches", files)
	if !ok {
		return nil, false
	}
	kinds := map[string]bool{compiler.ImportFullAccess: true, compiler.ImportSendAs: true, compiler.ImportSendOnBehalf: true, compiler.ImportFolder: true}
	im, diags := compiler.Import(states, compiler.ImportOptions{Kinds: kinds})
	fmt.Fprint(e.stderr, diags.String())
	if im == nil || diags.HasErrors() {
		fmt.Fprintln(e.stderr, "hybridc batches: the state files have errors; no batches computed")
		return nil, false
	}
	return im.Config, true
}
