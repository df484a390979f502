package compiler

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// runbookPermissions is section 2's part on delegated mailbox permissions.
type runbookPermissions struct {
	// OnPremises is false for permissions of a tenant without on-premises
	// organization: nothing crosses premises.
	OnPremises    bool
	EntraNote     string
	ExchangeNote  string
	CrossPremises string
	PrivateItems  []runbookDelegate
	Batches       *codeBlock
}

// runbookDelegate is a row of the private items table.
type runbookDelegate struct{ Mailbox, Delegate string }

// permissions is the part on delegated mailbox permissions, when the YAML
// declares any.
func (rb *runbookBuilder) permissions() *runbookPermissions {
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
			p.EntraNote = "The YAML declares version " + mdCode(string(ec.Version))
			if v, ok := dottedVersion(string(ec.Version)); ok && versionLess(v, []int{1, 1, 553, 0}) {
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
		p.Batches = newCodeBlock("sh", "hybridc batches "+rb.source)
	}
	var cross []string
	for _, perm := range cfg.Permissions {
		if perm.Ensure.IsAbsent() {
			continue
		}
		mailbox, trustee := rb.dir.mailbox(perm.Mailbox), rb.dir.mailbox(perm.Trustee)
		acrossPremises := mailbox != nil && trustee != nil && mailbox.Location != trustee.Location
		switch perm.Access {
		case "FullAccess":
			if trustee == nil || trustee.ServiceAccount == nil || !*trustee.ServiceAccount {
				p.PrivateItems = append(p.PrivateItems, runbookDelegate{Mailbox: mdCell(string(perm.Mailbox)), Delegate: mdCell(string(perm.Trustee))})
			}
			if acrossPremises && perm.AutoMapping != nil && *perm.AutoMapping {
				cross = append(cross, "auto-mapping of "+mdCode(string(perm.Mailbox))+" for "+mdCode(string(perm.Trustee)))
			}
		case "Folder":
			if acrossPremises {
				cross = append(cross, "the folder permission of "+mdCode(string(perm.Trustee))+" on "+mdCode(string(perm.Mailbox)))
			}
		}
	}
	p.CrossPremises = strings.Join(cross, ", ")
	return p
}

// aclNote is what the declared Exchange version needs for permissions
// across premises (seed 003's version matrix).
func aclNote(op *config.OnPremises) string {
	name := mdText(exchangeName(op))
	org := "The YAML does not declare " + mdCode("aclableSyncedObjectEnabled: true") + ": enable it (" + mdCode("Set-OrganizationConfig -ACLableSyncedObjectEnabled $true") + ") or declare it."
	if op.AclableSyncedObjectEnabled != nil && *op.AclableSyncedObjectEnabled {
		org = mdCode("onprem.ps1") + " enables it (" + mdCode("organizationConfig") + ")."
	}
	moved := " Mailboxes moved to Exchange Online before it was enabled need ACLs enabled one by one: declare them with " + mdCode("movedBeforeAclSync: true") + " and " + mdCode("onprem.ps1") + " runs " + mdCode("Set-RemoteMailbox -ACLableSyncedObjectEnabled") + " on them."
	switch op.ExchangeVersion {
	case "2013":
		return name + ": Exchange 2013 needs the latest cumulative update or the one before it, and ACLable object synchronization at the organization level. " + org + moved + " Remote mailboxes of mailboxes moved before CU10 need the same fix."
	case "2010", "2007":
		return name + " does not support delegated permissions across premises."
	}
	return name + ": delegated permissions across premises need ACLable object synchronization at the organization level. " + org + moved
}
