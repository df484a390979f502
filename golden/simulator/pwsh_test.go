package simulator

import (
	"testing"

	"github.com/hybridc/hybridc/golden/pscheck"
)

// pwshPath is pscheck.Pwsh.
func pwshPath(t testing.TB) string { return pscheck.Pwsh(t) }
