package importer

import (
	"fmt"
	"sort"

	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
	"github.com/hybridc/hybridc/compiler/render"
)

// ImportSplitAt is the number of permissions from which hybridc import
// suggests a directory, and the number of permissions per file in one.
const ImportSplitAt = 1000

// comment makes text safe as a YAML comment line: control characters and
// line separators become spaces.
func comment(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// yamlWriter builds YAML text.
type yamlWriter struct{ strings.Builder }

func (w *yamlWriter) Line(indent int, format string, args ...any) {
	w.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(w, format, args...)
	w.WriteByte('\n')
}

// strs writes strings as they are: the lines written for each mailbox and
// permission, without formatting.
func (w *yamlWriter) strs(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

func (w *yamlWriter) Str(indent int, key, v string) {
	if v != "" {
		w.Line(indent, "%s: %s", key, pstext.YAMLString(v))
	}
}

func (w *yamlWriter) Boolean(indent int, key string, b *bool) {
	if b != nil {
		w.Line(indent, "%s: %t", key, *b)
	}
}

func (w *yamlWriter) List(indent int, key string, items []string) {
	if len(items) == 0 {
		return
	}
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = pstext.YAMLString(s)
	}
	if text := strings.Join(quoted, ", "); len(text) < 70 {
		w.Line(indent, "%s: [%s]", key, text)
		return
	}
	w.Line(indent, "%s:", key)
	for _, q := range quoted {
		w.Line(indent+1, "- %s", q)
	}
}

// Files lays the configuration out as YAML: one file named name, or with
// split the files of a directory (hybrid.yaml, mailboxes.yaml and
// permissions-NNNN.yaml of ImportSplitAt permissions each). Every file
// starts with the schema modeline (the part files' names the part schema,
// PartSchemaFile) and a comment saying where it came from, which holds
// ImportMarker (see WrittenByImport); hybrid.yaml also lists what was left
// out and what to review.
func (im *Imported) Files(name string, split bool) render.Files {
	cfg := im.Config
	var main yamlWriter
	im.header(&main)
	main.Line(0, "version: 1")
	if op := cfg.OnPremises; op != nil {
		main.WriteString("\n")
		writeOnPremises(&main, op)
	}
	main.WriteString("\n")
	writeExchangeOnline(&main, &cfg.ExchangeOnline)
	var mailboxes yamlWriter
	if len(cfg.Mailboxes) > 0 {
		mailboxes.Grow(128 + 80*len(cfg.Mailboxes))
		mailboxes.Line(0, "")
		mailboxes.Line(0, "# Mailboxes by primary SMTP address, where they live.")
		mailboxes.Line(0, "mailboxes:")
		for _, m := range cfg.Mailboxes {
			mailboxes.strs("  - {name: ", pstext.YAMLString(string(m.Name)), ", location: ", string(m.Location), "}\n")
		}
	}
	var chunks []string
	per := ImportSplitAt
	if !split {
		per = max(1, len(cfg.Permissions)) // one permissions key in one file
	}
	for start := 0; start < len(cfg.Permissions); start += per {
		chunks = append(chunks, permissionsYAML(cfg.Permissions[start:min(start+per, len(cfg.Permissions))]))
	}
	if !split {
		return render.Files{name: joined(main.String(), mailboxes.String(), strings.Join(chunks, ""))}
	}
	files := render.Files{"hybrid.yaml": []byte(main.String())}
	part := func(body, what string) []byte {
		return joined("# yaml-language-server: $schema="+PartSchemaFile+"\n"+
			"# (write the schema beside this file: hybridc schema --part -o "+PartSchemaFile+")\n"+
			"#\n# ", what, ", "+ImportMarker+"; merged with hybrid.yaml: not a configuration\n"+
			"# by itself. hybridc validate DIR checks the directory as one.\n", body)
	}
	if mailboxes.Len() > 0 {
		files["mailboxes.yaml"] = part(mailboxes.String(), "Mailboxes")
	}
	for i, c := range chunks {
		files[fmt.Sprintf("permissions-%04d.yaml", i+1)] = part(c, fmt.Sprintf("Permissions, part %d of %d", i+1, len(chunks)))
	}
	return files
}

// permissionsYAML is a permissions key with the permissions given, one a
// line.
func permissionsYAML(ps []config.Permission) string {
	var w yamlWriter
	w.Grow(64 + 96*len(ps)) // a line is 70 to 90 bytes: rarely grown, never by copying it all
	w.Line(0, "")
	w.Line(0, "# Delegated permissions, by mailbox.")
	w.Line(0, "permissions:")
	for _, p := range ps {
		w.strs("  - {access: ", string(p.Access), ", mailbox: ", pstext.YAMLString(string(p.Mailbox)), ", trustee: ", pstext.YAMLString(string(p.Trustee)))
		if p.Access == "Folder" {
			w.strs(", folder: ", pstext.YAMLString(string(p.Folder)), ", folderAccessRights: ", string(p.FolderAccessRights))
		}
		w.WriteString("}\n")
	}
	return w.String()
}

// joined is the texts one after the other, copied once.
func joined(texts ...string) []byte {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	out := make([]byte, 0, n)
	for _, t := range texts {
		out = append(out, t...)
	}
	return out
}

// header writes the modeline and what import did.
func (im *Imported) header(w *yamlWriter) {
	w.Line(0, "# yaml-language-server: $schema=hybrid.schema.json")
	w.Line(0, "# (write the schema beside this file: hybridc schema -o hybrid.schema.json)")
	w.Line(0, "#")
	w.Line(0, "# Written by hybridc import from the state of:")
	for _, s := range im.Sources {
		w.Line(0, "#   %s", comment(s))
	}
	w.Line(0, "# Objects keep their real names (the Hybrid Configuration Wizard's too);")
	w.Line(0, "# mailboxes are named by primary SMTP address. Sets are additive: declaring")
	w.Line(0, "# them changes nothing until you add to them or mark them exclusive.")
	w.Line(0, "# Not readable from Exchange, so not declared: onPremises.cumulativeUpdate,")
	w.Line(0, "# centralizedMailFlow, entraConnect (but see below), autoMapping of Full Access.")
	if len(im.Skipped) > 0 {
		w.Line(0, "#")
		w.Line(0, "# Left out (hybridc does not or must not manage them):")
		reasons := make([]string, 0, len(im.Skipped))
		for r := range im.Skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			w.Line(0, "#   %6d %s", im.Skipped[r], r)
		}
	}
	if len(im.Review) > 0 {
		w.Line(0, "#")
		w.Line(0, "# Review before compiling (derived, not read):")
		for _, r := range im.Review {
			w.Line(0, "#   - %s", comment(r))
		}
	}
	w.Line(0, "#")
	w.Line(0, "# Warnings of hybridc validate about this file are findings in the organization")
	w.Line(0, "# itself (a relationship without endpoints, ACL sync off, folder permissions")
	w.Line(0, "# across premises): the scripts would keep it as it is.")
}

