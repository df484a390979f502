package compiler

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// ImportSplitAt is the number of permissions from which hybridc import
// suggests a directory, and the number of permissions per file in one.
const ImportSplitAt = 1000

// yamlString writes a string as a YAML scalar: plain where that is
// unambiguous, double-quoted with escapes otherwise (control characters,
// quotes, line separators and all).
func yamlString(s string) string {
	if plainScalar(s) && !specialScalar(s) {
		return s
	}
	return strconv.Quote(s)
}

// plainScalar reports whether YAML reads s as the same string without
// quotes in block and flow context alike: a letter or underscore alone, or
// ASCII letters, digits and _ . @ / \ + - (spaces inside), starting with a
// letter, digit or underscore (the expression
// ^[A-Za-z0-9_][A-Za-z0-9 ._@/\\+-]*[A-Za-z0-9_.@/\\+-]$|^[A-Za-z_]$).
func plainScalar(s string) bool {
	n := len(s)
	switch {
	case n == 0:
		return false
	case n == 1:
		return asciiLetter(s[0]) || s[0] == '_'
	case !asciiLetter(s[0]) && !asciiDigit(s[0]) && s[0] != '_':
		return false
	}
	for i := 1; i < n; i++ {
		c := s[i]
		if !asciiLetter(c) && !asciiDigit(c) && !strings.ContainsRune("_.@/\\+-", rune(c)) && (c != ' ' || i == n-1) {
			return false
		}
	}
	return true
}

// specialScalar reports whether a plain scalar is one YAML would read as
// another type, ignoring case: true, false, yes, no, on, off, y, n, null,
// ~, .inf, .nan, or a sign, a digit and then digits, letters a-f, x, o and
// . _ + - (a number in some notation).
func specialScalar(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", ".nan":
		return true
	}
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" || !asciiDigit(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i] | 0x20; !asciiDigit(s[i]) && !strings.ContainsRune("._+-", rune(s[i])) && !('a' <= c && c <= 'f' || c == 'x' || c == 'o') {
			return false
		}
	}
	return true
}

// asciiLetter and asciiDigit test for an ASCII letter and digit.
func asciiLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func asciiDigit(c byte) bool  { return '0' <= c && c <= '9' }

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

func (w *yamlWriter) line(indent int, format string, args ...any) {
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

func (w *yamlWriter) str(indent int, key, v string) {
	if v != "" {
		w.line(indent, "%s: %s", key, yamlString(v))
	}
}

func (w *yamlWriter) boolean(indent int, key string, b *bool) {
	if b != nil {
		w.line(indent, "%s: %t", key, *b)
	}
}

func (w *yamlWriter) list(indent int, key string, items []string) {
	if len(items) == 0 {
		return
	}
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = yamlString(s)
	}
	if text := strings.Join(quoted, ", "); len(text) < 70 {
		w.line(indent, "%s: [%s]", key, text)
		return
	}
	w.line(indent, "%s:", key)
	for _, q := range quoted {
		w.line(indent+1, "- %s", q)
	}
}

