package importer

import (
	checkpkg "github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/diag"
	loadpkg "github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/render"
)

// ValidFast reports whether the configuration im would write passes
// validate without errors, decided without parsing and validating its
// long lists whole: true means ValidateImported of Files(name, false)
// would return no error; false means "not decided here" (an error, or a
// value the shortcut does not cover), and the caller runs
// ValidateImportedWith on the whole text, for the errors and their
// positions.
//
// The schema, validate's own value rules (invisible characters, case-folded
// duplicates, YAML scalars) and the decoding look at each item of the
// mailboxes and permissions lists by itself, and at each of its values by
// the value alone (TestValidFastSchemaShape keeps that so): an item is
// valid when its values are, each under its field's schema definition,
// and its shape (access, role, location) is. So the text validated is the
// configuration with every mailbox and, of the permissions, only those
// that bring a value or shape no earlier item had; every item decoded
// back must equal the one written (the YAML round trip). The rules
// (check), which compare items with each other, then run on the whole
// lists, taken from im instead of from the text.
func (im *Imported) ValidFast(opt render.Options) bool {
	cfg := im.Config
	if !renderedOnly(cfg) {
		return false
	}
	part := *cfg
	part.Permissions = representatives(cfg.Mailboxes, cfg.Permissions)
	sample := &Imported{Config: &part, Skipped: im.Skipped, Review: im.Review, Sources: im.Sources}
	text := sample.Files("hybrid.yaml", false)["hybrid.yaml"]
	doc, diags := loadpkg.LoadWith(loadpkg.Source{Name: ImportedName, Data: text}, opt.Progress)
	if doc == nil || diags.HasErrors() || loadpkg.ValidateWith(doc, opt.Progress).HasErrors() {
		return false
	}
	diag.Stage(opt.Progress, "decoding", 0, "")
	decoded, diags := loadpkg.Decode(doc)
	if decoded == nil || diags.HasErrors() || !sameMailboxes(decoded.Mailboxes, part.Mailboxes) ||
		!samePermissions(decoded.Permissions, part.Permissions) {
		return false
	}
	decoded.Mailboxes, decoded.Permissions = cfg.Mailboxes, cfg.Permissions
	diags, _ = checkpkg.CheckWith(decoded, opt.Progress)
	return !diags.HasErrors()
}

// renderedOnly reports whether the mailboxes and permissions hold only
// the fields Files writes of them (a name and a location; an access, a
// mailbox, a trustee, and a folder and role for Folder), so that what is
// checked of them is what the file says.
func renderedOnly(cfg *config.Config) bool {
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		if m.MovedBeforeAclSync != nil || m.ServiceAccount != nil || m.RemoteRoutingAddress != "" {
			return false
		}
	}
	for i := range cfg.Permissions {
		p := &cfg.Permissions[i]
		if p.Ensure != "" || p.AutoMapping != nil || (p.Access != folderAccess && (p.Folder != "" || p.FolderAccessRights != "")) {
			return false
		}
	}
	return true
}

// folderAccess is the access of a folder permission, the one whose items
// have a folder and a role.
const folderAccess config.AccessRight = "Folder"

// representatives is, of ps in order, each permission that brings an
// identity (a mailbox or trustee: the schema's Identity, as the mailboxes'
// names are), a folder name or a shape (access and role) that neither an
// earlier permission nor a mailbox's name has.
func representatives(mailboxes []config.Mailbox, ps []config.Permission) []config.Permission {
	type shape struct {
		access config.AccessRight
		role   config.FolderAccessRight
	}
	identities := make(map[config.Identity]bool, len(mailboxes))
	for _, m := range mailboxes {
		identities[m.Name] = true
	}
	folders := map[config.FolderName]bool{}
	shapes := map[shape]bool{}
	var out []config.Permission
	for _, p := range ps {
		s := shape{p.Access, p.FolderAccessRights}
		isFolder := p.Access == folderAccess
		if identities[p.Mailbox] && identities[p.Trustee] && shapes[s] && (!isFolder || folders[p.Folder]) {
			continue
		}
		identities[p.Mailbox], identities[p.Trustee], shapes[s] = true, true, true
		if isFolder {
			folders[p.Folder] = true
		}
		out = append(out, p)
	}
	return out
}

// sameMailboxes reports whether decoded mailboxes hold the written ones'
// values.
func sameMailboxes(decoded, written []config.Mailbox) bool {
	if len(decoded) != len(written) {
		return false
	}
	for i := range decoded {
		d, w := &decoded[i], &written[i]
		if d.Name != w.Name || d.Location != w.Location || d.MovedBeforeAclSync != nil || d.ServiceAccount != nil || d.RemoteRoutingAddress != "" {
			return false
		}
	}
	return true
}

// samePermissions reports whether decoded permissions hold the written
// ones' values.
func samePermissions(decoded, written []config.Permission) bool {
	if len(decoded) != len(written) {
		return false
	}
	for i := range decoded {
		d, w := &decoded[i], &written[i]
		if d.Access != w.Access || d.Mailbox != w.Mailbox || d.Trustee != w.Trustee || d.Folder != w.Folder ||
			d.FolderAccessRights != w.FolderAccessRights || d.Ensure != "" || d.AutoMapping != nil {
			return false
		}
	}
	return true
}
