package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/exchange"
	"github.com/hybridc/hybridc/golden/pscheck"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// engineIdentityForms are the identity forms the engine passes to each
// identity-like parameter it uses (templates/engine-*.ps1.tmpl): the
// directory record's Guid, distinguished name or primary SMTP address, an
// object's own Guid (Get-HybridcKey), a role group's or policy's name, a
// folder as mailbox:\folder.
var engineIdentityForms = []struct {
	cmdlet, param, form string
}{
	{"Get-MailboxPermission", "Identity", exchange.FormGUID},
	{"Get-MailboxPermission", "User", exchange.FormGUID},
	{"Add-MailboxPermission", "Identity", exchange.FormGUID},
	{"Add-MailboxPermission", "User", exchange.FormGUID},
	{"Remove-MailboxPermission", "Identity", exchange.FormGUID},
	{"Remove-MailboxPermission", "User", exchange.FormGUID},
	{"Get-ADPermission", "Identity", exchange.FormDistinguishedName},
	{"Get-ADPermission", "User", exchange.FormDistinguishedName},
	{"Add-ADPermission", "Identity", exchange.FormDistinguishedName},
	{"Add-ADPermission", "User", exchange.FormDistinguishedName},
	{"Remove-ADPermission", "Identity", exchange.FormDistinguishedName},
	{"Remove-ADPermission", "User", exchange.FormDistinguishedName},
	{"Get-RecipientPermission", "Identity", exchange.FormGUID},
	{"Get-RecipientPermission", "Trustee", exchange.FormGUID},
	{"Add-RecipientPermission", "Identity", exchange.FormGUID},
	{"Add-RecipientPermission", "Trustee", exchange.FormGUID},
	{"Remove-RecipientPermission", "Identity", exchange.FormGUID},
	{"Remove-RecipientPermission", "Trustee", exchange.FormGUID},
	{"Get-MailboxFolderStatistics", "Identity", exchange.FormEmailAddress},
	{"Get-MailboxFolderPermission", "Identity", exchange.FormMailboxFolder},
	{"Get-MailboxFolderPermission", "User", exchange.FormEmailAddress},
	{"Add-MailboxFolderPermission", "Identity", exchange.FormMailboxFolder},
	{"Add-MailboxFolderPermission", "User", exchange.FormEmailAddress},
	{"Set-MailboxFolderPermission", "Identity", exchange.FormMailboxFolder},
	{"Set-MailboxFolderPermission", "User", exchange.FormEmailAddress},
	{"Remove-MailboxFolderPermission", "Identity", exchange.FormMailboxFolder},
	{"Remove-MailboxFolderPermission", "User", exchange.FormEmailAddress},
	{"Set-Mailbox", "Identity", exchange.FormGUID},
	{"Set-RemoteMailbox", "Identity", exchange.FormGUID},
	{"Update-Recipient", "Identity", exchange.FormGUID},
	{"Get-MailUser", "Identity", exchange.FormGUID},
	{"Get-UnifiedGroup", "Identity", exchange.FormGUID},
	// Reads sized to what is declared: a declared name as written, in a
	// form every directory read takes (model.DirectoryNames).
	{"Get-Recipient", "Identity", exchange.FormName},
	{"Get-User", "Identity", exchange.FormName},
	{"Get-Group", "Identity", exchange.FormName},
	{"Get-Mailbox", "Identity", exchange.FormName},
	{"Set-UnifiedGroup", "Identity", exchange.FormGUID},
	{"Get-UnifiedGroupLinks", "Identity", exchange.FormGUID},
	{"Add-UnifiedGroupLinks", "Identity", exchange.FormGUID},
	{"Add-UnifiedGroupLinks", "Links", exchange.FormGUID},
	{"Remove-UnifiedGroupLinks", "Identity", exchange.FormGUID},
	{"Remove-UnifiedGroupLinks", "Links", exchange.FormGUID},
	{"Get-RoleGroupMember", "Identity", exchange.FormName},
	{"Add-RoleGroupMember", "Identity", exchange.FormName},
	{"Add-RoleGroupMember", "Member", exchange.FormGUID},
	{"Remove-RoleGroupMember", "Identity", exchange.FormName},
	{"Remove-RoleGroupMember", "Member", exchange.FormGUID},
	{"Remove-RoleGroup", "Identity", exchange.FormName},
	{"Get-ManagementRoleAssignment", "RoleAssignee", exchange.FormName},
	{"New-ManagementRoleAssignment", "SecurityGroup", exchange.FormName},
	{"New-ManagementRoleAssignment", "Policy", exchange.FormName},
	{"Remove-ManagementRoleAssignment", "Identity", exchange.FormName},
	{"Remove-RoleAssignmentPolicy", "Identity", exchange.FormName},
	{"Set-OrganizationRelationship", "Identity", exchange.FormGUID},
	{"Remove-OrganizationRelationship", "Identity", exchange.FormGUID},
	{"Set-AcceptedDomain", "Identity", exchange.FormGUID},
	{"Set-SendConnector", "Identity", exchange.FormGUID},
	{"Remove-AvailabilityAddressSpace", "Identity", exchange.FormGUID},
}

// TestEngineIdentityForms checks each identity form the engine passes
// against the behaviour table: the form is one Microsoft documents for that
// parameter. A form the table does not list fails the test, so that every
// call's identity has a documented reason.
func TestEngineIdentityForms(t *testing.T) {
	for _, tt := range engineIdentityForms {
		t.Run(tt.cmdlet+" -"+tt.param, func(t *testing.T) {
			p, ok := exchange.Identity(tt.cmdlet, tt.param)
			if !ok {
				t.Fatalf("the behaviour table does not describe %s -%s", tt.cmdlet, tt.param)
			}
			if !exchange.Accepts(tt.cmdlet, tt.param, tt.form) {
				t.Errorf("%s -%s: the engine passes a %s, which the table does not list (%v)", tt.cmdlet, tt.param, tt.form, p.Forms)
			}
		})
	}
}

// identityParams are the parameters that name an object.
var identityParams = map[string]bool{
	"Identity": true, "User": true, "Trustee": true, "Member": true, "Links": true,
	"RoleAssignee": true, "SecurityGroup": true, "Policy": true,
}

// TestEngineIdentityFormsComplete parses the scripts of a configuration
// that declares every kind and checks that every identity-like parameter an
// Exchange cmdlet is called with is in engineIdentityForms, so that a new
// call cannot skip the behaviour table.
func TestEngineIdentityFormsComplete(t *testing.T) {
	pscheck.Require(t)
	data, err := os.ReadFile(filepath.Join("testdata", "every-field.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compile(load.Source{Name: "every-field.yaml", Data: data}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("%v %s", err, res.Diagnostics)
	}
	known := map[string]bool{}
	for _, f := range engineIdentityForms {
		known[f.cmdlet+" -"+f.param] = true
	}
	for _, name := range []string{"onprem.ps1", "online.ps1"} {
		cmds, err := pscheck.Commands(res.Files[name])
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cmds {
			if !pscheck.StateChanging(c.Name) && !strings.HasPrefix(c.Name, "Get-") {
				continue
			}
			for _, p := range c.Params {
				if identityParams[p.Name] && !known[c.Name+" -"+p.Name] && !strings.HasPrefix(p.Value, "'") {
					t.Errorf("%s:%d: %s -%s: add the form the engine passes to engineIdentityForms", name, c.Line, c.Name, p.Name)
				}
			}
		}
	}
}