// Files lays the configuration out as YAML: one file named name, or with
// split the files of a directory (hybrid.yaml, mailboxes.yaml and
// permissions-NNNN.yaml of ImportSplitAt permissions each). Every file
// starts with the schema modeline (the part files' names the part schema,
// PartSchemaFile) and a comment saying where it came from, which holds
// ImportMarker (see WrittenByImport); hybrid.yaml also lists what was left
// out and what to review.
func (im *Imported) Files(name string, split bool) Files {
	cfg := im.Config
	var main yamlWriter
	im.header(&main)
	main.line(0, "version: 1")
	if op := cfg.OnPremises; op != nil {
		main.WriteString("\n")
		writeOnPremises(&main, op)
	}
	main.WriteString("\n")
	writeExchangeOnline(&main, &cfg.ExchangeOnline)
	var mailboxes yamlWriter
	if len(cfg.Mailboxes) > 0 {
		mailboxes.Grow(128 + 80*len(cfg.Mailboxes))
		mailboxes.line(0, "")
		mailboxes.line(0, "# Mailboxes by primary SMTP address, where they live.")
		mailboxes.line(0, "mailboxes:")
		for _, m := range cfg.Mailboxes {
			mailboxes.strs("  - {name: ", yamlString(string(m.Name)), ", location: ", string(m.Location), "}\n")
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
		return Files{name: joined(main.String(), mailboxes.String(), strings.Join(chunks, ""))}
	}
	files := Files{"hybrid.yaml": []byte(main.String())}
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
	w.line(0, "")
	w.line(0, "# Delegated permissions, by mailbox.")
	w.line(0, "permissions:")
	for _, p := range ps {
		w.strs("  - {access: ", string(p.Access), ", mailbox: ", yamlString(string(p.Mailbox)), ", trustee: ", yamlString(string(p.Trustee)))
		if p.Access == "Folder" {
			w.strs(", folder: ", yamlString(string(p.Folder)), ", folderAccessRights: ", string(p.FolderAccessRights))
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
	w.line(0, "# yaml-language-server: $schema=hybrid.schema.json")
	w.line(0, "# (write the schema beside this file: hybridc schema -o hybrid.schema.json)")
	w.line(0, "#")
	w.line(0, "# Written by hybridc import from the state of:")
	for _, s := range im.Sources {
		w.line(0, "#   %s", comment(s))
	}
	w.line(0, "# Objects keep their real names (the Hybrid Configuration Wizard's too);")
	w.line(0, "# mailboxes are named by primary SMTP address. Sets are additive: declaring")
	w.line(0, "# them changes nothing until you add to them or mark them exclusive.")
	w.line(0, "# Not readable from Exchange, so not declared: onPremises.cumulativeUpdate,")
	w.line(0, "# centralizedMailFlow, entraConnect (but see below), autoMapping of Full Access.")
	if len(im.Skipped) > 0 {
		w.line(0, "#")
		w.line(0, "# Left out (hybridc does not or must not manage them):")
		reasons := make([]string, 0, len(im.Skipped))
		for r := range im.Skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			w.line(0, "#   %6d %s", im.Skipped[r], r)
		}
	}
	if len(im.Review) > 0 {
		w.line(0, "#")
		w.line(0, "# Review before compiling (derived, not read):")
		for _, r := range im.Review {
			w.line(0, "#   - %s", comment(r))
		}
	}
	w.line(0, "#")
	w.line(0, "# Warnings of hybridc validate about this file are findings in the organization")
	w.line(0, "# itself (a relationship without endpoints, ACL sync off, folder permissions")
	w.line(0, "# across premises): the scripts would keep it as it is.")
}

func writeRelationship(w *yamlWriter, indent int, first string, r *config.OrganizationRelationship) {
	w.line(indent, "%sname: %s", first, yamlString(string(r.Name)))
	in := indent + len(first)/2
	w.settings(in, kinds.OrganizationRelationship.Declared(r))
}

// settings writes declared settings by their YAML keys.
func (w *yamlWriter) settings(indent int, sets []kinds.Setting) {
	for _, set := range sets {
		switch v := set.Value.(type) {
		case bool:
			w.boolean(indent, set.Key, &v)
		case []string:
			w.list(indent, set.Key, v)
		default:
			w.str(indent, set.Key, v.(string))
		}
	}
}

func writeRBAC(w *yamlWriter, groups []config.RoleGroup, policies []config.RoleAssignmentPolicy) {
	if len(groups) > 0 {
		w.line(1, "roleGroups:")
		for _, g := range groups {
			w.line(2, "- name: %s", yamlString(string(g.Name)))
			w.list(3, "roles", texts(g.Roles))
			w.list(3, "members", texts(g.Members))
		}
	}
	if len(policies) > 0 {
		w.line(1, "roleAssignmentPolicies:")
		for _, p := range policies {
			w.line(2, "- name: %s", yamlString(string(p.Name)))
			w.list(3, "roles", texts(p.Roles))
			w.list(3, "mailboxes", texts(p.Mailboxes))
		}
	}
}

func writeOnPremises(w *yamlWriter, op *config.OnPremises) {
	w.line(0, "# The on-premises Exchange organization (onprem.ps1).")
	w.line(0, "onPremises:")
	w.str(1, "organization", string(op.Organization))
	w.str(1, "exchangeVersion", string(op.ExchangeVersion))
	w.list(1, "primarySmtpDomains", texts(op.PrimarySmtpDomains))
	w.str(1, "federatedDelegationNamespace", string(op.FederatedDelegationNamespace))
	w.boolean(1, "aclableSyncedObjectEnabled", op.AclableSyncedObjectEnabled)
	if len(op.OrganizationRelationships) > 0 {
		w.line(1, "organizationRelationships:")
		for i := range op.OrganizationRelationships {
			writeRelationship(w, 2, "- ", &op.OrganizationRelationships[i])
		}
	}
	if len(op.AvailabilityAddressSpaces) > 0 {
		w.line(1, "availabilityAddressSpaces:")
		for i := range op.AvailabilityAddressSpaces {
			a := &op.AvailabilityAddressSpaces[i]
			method, serviceAccount := kinds.Access(a)
			w.line(2, "- forestName: %s", yamlString(string(kinds.Forest(a))))
			w.str(3, "accessMethod", string(method))
			w.boolean(3, "useServiceAccount", serviceAccount)
		}
	}
	if sc := op.HybridSendConnector; sc != nil {
		w.line(1, "hybridSendConnector:")
		w.str(2, "name", string(sc.Name))
		w.list(2, "addressSpaces", texts(sc.AddressSpaces))
		if len(sc.SourceServers) > 0 {
			w.line(2, "sourceServers:")
			for _, s := range sc.SourceServers {
				w.line(3, "- name: %s", yamlString(string(s.Name)))
			}
		}
		w.settings(2, kinds.SendConnector.Declared(sc))
	}
	writeRemoteDomains(w, op.RemoteDomains)
	if len(op.GroupDomains) > 0 {
		w.line(1, "groupDomains:")
		for _, g := range op.GroupDomains {
			w.line(2, "- domain: %s", yamlString(string(g.Domain)))
			w.str(3, "domainType", string(g.DomainType))
			w.str(3, "mx", string(g.MX))
		}
	}
	if ec := op.EntraConnect; ec != nil {
		w.line(1, "entraConnect: # review: not read from Exchange")
		w.str(2, "version", string(ec.Version))
		w.boolean(2, "exchangeHybrid", ec.ExchangeHybrid)
		w.boolean(2, "groupWriteback", ec.GroupWriteback)
	}
	writeRBAC(w, op.RoleGroups, op.RoleAssignmentPolicies)
}

func writeExchangeOnline(w *yamlWriter, eo *config.ExchangeOnline) {
	w.line(0, "# The Exchange Online tenant (online.ps1).")
	w.line(0, "exchangeOnline:")
	w.str(1, "tenant", string(eo.Tenant))
	w.str(1, "routingDomain", string(eo.RoutingDomain))
	w.str(1, "serviceRoutingNamespace", string(eo.ServiceRoutingNamespace))
	w.list(1, "primarySmtpDomains", texts(eo.PrimarySmtpDomains))
	writeRemoteDomains(w, eo.RemoteDomains)
	if len(eo.OrganizationRelationships) > 0 {
		w.line(1, "organizationRelationships:")
		for i := range eo.OrganizationRelationships {
			writeRelationship(w, 2, "- ", &eo.OrganizationRelationships[i])
		}
	}
	if len(eo.Partners) > 0 {
		w.line(1, "partners:")
		for _, p := range eo.Partners {
			w.line(2, "- domain: %s", yamlString(string(p.Domain)))
			w.str(3, "tenant", string(p.Tenant))
			w.line(3, "relationship:")
			writeRelationship(w, 4, "", &p.Relationship)
			if p.ReverseRelationship != nil {
				w.line(3, "reverseRelationship: # in the partner's tenant (partner-<domain>.ps1)")
				writeRelationship(w, 4, "", p.ReverseRelationship)
			}
		}
	}
	if len(eo.Groups) > 0 {
		w.line(1, "groups:")
		for _, g := range eo.Groups {
			w.line(2, "- name: %s", yamlString(string(g.Name)))
			w.str(3, "primarySmtpAddress", string(g.PrimarySmtpAddress))
			w.str(3, "alias", string(g.Alias))
			w.str(3, "accessType", string(g.AccessType))
			w.boolean(3, "acceptExternalSenders", g.AcceptExternalSenders)
			w.list(3, "members", texts(g.Members))
			w.list(3, "owners", texts(g.Owners))
			w.list(3, "unsubscribed", texts(g.Unsubscribed))
			w.boolean(3, "echoToOnPremisesMembers", g.EchoToOnPremisesMembers)
		}
	}
	writeRBAC(w, eo.RoleGroups, eo.RoleAssignmentPolicies)
}
