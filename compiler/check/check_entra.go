package check

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// entraConnectForest checks what entra-connect.ps1 needs to refuse a server
// that does not synchronize the forest, and that the DNs it uses lie in that
// forest. Without a declared forest it is taken from the DNs (entraForest),
// with a warning: configurations written before forest existed keep
// compiling.
func (c *checker) entraConnectForest() {
	op := c.cfg.OnPremises
	if op == nil || op.EntraConnect == nil {
		return
	}
	ec := op.EntraConnect
	if pstext.IsTrue(ec.GroupWriteback) && ec.ConnectorAccountDN != "" && ec.WritebackOU == "" {
		c.diags.Warnf(ec.KeyPos("connectorAccountDN"), diag.CodeWritebackScope,
			"entraConnect declares no writebackOU: entra-connect.ps1 grants the connector account the group writeback permissions at the root of every domain of the forest; declare the OU groups are written back to (writebackOU) to grant them there only")
	}
	if why := broadWritebackOU(string(ec.WritebackOU)); pstext.IsTrue(ec.GroupWriteback) && why != "" {
		c.diags.Warnf(ec.ValuePos("writebackOU"), diag.CodeWritebackScope,
			"writebackOU %s %s: entra-connect.ps1 grants the connector account the group writeback permissions there, over objects that are not written-back groups; declare an OU of its own for the groups (such as OU=Groups,%s)", ec.WritebackOU, why, dnRoot(string(ec.WritebackOU)))
	}
	if ec.Forest == "" {
		if !pstext.IsTrue(ec.GroupWriteback) || ec.ConnectorAccountDN == "" {
			return
		}
		forest := model.DerivedForest(ec)
		if forest == "" {
			c.diags.Errorf(ec.Pos(), diag.CodeEntraConnectForest,
				"entraConnect has groupWriteback and connectorAccountDN, so hybridc writes entra-connect.ps1, which checks that Entra Connect synchronizes the Active Directory forest before granting anything; the DC= components of connectorAccountDN and writebackOU name no common domain to take it from: declare forest (the forest root domain, such as contoso.com)")
			return
		}
		c.diags.Warnf(ec.Pos(), diag.CodeEntraConnectForest,
			"entraConnect declares no forest: hybridc takes %s from the DC= components of connectorAccountDN%s, and entra-connect.ps1 checks that Entra Connect synchronizes the forest of that domain; declare forest (the forest root domain) to say it yourself",
			forest, map[bool]string{true: " and writebackOU", false: ""}[ec.WritebackOU != ""])
		return
	}
	for _, f := range []struct {
		name string
		dn   config.DistinguishedName
	}{{"connectorAccountDN", ec.ConnectorAccountDN}, {"writebackOU", ec.WritebackOU}} {
		// A warning, not an error: a forest may hold several trees
		// (fabrikam.com in the forest of contoso.com), which DNs cannot
		// tell from another forest. The script checks the forest and the
		// connector account with Entra Connect itself.
		if f.dn != "" && !DNInForest(string(f.dn), string(ec.Forest)) {
			c.diags.Warnf(ec.ValuePos(f.name), diag.CodeEntraConnectForest,
				"%s %s is not in the DNS tree of forest %s (its DC= components name neither %s nor one of its child domains): right only if the forest has another tree; otherwise the DN belongs to another forest", f.name, f.dn, ec.Forest, ec.Forest)
		}
	}
}

// entraConnectPrivilege warns about what widens the writeback permissions:
// adminSdHolder: true stamps them on AdminSDHolder, so on every protected
// account (Microsoft advises against it), and does nothing with a
// writebackOU (the module grants on that OU only).
func (c *checker) entraConnectPrivilege() {
	op := c.cfg.OnPremises
	if op == nil || op.EntraConnect == nil || !pstext.IsTrue(op.EntraConnect.AdminSDHolder) {
		return
	}
	ec := op.EntraConnect
	if ec.WritebackOU != "" {
		c.diags.Warnf(ec.ValuePos("adminSdHolder"), diag.CodeWritebackScope,
			"adminSdHolder: true has no effect with writebackOU: Set-ADSyncUnifiedGroupWritebackPermissions grants on the writeback OU only and never stamps AdminSDHolder then")
		return
	}
	c.diags.Warnf(ec.ValuePos("adminSdHolder"), diag.CodeWritebackScope,
		"adminSdHolder: true: entra-connect.ps1 also stamps the group writeback permissions on AdminSDHolder, so the connector account gets them on every protected account and group (Domain Admins and the like); Microsoft advises against it: remove it unless protected groups are written back")
}

// DNInForest reports whether a DN's domain (its DC= components) is forest
// or a child domain of it.
func DNInForest(dn, forest string) bool {
	domain := strings.Join(model.DNDomain(dn), ".")
	forest = strings.ToLower(forest)
	return domain == forest || strings.HasSuffix(domain, "."+forest)
}

// builtinContainers are the containers Active Directory creates in every
// domain: a writeback OU in one of them grants the writeback permissions
// over accounts, computers or system objects.
var builtinContainers = map[string]bool{
	"cn=users": true, "cn=builtin": true, "cn=computers": true, "ou=domain controllers": true,
	"cn=system": true, "cn=foreignsecurityprincipals": true, "cn=managed service accounts": true,
	"cn=program data": true, "cn=lostandfound": true, "cn=infrastructure": true, "cn=ntds quotas": true,
	"cn=microsoft exchange system objects": true, "cn=keys": true, "cn=tpm devices": true,
}

// broadWritebackOU says why a writeback OU is as broad as none, or "": a
// DN of DC= components only is the root of a domain, and one in a
// built-in container (its RDN next to the DC= components) covers that
// container's accounts or system objects.
func broadWritebackOU(dn string) string {
	if dn == "" {
		return ""
	}
	outer := ""
	for _, rdn := range strings.Split(dn, ",") {
		k, _, _ := strings.Cut(strings.TrimSpace(rdn), "=")
		if strings.EqualFold(strings.TrimSpace(k), "DC") {
			break
		}
		outer = strings.TrimSpace(rdn)
	}
	switch {
	case outer == "":
		return "is the root of a domain (only DC= components)"
	case builtinContainers[normalRDN(outer)]:
		return "lies in the built-in container " + outer
	}
	return ""
}

// normalRDN is an RDN in lower case without spaces around its '='.
func normalRDN(rdn string) string {
	k, v, _ := strings.Cut(rdn, "=")
	return strings.ToLower(strings.TrimSpace(k) + "=" + strings.TrimSpace(v))
}

// dnRoot is the DC= part of a DN (DC=contoso,DC=com).
func dnRoot(dn string) string {
	var parts []string
	for _, l := range model.DNDomain(dn) {
		parts = append(parts, "DC="+l)
	}
	return strings.Join(parts, ",")
}
