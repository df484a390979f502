package render

import (
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
)

// The call counts of the OAuth and mailbox move kinds whose engine does
// more than one bulk read and one call per object (a first run starts from
// the organization the wizard left: the partner application enabled, the
// EWS virtual directories with MRS proxy off).
func init() {
	// Get-AuthServer; New-AuthServer, then Set-AuthServer for the
	// application identifier (another parameter set).
	callRules[model.KindAuthServer] = func(rs []*model.Resource, present int, _ bool) (int, int) {
		return 1 + present + countProp(rs, kinds.AuthServer.Param("applicationIdentifier"), func(v any) bool { s, _ := v.(string); return s != "" }), 1
	}
	// Get-SettingOverride; New-SettingOverride and the variant
	// configuration's refresh; turning it on first reads the auth servers
	// back (the gate).
	callRules[model.KindDedicatedApplication] = func(rs []*model.Resource, present int, _ bool) (int, int) {
		return 1 + 2*present + countProp(rs, kinds.DedicatedApplication.Param("dedicatedApplication"), kinds.DedicatedAppOn), 1
	}
	// Get-IntraOrganizationConnector; New-; on-premises, creating one
	// first reads the auth servers back (the gate).
	callRules[model.KindIntraOrganizationConnector] = func(rs []*model.Resource, present int, online bool) (int, int) {
		if online {
			return 1 + present, 1
		}
		return 1 + 2*present, 1
	}
	// Get-PartnerApplication; Set- only where the YAML turns it off.
	callRules[model.KindPartnerApplication] = func(rs []*model.Resource, _ int, _ bool) (int, int) {
		return 1 + countProp(rs, kinds.PartnerApplication.Param("enabled"), func(v any) bool { b, ok := v.(bool); return ok && !b }), 1
	}
	// Get-WebServicesVirtualDirectory; Set- where the YAML turns MRS proxy on.
	callRules[model.KindMRSProxy] = func(rs []*model.Resource, _ int, _ bool) (int, int) {
		return 1 + countProp(rs, kinds.MRSProxy.Param("enabled"), func(v any) bool { b, ok := v.(bool); return ok && b }), 1
	}
}

// countProp counts the present resources whose property name has a value
// for which want holds.
func countProp(rs []*model.Resource, name string, want func(any) bool) int {
	n := 0
	for _, r := range rs {
		if r.Absent {
			continue
		}
		for _, p := range r.Props {
			if p.Name == name && want(p.Value) {
				n++
				break
			}
		}
	}
	return n
}
