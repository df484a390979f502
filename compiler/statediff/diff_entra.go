package statediff

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// writebackWarning is what a plan says about the group writeback
// permissions of Entra Connect's connector account (KindWritebackPermissions)
// when they change in a way a reviewer must see: another account, a wider
// scope (writebackOU removed, adminSdHolder: true), or a narrower one,
// which removes nothing already granted. old is nil when the resource is
// new. "" otherwise.
func writebackWarning(old, r *model.Resource) string {
	if r == nil || r.Kind != model.KindWritebackPermissions {
		return ""
	}
	ec, _ := r.Spec.(*config.EntraConnect)
	if ec == nil {
		return ""
	}
	var prev *config.EntraConnect
	if old != nil && !old.Absent {
		prev, _ = old.Spec.(*config.EntraConnect)
	}
	var ws []string
	if prev != nil && !strings.EqualFold(string(prev.ConnectorAccountDN), string(ec.ConnectorAccountDN)) {
		ws = append(ws, "the connector account changes from "+string(prev.ConnectorAccountDN)+" to "+string(ec.ConnectorAccountDN)+
			": entra-connect.ps1 grants the group writeback permissions to the new account (it refuses one that is not the account of the AD connector Entra Connect reports)")
	}
	if prev != nil && prev.WritebackOU != "" && ec.WritebackOU == "" {
		ws = append(ws, "writebackOU removed: the permissions are now granted at the root of every domain of the forest, not on "+string(prev.WritebackOU)+" only")
	}
	if pstext.IsTrue(ec.AdminSDHolder) && ec.WritebackOU == "" && (prev == nil || !pstext.IsTrue(prev.AdminSDHolder) || prev.WritebackOU != "") {
		ws = append(ws, "adminSdHolder: true: the permissions are also stamped on AdminSDHolder, so they reach every protected account and group (Domain Admins and the like)")
	}
	if prev != nil && writebackNarrowed(prev, ec) {
		ws = append(ws, "existing grants are not removed: the permissions already granted (to the previous account, at the domain roots or on AdminSDHolder) stay until removed by hand (runbook)")
	}
	return strings.Join(ws, "; ")
}

// writebackNarrowed reports whether the permissions were granted somewhere
// the new configuration no longer grants them: another account, a
// writeback OU declared or changed, AdminSDHolder no longer asked for.
func writebackNarrowed(prev, ec *config.EntraConnect) bool {
	stamped := pstext.IsTrue(prev.AdminSDHolder) && prev.WritebackOU == ""
	return !strings.EqualFold(string(prev.ConnectorAccountDN), string(ec.ConnectorAccountDN)) ||
		(ec.WritebackOU != "" && !strings.EqualFold(string(prev.WritebackOU), string(ec.WritebackOU))) ||
		(stamped && !(pstext.IsTrue(ec.AdminSDHolder) && ec.WritebackOU == ""))
}
