package check

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// permissionRules checks delegated permissions (seed 003): that they name
// declared recipients, are supported by the versions involved, and use
// options that apply.
func (c *checker) permissionRules() {
	declared := c.declaredIndex()
	op := c.cfg.OnPremises
	crossPremises := false
	var sendOnBehalf *config.Permission
	for i := range c.cfg.Permissions {
		p := &c.cfg.Permissions[i]
		named := declared.Permission(i)
		group, mailbox, trustee := named.Group, named.Mailbox, named.Trustee
		switch {
		case mailbox == nil && group == nil:
			c.diags.Errorf(p.ValuePos("mailbox"), diag.CodeUndeclaredRecipient, "%s permission: %s is not a declared mailbox or group%s", p.Access, p.Mailbox, c.suggestRecipient(string(p.Mailbox)))
		case mailbox == nil && p.Access != "SendAs":
			c.diags.Errorf(p.ValuePos("mailbox"), diag.CodeUndeclaredRecipient, "%s permission: %s is a group; only SendAs can be granted on a group", p.Access, p.Mailbox)
		}
		if trustee == nil {
			c.diags.Errorf(p.ValuePos("trustee"), diag.CodeUndeclaredRecipient, "%s permission: trustee %s is not a declared mailbox%s", p.Access, p.Trustee, c.suggestMailbox(string(p.Trustee)))
		}
		if p.AutoMapping != nil && p.Access != "FullAccess" {
			c.diags.Errorf(p.KeyPos("autoMapping"), diag.CodePermissionOption, "autoMapping applies only to FullAccess, not to %s", p.Access)
		}
		if (p.Folder != "" || p.FolderAccessRights != "") && p.Access != "Folder" {
			c.diags.Errorf(p.KeyPos("folder"), diag.CodePermissionOption, "folder and folderAccessRights apply only to Folder permissions, not to %s", p.Access)
		}
		if p.Ensure.IsAbsent() || trustee == nil {
			continue
		}
		if group != nil && mailbox == nil && p.Access == "SendAs" && trustee.Location == "onPremises" {
			c.diags.Errorf(p.ValuePos("trustee"), diag.CodeSendAsGroup,
				"on-premises mailbox %s cannot Send As Microsoft 365 group %s, even with the permission: Send As on a group works only for Exchange Online mailboxes", p.Trustee, p.Mailbox)
		}
		if mailbox == nil {
			continue
		}
		cross := mailbox.Location != trustee.Location
		crossPremises = crossPremises || cross
		switch {
		case cross && p.Access == "FullAccess" && p.AutoMapping != nil && *p.AutoMapping:
			c.diags.Warnf(p.KeyPos("autoMapping"), diag.CodeCrossPremisesFeature,
				"auto-mapping does not work across premises: %s (%s) will not see %s (%s) open automatically in Outlook", p.Trustee, trustee.Location, p.Mailbox, mailbox.Location)
		case cross && p.Access == "Folder":
			c.diags.Warnf(p.Meta.Pos(), diag.CodeCrossPremisesFeature,
				"folder permissions are not supported across premises: %s is %s, %s is %s; move them in the same batch", p.Mailbox, mailbox.Location, p.Trustee, trustee.Location)
		}
		if cross && p.Access == "SendOnBehalf" && sendOnBehalf == nil {
			// Entra Connect synchronizes Send on Behalf delegates only across
			// premises: a grant within one organization needs nothing of it.
			sendOnBehalf = p
		}
	}
	if op == nil || len(c.cfg.Permissions) == 0 {
		return
	}
	c.permissionsVersion(op, crossPremises)
	if sendOnBehalf != nil {
		c.entraConnectSendOnBehalf(op, sendOnBehalf)
	}
}

// permissionsVersion checks what the on-premises version needs.
func (c *checker) permissionsVersion(op *config.OnPremises, crossPremises bool) {
	switch op.ExchangeVersion {
	case "2007", "2010":
		// Refused as a whole by HC0329 (platform); HC0312 is retired.
		return
	case "2013":
		if op.CumulativeUpdate == nil || *op.CumulativeUpdate < 10 {
			c.diags.Warnf(op.KeyPos("exchangeVersion"), diag.CodeExchange2013ACL,
				"Exchange 2013 before CU10 (or with no cumulativeUpdate declared) did not enable ACLs on moved mailboxes: hybridc enables them on every Exchange Online mailbox a permission names")
		}
	}
	if crossPremises && (op.AclableSyncedObjectEnabled == nil || !*op.AclableSyncedObjectEnabled) {
		c.diags.Warnf(op.KeyPos("aclableSyncedObjectEnabled"), diag.CodeACLSyncDisabled,
			"permissions across premises need ACLable object synchronization: set onPremises.aclableSyncedObjectEnabled: true")
	}
}

