package runbook

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// runbookPermissionChecks are the commands that show RBAC and delegated
// permissions, per organization.
type runbookPermissionChecks struct {
	OnPremises *codeBlock
	Online     *codeBlock
}

// permissionChecks are the commands that show RBAC and the delegated
// permissions, in each organization, kind by kind in the order its script
// applies them; at most runbookCap of each kind (checkSample).
func (rb *runbookBuilder) permissionChecks() *runbookPermissionChecks {
	c := &runbookPermissionChecks{}
	for _, file := range []string{"onprem.ps1", "online.ps1"} {
		sp := rb.script(file)
		if sp == nil {
			continue
		}
		block := NewCodeBlock("powershell")
		checkSample(block, file, sp.Resources, func(r *model.Resource) bool { return permissionKind(r.Kind) },
			func(r *model.Resource) { permissionCheck(block, r) })
		if len(block.Lines) == 0 {
			continue
		}
		if sp.Target.Online {
			c.Online = block
		} else {
			c.OnPremises = block
		}
	}
	if c.OnPremises == nil && c.Online == nil {
		return nil
	}
	return c
}

// permissionCheck adds the command that shows one RBAC or permission
// resource, with what it must show as a comment.
func permissionCheck(b *codeBlock, r *model.Resource) {
	name := pstext.Quote(r.Name)
	switch r.Kind {
	case model.KindOrganizationConfig:
		b.Add("expect ACLableSyncedObjectEnabled "+psBool(r.Props[0].Value), "Get-OrganizationConfig | Format-List ACLableSyncedObjectEnabled")
	case model.KindRemoteMailboxACL:
		b.Add("expect RecipientDisplayType ACLableSyncedMailboxUser for "+r.Name, "Get-RemoteMailbox -Identity "+name+" | Format-List RecipientDisplayType")
	case model.KindRoleGroup:
		g := r.Spec.(*config.RoleGroup)
		if r.Absent {
			b.Add("expect no role group "+r.Name+" (declared absent)", "Get-RoleGroup | Where-Object { $_.Name -eq "+name+" }")
			return
		}
		b.Add("expect "+expectList("roles", g.Roles, false)+"; "+expectList("members", g.Members, true), "Get-RoleGroup -Identity "+name+" | Format-List Name, Roles, Members")
	case model.KindRoleAssignmentPolicy:
		p := r.Spec.(*config.RoleAssignmentPolicy)
		if r.Absent {
			b.Add("expect no role assignment policy "+r.Name+" (declared absent)", "Get-RoleAssignmentPolicy | Where-Object { $_.Name -eq "+name+" }")
			return
		}
		b.Add("expect "+expectList("assigned roles", p.Roles, false), "Get-RoleAssignmentPolicy -Identity "+name+" | Format-List Name, AssignedRoles")
	case model.KindMailboxPolicy:
		p := r.Spec.(*config.RoleAssignmentPolicy)
		b.Add("expect RoleAssignmentPolicy "+string(p.Name), "Get-Mailbox -Identity "+name+" | Format-List RoleAssignmentPolicy")
	case model.KindFullAccess, model.KindSendAs, model.KindSendOnBehalf, model.KindFolderPermission:
		p := r.Spec.(*config.Permission)
		mailbox, trustee := pstext.Quote(string(p.Mailbox)), pstext.Quote(string(p.Trustee))
		switch {
		case r.Kind == model.KindFullAccess:
			b.Add(expectEntry(r.Absent, p.Trustee, kinds.RightsParam+" FullAccess"),
				"Get-MailboxPermission -Identity "+mailbox+" -User "+trustee)
		case r.Kind == model.KindSendAs && r.Target.Online:
			b.Add(expectEntry(r.Absent, p.Trustee, kinds.RightsParam+" SendAs"),
				"Get-RecipientPermission -Identity "+mailbox+" -Trustee "+trustee)
		case r.Kind == model.KindSendAs:
			b.Add(expectEntry(r.Absent, p.Trustee, "ExtendedRights Send-As"),
				"Get-ADPermission -Identity "+mailbox+" -User "+trustee+" | Where-Object { ($_.ExtendedRights -join ',') -like '*Send-As*' }")
		case r.Kind == model.KindSendOnBehalf:
			verb := "lists"
			if r.Absent {
				verb = "does not list"
			}
			b.Add("expect "+kinds.DelegatesParam+" "+verb+" "+string(p.Trustee),
				"Get-Mailbox -Identity "+mailbox+" | Format-List "+kinds.DelegatesParam)
		default:
			b.Add(expectEntry(r.Absent, p.Trustee, kinds.RightsParam+" "+string(p.FolderAccessRights)), "Get-MailboxFolderPermission -Identity "+pstext.Quote(string(p.Mailbox)+`:\`+string(p.Folder))+" -User "+trustee)
		}
	}
}

// expectEntry is the expectation of a permission entry.
func expectEntry(absent bool, trustee config.Identity, rights string) string {
	if absent {
		return "expect no entry for " + string(trustee) + " (declared absent)"
	}
	return "expect an entry for " + string(trustee) + " with " + rights
}

// psBool is how Format-List shows a boolean.
func psBool(v any) string {
	if v == true {
		return "True"
	}
	return "False"
}

// expectList is the expectation of a list: its items, or "as they are".
// Members are capped (joinCapped); roles, a short list of Exchange's, are
// not.
func expectList[S ~string](what string, items []S, capped bool) string {
	if len(items) == 0 {
		return what + " as they are"
	}
	if capped {
		return what + " " + JoinCapped(model.Texts(items), "")
	}
	return what + " " + strings.Join(model.Texts(items), ", ")
}

// permissionKind reports whether permissionCheck has a command for kind:
// every resource of a kind has one.
func permissionKind(kind string) bool {
	switch kind {
	case model.KindOrganizationConfig, model.KindRemoteMailboxACL, model.KindRoleGroup, model.KindRoleAssignmentPolicy, model.KindMailboxPolicy,
		model.KindFullAccess, model.KindSendAs, model.KindSendOnBehalf, model.KindFolderPermission:
		return true
	}
	return false
}
