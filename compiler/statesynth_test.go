package compiler

import (
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statesynth"

	"github.com/hybridc/hybridc/compiler/statefile"
)

// SynthesizeStates is statesynth.States of an analyzed configuration (the
// same adapter as statesynth/planstates, which this package's tests cannot
// import).
func SynthesizeStates(res *Result, toolVersion string) []*state.State {
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
	return statesynth.States(res.Config, orgs, statefile.StateSchemaURL, toolVersion)
}