// entraConnectSendOnBehalf checks Entra Connect for Send on Behalf across
// premises (p is the first such grant). The version and the Exchange
// hybrid option are independent: both are reported in one run.
func (c *checker) entraConnectSendOnBehalf(op *config.OnPremises, p *config.Permission) {
	ec := op.EntraConnect
	if ec == nil {
		c.diags.Errorf(p.ValuePos("access"), diag.CodeEntraSendOnBehalf,
			"Send on Behalf across premises needs Entra Connect 1.1.553.0 or later with the Exchange hybrid option: declare onPremises.entraConnect")
		return
	}
	if !versionAtLeast(string(ec.Version), minEntraConnect) {
		c.diags.Errorf(ec.ValuePos("version"), diag.CodeEntraSendOnBehalf,
			"Send on Behalf across premises needs Entra Connect 1.1.553.0 or later, not %s", ec.Version)
	}
	if ec.ExchangeHybrid == nil || !*ec.ExchangeHybrid {
		c.diags.Errorf(ec.KeyPos("exchangeHybrid"), diag.CodeEntraSendOnBehalf,
			"Send on Behalf across premises needs the Exchange hybrid option of Entra Connect: enable it in the wizard and set exchangeHybrid: true")
	}
}

func versionAtLeast(s string, min []int) bool {
	v, ok := pstext.DottedVersion(strings.TrimSpace(s))
	return ok && !pstext.VersionLess(v, min)
}

// policyMailboxes checks that each side's role assignment policies name
// declared mailboxes of that side: RBAC is not transferred (seed 003).
func (c *checker) policyMailboxes() {
	declared := c.declaredIndex()
	check := func(policies []config.RoleAssignmentPolicy, side config.Location) {
		for i := range policies {
			p := &policies[i]
			for j, id := range p.Mailboxes {
				m := declared.Mailbox(id)
				switch {
				case m == nil:
					c.diags.Errorf(p.ItemPos("mailboxes", j), diag.CodeUndeclaredRecipient, "role assignment policy %q: %s is not a declared mailbox%s", p.Name, id, c.suggestMailbox(string(id)))
				case m.Location != side:
					c.diags.Errorf(p.ItemPos("mailboxes", j), diag.CodePolicyMailboxSide,
						"role assignment policy %q is declared under %s, but mailbox %s lives in %s: RBAC is not transferred; assign a policy of that organization", p.Name, side, id, m.Location)
				}
			}
		}
	}
	if op := c.cfg.OnPremises; op != nil {
		check(op.RoleAssignmentPolicies, "onPremises")
	}
	check(c.cfg.ExchangeOnline.RoleAssignmentPolicies, "exchangeOnline")
}

// uniqueRecipients reports a mailbox or group declared twice. The
// declared index holds the first mailbox of each name.
func (c *checker) uniqueRecipients() {
	declared := c.declaredIndex()
	for i := range c.cfg.Mailboxes {
		m := &c.cfg.Mailboxes[i]
		if first := declared.Mailboxes[model.Fold(m.Name)]; first != m {
			c.declaredTwice(first.ValuePos("name"), m.ValuePos("name"), "mailbox "+string(m.Name))
		}
	}
	seen := map[string]config.Position{}
	for i := range c.cfg.ExchangeOnline.Groups {
		g := &c.cfg.ExchangeOnline.Groups[i]
		if m := declared.Mailboxes[model.Fold(g.Name)]; m != nil {
			c.declaredTwice(m.ValuePos("name"), g.ValuePos("name"), "group "+string(g.Name))
			continue
		}
		c.once(seen, model.Fold(g.Name), g.ValuePos("name"), "group "+string(g.Name))
	}
}

func (c *checker) once(seen map[string]config.Position, key string, pos config.Position, what string) {
	if prev, dup := seen[key]; dup {
		c.declaredTwice(prev, pos, what)
		return
	}
	seen[key] = pos
}

// declaredTwice reports what, at pos, as declared first at prev.
func (c *checker) declaredTwice(prev, pos config.Position, what string) {
	c.diags.Errorf(pos, diag.CodeDuplicateName, "%s is declared twice", what)
	c.diags.Relate(prev, "first declared here")
}
