package compiler

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
)

// largeBatchConfig generates, from seed, a deployment of n mailboxes and p
// permissions shaped like a real one: mailboxes in teams of eight, one in
// ten already in Exchange Online, one in a hundred a service account; 97%
// of the permissions within a team, 1% between teams, 2% held by service
// accounts (which fuse most teams into one batch unless they are excluded),
// one in twenty absent. The file batchYAML makes of it is valid: no
// permission is declared twice or on its own mailbox, and folder permissions
// stay within one organization.
func largeBatchConfig(n, p int, seed uint64) *config.Config {
	r := rand.New(rand.NewPCG(seed, 0x6261746368))
	yes := true
	cfg := &config.Config{Mailboxes: make([]config.Mailbox, n), Permissions: make([]config.Permission, p)}
	var services []int
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		m.Name = config.Identity(fmt.Sprintf("user%06d@contoso.com", i))
		m.Location = "onPremises"
		switch {
		case r.IntN(10) == 0:
			m.Location = "exchangeOnline"
		case r.IntN(100) == 0:
			m.Name = config.Identity(fmt.Sprintf("svc%06d@contoso.com", i))
			m.ServiceAccount = &yes
			services = append(services, i)
		}
	}
	accesses := []config.AccessRight{"FullAccess", "SendAs", "SendOnBehalf", "Folder"}
	type grant struct{ access, mailbox, trustee int }
	seen := make(map[grant]bool, p)
	for i := range cfg.Permissions {
		var g grant
		for {
			a := r.IntN(n)
			var b int
			switch x := r.IntN(100); {
			case x < 97: // within the team
				b = a - a%8 + r.IntN(8)
			case x < 98: // another team
				b = r.IntN(n)
			default: // a service account
				b = services[r.IntN(len(services))]
			}
			g = grant{access: r.IntN(len(accesses)), mailbox: min(b, n-1), trustee: a}
			if accesses[g.access] == "Folder" && cfg.Mailboxes[g.mailbox].Location != cfg.Mailboxes[g.trustee].Location {
				g.access = 0 // folder permissions do not work across premises (HC0321): Full Access
			}
			// A permission declared twice is an error (HC0306).
			if g.mailbox != g.trustee && !seen[g] {
				seen[g] = true
				break
			}
		}
		perm := &cfg.Permissions[i]
		perm.Access = accesses[g.access]
		perm.Mailbox, perm.Trustee = cfg.Mailboxes[g.mailbox].Name, cfg.Mailboxes[g.trustee].Name
		if perm.Access == "Folder" {
			perm.Folder, perm.FolderAccessRights = "Calendar", "Reviewer"
		}
		if r.IntN(20) == 0 {
			perm.Ensure = config.Absent
		}
	}
	return cfg
}

// batchYAMLHeader is a hybrid deployment ready for permissions across
// premises, Send on Behalf included.
const batchYAMLHeader = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  aclableSyncedObjectEnabled: true
  entraConnect: {version: 2.4.129.0, exchangeHybrid: true}
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`

// batchYAML writes cfg's mailboxes and permissions into a hybrid file, one
// flow mapping a line.
func batchYAML(cfg *config.Config) []byte {
	var b strings.Builder
	b.WriteString(batchYAMLHeader)
	b.WriteString("mailboxes:\n")
	for _, m := range cfg.Mailboxes {
		fmt.Fprintf(&b, "  - {name: %s, location: %s", m.Name, m.Location)
		if m.ServiceAccount != nil {
			fmt.Fprintf(&b, ", serviceAccount: %t", *m.ServiceAccount)
		}
		b.WriteString("}\n")
	}
	b.WriteString("permissions:\n")
	for _, p := range cfg.Permissions {
		fmt.Fprintf(&b, "  - {access: %s, mailbox: %s, trustee: %s", p.Access, p.Mailbox, p.Trustee)
		if p.Folder != "" {
			fmt.Fprintf(&b, ", folder: %s, folderAccessRights: %s", p.Folder, p.FolderAccessRights)
		}
		if p.Ensure != "" {
			fmt.Fprintf(&b, ", ensure: %s", p.Ensure)
		}
		b.WriteString("}\n")
	}
	return []byte(b.String())
}

func BenchmarkBatches(b *testing.B) {
	cfg := largeBatchConfig(100_000, 500_000, 1)
	for _, opt := range []BatchOptions{{}, {ExcludeServiceAccounts: true}} {
		b.Run(fmt.Sprintf("mailboxes=100000/permissions=500000/exclude=%t", opt.ExcludeServiceAccounts), func(b *testing.B) {
			b.ReportAllocs()
			var plan *BatchPlan
			for b.Loop() {
				plan = Batches(cfg, opt)
			}
			b.ReportMetric(float64(len(plan.Batches)), "batches")
			b.ReportMetric(float64(plan.Largest()), "largest")
		})
	}
}

// TestLargeBatchConfig keeps the benchmark's generator honest: its YAML
// analyzes without findings and gives the same batches as the config it was
// written from.
func TestLargeBatchConfig(t *testing.T) {
	cfg := largeBatchConfig(2_000, 10_000, 1)
	res := Analyze(Source{Name: "large.yaml", Data: batchYAML(cfg)})
	if len(res.Diagnostics) > 0 || res.Config == nil {
		t.Fatalf("generated file does not analyze cleanly:\n%s", res.Diagnostics[:min(len(res.Diagnostics), 10)])
	}
	for _, opt := range []BatchOptions{{}, {ExcludeServiceAccounts: true}} {
		if got, want := Batches(res.Config, opt), Batches(cfg, opt); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: the YAML gives other batches than the config it was written from", opt)
		}
	}
}
