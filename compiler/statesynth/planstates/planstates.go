// Package planstates synthesizes the states of an analyzed configuration
// (package statesynth) for the tests outside package compiler: examples
// and the simulator. Like statesynth, no command imports it.
package planstates

import (
	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statesynth"
)

// States is what the export scripts would read from the organizations of
// res right after its scripts ran, one state per Exchange script.
func States(res *compiler.Result, toolVersion string) []*state.State {
	if res == nil || res.Schedule == nil || res.Config == nil {
		return nil
	}
	var orgs []statesynth.Org
	for _, sp := range res.Schedule.Scripts {
		if sp.Target.EntraConnect {
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
	return statesynth.States(res.Config, orgs, compiler.StateSchemaURL, toolVersion)
}
