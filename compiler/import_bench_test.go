package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/statediff"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// largeStates is an organization of n mailboxes, half on-premises and half
// in Exchange Online, with perms delegated permissions between mailboxes of
// the same organization (Full Access and Send As, deterministic), plus
// NT AUTHORITY\SELF and inherited entries on every mailbox as real exports
// hold them.
func largeStates(n, perms int) []*statefile.StateFile {
	var out []*statefile.StateFile
	for side, kind := range []string{state.OnPremises, state.ExchangeOnline} {
		org := "Contoso"
		if kind == state.ExchangeOnline {
			org = "contoso.onmicrosoft.com"
		}
		st := &state.State{FormatVersion: 1, Kind: kind, Organization: org, ExchangeVersion: "Version 15.2 (Build 2562.17)",
			AcceptedDomains: []state.AcceptedDomain{{Name: "contoso.com", DomainName: "contoso.com", DomainType: "Authoritative", Default: true},
				{DomainName: "contoso.mail.onmicrosoft.com", DomainType: "Authoritative"}, {DomainName: "contoso.onmicrosoft.com", DomainType: "Authoritative", InitialDomain: true}},
			AccountNamespace: "FYDIBOHF25SPDLT.exchangedelegation.contoso.com"}
		half := n / 2
		guid := func(i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", side, i) }
		for i := 0; i < n; i++ {
			home := (i < half) == (side == 0)
			typ := "UserMailbox"
			if !home {
				typ = map[bool]string{true: "RemoteUserMailbox", false: "MailUser"}[side == 0]
			}
			alias := fmt.Sprintf("user%06d", i)
			st.Recipients = append(st.Recipients, state.Recipient{Guid: guid(i), Name: alias, Alias: alias, SamAccountName: alias,
				PrimarySmtpAddress: alias + "@contoso.com", UserPrincipalName: alias + "@contoso.com", RecipientTypeDetails: typ,
				RecipientDisplayType: "ACLableSyncedMailboxUser", RoleAssignmentPolicy: model.DefaultPolicy})
			if home {
				st.Permissions = append(st.Permissions, state.Permission{Access: state.FullAccess, Mailbox: guid(i), Trustee: `NT AUTHORITY\SELF`, AccessRights: []string{"FullAccess"}},
					state.Permission{Access: state.FullAccess, Mailbox: guid(i), Trustee: `CONTOSO\Exchange Servers`, AccessRights: []string{"FullAccess"}, IsInherited: true})
			}
		}
		// Permissions between mailboxes of each half; Send As is in both
		// organizations' states, as hybridc grants it in both.
		for half2, base := range []int{0, half} {
			own := (half2 == 0) == (side == 0)
			for p := 0; p < perms/2; p++ {
				m, t := base+(p*7919)%half, base+((p%half)*104729+(p/half)*7+1)%half
				if m == t {
					t = base + (t-base+1)%half
				}
				access := state.FullAccess
				if p%3 == 0 {
					access = state.SendAs
				}
				if !own && access != state.SendAs {
					continue
				}
				st.Permissions = append(st.Permissions, state.Permission{Access: access, Mailbox: guid(m), Trustee: fmt.Sprintf("user%06d@contoso.com", t), TrusteeGuid: guid(t), AccessRights: []string{access}})
			}
		}
		if side == 1 {
			st.OrganizationRelationships = []state.OrganizationRelationship{{Name: "O365 to On-premises - 1", DomainNames: []string{"exchangedelegation.contoso.com", "contoso.com"},
				TargetApplicationUri:  "FYDIBOHF25SPDLT.exchangedelegation.contoso.com",
				TargetAutodiscoverEpr: "https://autodiscover.contoso.com/autodiscover/autodiscover.svc/WSSecurity"}}
		} else {
			st.OrganizationRelationships = []state.OrganizationRelationship{{Name: "On-premises to O365 - 1", DomainNames: []string{"contoso.mail.onmicrosoft.com", "contoso.com"},
				TargetApplicationUri: "outlook.com", TargetAutodiscoverEpr: "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurity"}}
		}
		out = append(out, &statefile.StateFile{Name: kind + ".json", State: st})
	}
	return out
}

// BenchmarkImport: 50,000 mailboxes and 500,000 permissions imported and
// laid out as a directory of YAML files (cpu-s/op: CPU time, as the
// README quotes it).
func BenchmarkImport(b *testing.B) {
	states := largeStates(50000, 500000)
	b.ReportAllocs()
	start := startCPU()
	b.ResetTimer()
	for range b.N {
		im, _ := importer.Import(states, importer.ImportOptions{})
		im.Files("", true)
	}
	reportCPU(b, start)
}

// BenchmarkPlanState: plan --state of the imported configuration against
// the same states, from the decoded configuration on (Defaults, Order,
// DiffState): what plan --state adds to reading the YAML.
func BenchmarkPlanState(b *testing.B) {
	states := largeStates(50000, 500000)
	im, _ := importer.Import(states, importer.ImportOptions{})
	b.ReportAllocs()
	start := startCPU()
	b.ResetTimer()
	for range b.N {
		if changes := planStateChanges(im, states); len(changes) > 0 {
			b.Fatal(changes)
		}
	}
	reportCPU(b, start)
}

// TestLargeStatesInSync: plan --state of the import of the benchmark's
// states (smaller) against them reports no change, as BenchmarkPlanState
// requires (it failed once the import derived the tenant's relationship's
// application URI, which the states lacked).
func TestLargeStatesInSync(t *testing.T) {
	states := largeStates(200, 2000)
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if changes := planStateChanges(im, states); len(changes) > 0 {
		t.Error(changes)
	}
}

// planStateChanges is what plan --state of an import's configuration
// reports against states: the resources it would add, change or remove.
func planStateChanges(im *importer.Imported, states []*statefile.StateFile) []string {
	cfg := *im.Config
	check.Defaults(&cfg)
	plan, _ := model.Order(&cfg)
	ch, _ := statediff.DiffState(plan, states)
	var out []string
	for _, s := range ch.Scripts {
		for _, rc := range append(append(s.Added, s.Changed...), s.Removed...) {
			out = append(out, fmt.Sprint(rc.ID, rc.Properties))
		}
	}
	return out
}

// TestWriteLargeStates writes the benchmark's states as files for timing
// the commands (HYBRIDC_LARGE_STATES=DIR go test ./compiler -run
// TestWriteLargeStates).
func TestWriteLargeStates(t *testing.T) {
	dir := os.Getenv("HYBRIDC_LARGE_STATES")
	if dir == "" {
		t.Skip("HYBRIDC_LARGE_STATES not set")
	}
	writeLargeStates(t, dir)
}

// writeLargeStates writes the benchmark's states (largeStates: 50,000
// mailboxes, 500,000 permissions) into dir and returns the files' paths.
func writeLargeStates(t *testing.T, dir string) []string {
	var files []string
	for _, sf := range largeStates(50000, 500000) {
		b, err := statefile.MarshalState(sf.State)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, statefile.StateFileName(sf.State))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	return files
}
