package runbook

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// runbookPermissions is section 2's part on delegated mailbox permissions.
type runbookPermissions struct {
	// OnPremises is false for permissions of a tenant without on-premises
	// organization: nothing crosses premises.
	OnPremises   bool
	EntraNote    string
	ExchangeNote string
	// Summary counts the permissions by access right.
	Summary string
	// CrossPremises lists auto-mapping and folder permissions across
	// premises, at most runbookCap of them and how many more.
	CrossPremises string
	// PrivateItems are the Full Access grants whose mailbox user decides in
	// Outlook whether the delegate sees private items, at most runbookCap
	// of them; PrivateItemsMore says how many more there are.
	PrivateItems     []runbookDelegate
	PrivateItemsMore string
	Batches          *codeBlock
}

// runbookDelegate is a row of the private items table.
type runbookDelegate struct{ Mailbox, Delegate string }

// Permissions is the part on delegated mailbox permissions, when the YAML
// declares any.
func (rb *runbookBuilder) Permissions() *runbookPermissions {
	cfg := rb.cfg
	if len(cfg.Permissions) == 0 {
		return nil
	}
	p := &runbookPermissions{}
	op := cfg.OnPremises
	if op != nil {
		p.OnPremises = true
		switch ec := op.EntraConnect; {
		case ec == nil:
			p.EntraNote = "The YAML does not declare the Entra Connect server (onPremises.entraConnect): check both."
		default:
			p.EntraNote = "The YAML declares version " + MdCode(string(ec.Version))
			if v, ok := pstext.DottedVersion(string(ec.Version)); ok && pstext.VersionLess(v, []int{1, 1, 553, 0}) {
				p.EntraNote += ", which is too old: upgrade Entra Connect first"
			}
			switch {
			case ec.ExchangeHybrid == nil:
				p.EntraNote += "; it does not say whether Exchange hybrid deployment is on: check it in the wizard (**Optional features**)."
			case *ec.ExchangeHybrid:
				p.EntraNote += ", with Exchange hybrid deployment on."
			default:
				p.EntraNote += ", with Exchange hybrid deployment off: turn it on in the wizard (**Optional features**)."
			}
		}
		p.ExchangeNote = aclNote(op)
		p.Batches = NewCodeBlock("sh", "hybridc batches "+rb.source)
	}
	var cross []string // the first runbookCap of crossN
	var removed, across, private, crossN int
	crossing := func(item string) {
		if crossN++; crossN <= RunbookCap {
			cross = append(cross, item)
		}
	}
	granted := map[config.AccessRight]int{}
	for i, perm := range cfg.Permissions {
		if perm.Ensure.IsAbsent() {
			removed++
			continue
		}
		granted[perm.Access]++
		named := rb.declared.Permission(i)
		mailbox, trustee := named.Mailbox, named.Trustee
		acrossPremises := mailbox != nil && trustee != nil && mailbox.Location != trustee.Location
		if acrossPremises {
			across++
		}
		switch perm.Access {
		case "FullAccess":
			if trustee == nil || trustee.ServiceAccount == nil || !*trustee.ServiceAccount {
				if private++; private <= RunbookCap {
					p.PrivateItems = append(p.PrivateItems, runbookDelegate{Mailbox: MdCell(string(perm.Mailbox)), Delegate: MdCell(string(perm.Trustee))})
				}
			}
			if acrossPremises && perm.AutoMapping != nil && *perm.AutoMapping {
				crossing("auto-mapping of " + MdCode(string(perm.Mailbox)) + " for " + MdCode(string(perm.Trustee)))
			}
		case "Folder":
			if acrossPremises {
				crossing("the folder permission of " + MdCode(string(perm.Trustee)) + " on " + MdCode(string(perm.Mailbox)))
			}
		}
	}
	p.Summary = permissionSummary(granted, removed, across, p.OnPremises)
	p.CrossPremises = strings.Join(cross, ", ")
	if more := crossN - len(cross); more > 0 {
		p.CrossPremises += " and " + Thousands(more) + " more (" + MdCode("hybridc validate "+rb.source) + " lists each one, as warning " + diag.CodeCrossPremisesFeature + ")"
	}
	if more := private - len(p.PrivateItems); more > 0 {
		p.PrivateItemsMore = "And " + plural(more, "more Full Access permission") + ": every " + MdCode("FullAccess") +
			" permission of the YAML whose trustee is not declared " + MdCode("serviceAccount: true") + "."
	}
	return p
}

// permissionSummary counts the permissions the YAML grants, by access right
// in the order of the schema, and those it removes; acrossPremises is how
// many are granted across premises, told when there is an on-premises
// organization.
func permissionSummary(granted map[config.AccessRight]int, removed, acrossPremises int, onPremises bool) string {
	var parts []string
	total := 0
	for _, a := range []struct {
		right config.AccessRight
		name  string
	}{{"FullAccess", "Full Access"}, {"SendAs", "Send As"}, {"SendOnBehalf", "Send on Behalf"}, {"Folder", "folder"}} {
		if n := granted[a.right]; n > 0 {
			parts = append(parts, Thousands(n)+" "+a.name)
			total += n
		}
	}
	s := "The YAML grants " + plural(total, "delegated permission")
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	if onPremises {
		s += ", " + Thousands(acrossPremises) + " of them across premises"
	}
	if removed > 0 {
		s += ", and removes " + Thousands(removed)
	}
	return s + "."
}

// aclNote is what the declared Exchange version needs for permissions
// across premises (seed 003's version matrix).
func aclNote(op *config.OnPremises) string {
	name := MdText(exchangeName(op))
	org := "The YAML does not declare " + MdCode("aclableSyncedObjectEnabled: true") + ": enable it (" + MdCode("Set-OrganizationConfig -ACLableSyncedObjectEnabled $true") + ") or declare it."
	if op.AclableSyncedObjectEnabled != nil && *op.AclableSyncedObjectEnabled {
		org = MdCode("onprem.ps1") + " enables it (" + MdCode("organizationConfig") + ")."
	}
	moved := " Mailboxes moved to Exchange Online before it was enabled need ACLs enabled one by one: declare them with " + MdCode("movedBeforeAclSync: true") + " and " + MdCode("onprem.ps1") + " runs " + MdCode("Set-RemoteMailbox -ACLableSyncedObjectEnabled") + " on them."
	switch op.ExchangeVersion {
	case "2013":
		return name + ": Exchange 2013 needs the latest cumulative update or the one before it, and ACLable object synchronization at the organization level. " + org + moved + " Remote mailboxes of mailboxes moved before CU10 need the same fix."
	case "2010", "2007":
		return name + " does not support delegated permissions across premises."
	}
	return name + ": delegated permissions across premises need ACLable object synchronization at the organization level. " + org + moved
}
