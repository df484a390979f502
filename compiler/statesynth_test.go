package compiler

import (
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statesynth/planstates"
)

// SynthesizeStates is planstates.States of an analyzed configuration.
func SynthesizeStates(res *Result, toolVersion string) []*state.State {
	if res == nil {
		return nil
	}
	return planstates.States(res.Config, res.Schedule, toolVersion)
}