func writeRelationship(w *yamlWriter, indent int, first string, r *config.OrganizationRelationship) {
	w.Line(indent, "%sname: %s", first, pstext.YAMLString(string(r.Name)))
	in := indent + len(first)/2
	w.settings(in, kinds.OrganizationRelationship.Declared(r))
}

// settings writes declared settings by their YAML keys.
func (w *yamlWriter) settings(indent int, sets []kinds.Setting) {
	for _, set := range sets {
		switch v := set.Value.(type) {
		case bool:
			w.Boolean(indent, set.Key, &v)
		case []string:
			w.List(indent, set.Key, v)
		default:
			w.Str(indent, set.Key, v.(string))
		}
	}
}

func writeRBAC(w *yamlWriter, groups []config.RoleGroup, policies []config.RoleAssignmentPolicy) {
	if len(groups) > 0 {
		w.Line(1, "roleGroups:")
		for _, g := range groups {
			w.Line(2, "- name: %s", pstext.YAMLString(string(g.Name)))
			w.List(3, "roles", model.Texts(g.Roles))
			w.List(3, "members", model.Texts(g.Members))
		}
	}
	if len(policies) > 0 {
		w.Line(1, "roleAssignmentPolicies:")
		for _, p := range policies {
			w.Line(2, "- name: %s", pstext.YAMLString(string(p.Name)))
			w.List(3, "roles", model.Texts(p.Roles))
			w.List(3, "mailboxes", model.Texts(p.Mailboxes))
		}
	}
}

