// Package planstates synthesizes the states of an analyzed configuration
// (package statesynth) for the tests: the compiler's, examples and the
// simulator. It imports the stages, not the compiler, so that the
// compiler's own tests can use it. Like statesynth, no command imports it.
package planstates

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statefile"
	"github.com/hybridc/hybridc/compiler/statesynth"
)

// States is what the export scripts would read from the organizations of
// cfg right after the scripts of its schedule ran, one state per Exchange
// script (none when either is nil: the configuration did not analyze).
func States(cfg *config.Config, schedule *model.Schedule, toolVersion string) []*state.State {
	if cfg == nil || schedule == nil {
		return nil
	}
	var orgs []statesynth.Org
	for _, sp := range schedule.Scripts {
		if sp.Target.EntraConnect || sp.Target.EntraApp {
			continue
		}
		org := statesynth.Org{File: sp.Target.File, Online: sp.Target.Online, Organization: sp.Target.Organization}
		for _, r := range sp.Resources {
			spec := r.Spec
			switch {
			case r.Relationship != nil:
				spec = r.Relationship
			case r.AddressSpace != nil:
				spec = r.AddressSpace
			}
			org.Resources = append(org.Resources, statesynth.Resource{Kind: r.Kind, Name: r.Name, Absent: r.Absent, Spec: spec, Properties: r.Properties()})
		}
		orgs = append(orgs, org)
	}
	return statesynth.States(cfg, orgs, statefile.StateSchemaURL, toolVersion)
}