func writeOnPremises(w *yamlWriter, op *config.OnPremises) {
	w.Line(0, "# The on-premises Exchange organization (onprem.ps1).")
	w.Line(0, "onPremises:")
	w.Str(1, "organization", string(op.Organization))
	w.Str(1, "exchangeVersion", string(op.ExchangeVersion))
	w.List(1, "primarySmtpDomains", model.Texts(op.PrimarySmtpDomains))
	w.Str(1, "federatedDelegationNamespace", string(op.FederatedDelegationNamespace))
	writeFederation(w, op.Federation)
	w.Boolean(1, "aclableSyncedObjectEnabled", op.AclableSyncedObjectEnabled)
	if len(op.OrganizationRelationships) > 0 {
		w.Line(1, "organizationRelationships:")
		for i := range op.OrganizationRelationships {
			writeRelationship(w, 2, "- ", &op.OrganizationRelationships[i])
		}
	}
	if len(op.AvailabilityAddressSpaces) > 0 {
		w.Line(1, "availabilityAddressSpaces:")
		for i := range op.AvailabilityAddressSpaces {
			a := &op.AvailabilityAddressSpaces[i]
			method, serviceAccount := kinds.Access(a)
			w.Line(2, "- forestName: %s", pstext.YAMLString(string(kinds.Forest(a))))
			w.Str(3, "accessMethod", string(method))
			w.Boolean(3, "useServiceAccount", serviceAccount)
		}
	}
	if sc := op.HybridSendConnector; sc != nil {
		w.Line(1, "hybridSendConnector:")
		w.Str(2, "name", string(sc.Name))
		w.List(2, "addressSpaces", model.Texts(sc.AddressSpaces))
		if len(sc.SourceServers) > 0 {
			w.Line(2, "sourceServers:")
			for _, s := range sc.SourceServers {
				w.Line(3, "- name: %s", pstext.YAMLString(string(s.Name)))
			}
		}
		w.settings(2, kinds.SendConnector.Declared(sc))
	}
	writeRemoteDomains(w, op.RemoteDomains)
	writeReceiveConnectors(w, op.ReceiveConnectors)
	writeAddressPolicies(w, op)
	writeMRSProxies(w, op.MRSProxy)
	writeIntraOrganizationConnectors(w, op.IntraOrganizationConnectors)
	writeOAuth(w, op.OAuth)
	writeAuthCertificate(w, op.AuthCertificate)
	if len(op.GroupDomains) > 0 {
		w.Line(1, "groupDomains:")
		for _, g := range op.GroupDomains {
			w.Line(2, "- domain: %s", pstext.YAMLString(string(g.Domain)))
			w.Str(3, "domainType", string(g.DomainType))
			w.Str(3, "mx", string(g.MX))
		}
	}
	if ec := op.EntraConnect; ec != nil {
		w.Line(1, "entraConnect: # review: not read from Exchange")
		w.Str(2, "version", string(ec.Version))
		w.Boolean(2, "exchangeHybrid", ec.ExchangeHybrid)
		w.Boolean(2, "groupWriteback", ec.GroupWriteback)
	}
	writeRBAC(w, op.RoleGroups, op.RoleAssignmentPolicies)
}

func writeExchangeOnline(w *yamlWriter, eo *config.ExchangeOnline) {
	w.Line(0, "# The Exchange Online tenant (online.ps1).")
	w.Line(0, "exchangeOnline:")
	w.Str(1, "tenant", string(eo.Tenant))
	w.Str(1, "routingDomain", string(eo.RoutingDomain))
	w.Str(1, "serviceRoutingNamespace", string(eo.ServiceRoutingNamespace))
	w.List(1, "primarySmtpDomains", model.Texts(eo.PrimarySmtpDomains))
	writeRemoteDomains(w, eo.RemoteDomains)
	writeOnlineConnectors(w, eo.InboundConnectors, eo.OutboundConnectors)
	writeOnPremisesOrganization(w, eo.OnPremisesOrganization)
	writeMigrationEndpoints(w, eo.MigrationEndpoints)
	writeIntraOrganizationConnectors(w, eo.IntraOrganizationConnectors)
	if len(eo.OrganizationRelationships) > 0 {
		w.Line(1, "organizationRelationships:")
		for i := range eo.OrganizationRelationships {
			writeRelationship(w, 2, "- ", &eo.OrganizationRelationships[i])
		}
	}
	if len(eo.Partners) > 0 {
		w.Line(1, "partners:")
		for _, p := range eo.Partners {
			w.Line(2, "- domain: %s", pstext.YAMLString(string(p.Domain)))
			w.Str(3, "tenant", string(p.Tenant))
			w.Line(3, "relationship:")
			writeRelationship(w, 4, "", &p.Relationship)
			if p.ReverseRelationship != nil {
				w.Line(3, "reverseRelationship: # in the partner's tenant (partner-<domain>.ps1)")
				writeRelationship(w, 4, "", p.ReverseRelationship)
			}
			if p.CloudMailboxesOnly != nil {
				w.Line(3, "cloudMailboxesOnly: %t # the relationships reach only our cloud mailboxes (HC0365)", *p.CloudMailboxesOnly)
			}
		}
	}
	if len(eo.Groups) > 0 {
		w.Line(1, "groups:")
		for _, g := range eo.Groups {
			w.Line(2, "- name: %s", pstext.YAMLString(string(g.Name)))
			w.Str(3, "primarySmtpAddress", string(g.PrimarySmtpAddress))
			w.Str(3, "alias", string(g.Alias))
			w.Str(3, "accessType", string(g.AccessType))
			w.Boolean(3, "acceptExternalSenders", g.AcceptExternalSenders)
			w.List(3, "members", model.Texts(g.Members))
			w.List(3, "owners", model.Texts(g.Owners))
			w.List(3, "unsubscribed", model.Texts(g.Unsubscribed))
			w.Boolean(3, "echoToOnPremisesMembers", g.EchoToOnPremisesMembers)
		}
	}
	writeRBAC(w, eo.RoleGroups, eo.RoleAssignmentPolicies)
}

// writeItems writes a list of declarations under key (indent 1): each
// item's first key (name or identity) with its value, then its declared
// settings. Nothing when the list is empty.
func writeItems[T any](w *yamlWriter, key, first string, list []T, value func(*T) string, declared func(*T) []kinds.Setting) {
	if len(list) == 0 {
		return
	}
	w.Line(1, "%s:", key)
	for i := range list {
		w.Line(2, "- %s: %s", first, pstext.YAMLString(value(&list[i])))
		w.settings(3, declared(&list[i]))
	}
}
