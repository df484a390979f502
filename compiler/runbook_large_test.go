package compiler

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/runbook"
)

// runbookMaxSize is the most runbook.md may weigh at 5,000 mailboxes and
// 50,000 permissions (issue 8: it was 17 MB).
const runbookMaxSize = 1 << 20

// largeRunbook compiles largeBatchConfig(n, p) written as YAML (batchYAML)
// and lays out its runbook.
func largeRunbook(t testing.TB, n, p int) string {
	t.Helper()
	src := load.Source{Name: "large.yaml", Data: batchYAML(largeBatchConfig(n, p, 1))}
	res := Analyze(src)
	if res.Schedule == nil {
		t.Fatalf("the generated file does not compile:\n%s", res.Diagnostics[:min(len(res.Diagnostics), 10)])
	}
	out, err := runbook.Runbook(res.Config, res.Schedule, src, renderpkg.Options{ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// largeRunbookInput is largeBatchConfig(n, p) as a configuration and its
// plan, built in Go: the hybrid deployment of batchYAMLHeader with the
// generated mailboxes and permissions, without the YAML, whose loading
// would dwarf the runbook in a benchmark.
func largeRunbookInput(tb testing.TB, n, p int) (*config.Config, *model.Schedule) {
	tb.Helper()
	res := Analyze(load.Source{Name: "large.yaml", Data: []byte(batchYAMLHeader)})
	if res.Config == nil {
		tb.Fatal(res.Diagnostics)
	}
	gen := largeBatchConfig(n, p, 1)
	cfg := res.Config
	cfg.Mailboxes, cfg.Permissions = gen.Mailboxes, gen.Permissions
	plan, diags := model.Order(cfg)
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	return cfg, plan
}

// TestRunbookLarge checks that the runbook of 5,000 mailboxes and 50,000
// permissions is readable: at most runbookMaxSize, every list capped with
// how many more there are and where to find them all, and no bigger than
// the runbook of a tenth of the mailboxes and permissions but for the
// digits of its counts.
func TestRunbookLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles 5,000 mailboxes and 50,000 permissions")
	}
	got := largeRunbook(t, 5_000, 50_000)
	checkRunbookBytes(t, got)
	if len(got) > runbookMaxSize {
		t.Errorf("runbook.md is %d bytes, want at most %d", len(got), runbookMaxSize)
	}
	for _, c := range []struct {
		name, want string
	}{
		{name: "kinds counted", want: "`fullAccessPermission` ("},
		{name: "removals counted", want: ". remove `fullAccessPermission` ("},
		{name: "where the resources are listed", want: "is counted, not listed: `.\\onprem.ps1 -WhatIf` names each change the script would make, and `.\\onprem.ps1 -Check` each resource that differs from the YAML."},
		{name: "permission summary", want: "The YAML grants "},
		{name: "private items capped", want: "more Full Access permissions: every `FullAccess` permission of the YAML whose trustee is not declared `serviceAccount: true`."},
		{name: "checks capped", want: "more fullAccessPermission resources: .\\online.ps1 -Check compares each one\n"},
		{name: "batches", want: "hybridc batches large.yaml"},
	} {
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: the runbook lacks %q", c.name, c.want)
		}
	}
	if rows := strings.Count(got, "\n| `user"); rows != runbook.RunbookCap {
		t.Errorf("%d rows of private items, want %d", rows, runbook.RunbookCap)
	}
	if n := strings.Count(got, "Get-MailboxPermission -Identity"); n > 2*runbook.RunbookCap {
		t.Errorf("%d Get-MailboxPermission checks, want at most %d", n, 2*runbook.RunbookCap)
	}

	small := largeRunbook(t, 500, 5_000)
	if grown := len(got) - len(small); grown > 200 {
		t.Errorf("10 times the mailboxes and permissions made the runbook %d bytes larger (%d, then %d), want at most 200: it grows with them",
			grown, len(small), len(got))
	}
}

func BenchmarkRunbook(b *testing.B) {
	for _, size := range []struct {
		mailboxes, permissions int
	}{
		{mailboxes: 5_000, permissions: 50_000},
		{mailboxes: 50_000, permissions: 500_000},
	} {
		b.Run(fmt.Sprintf("mailboxes=%d/permissions=%d", size.mailboxes, size.permissions), func(b *testing.B) {
			cfg, plan := largeRunbookInput(b, size.mailboxes, size.permissions)
			src := load.Source{Name: "large.yaml", Data: []byte(batchYAMLHeader)}
			b.ReportAllocs()
			var out []byte
			defer reportCPU(b, startCPU())
			for b.Loop() {
				var err error
				if out, err = runbook.Runbook(cfg, plan, src, renderpkg.Options{ToolVersion: "test"}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out)), "bytes")
		})
	}
}

func TestThousands(t *testing.T) {
	for _, c := range []struct {
		name string
		in   int
		want string
	}{
		{name: "zero", in: 0, want: "0"},
		{name: "three digits", in: 999, want: "999"},
		{name: "four digits", in: 1_000, want: "1,000"},
		{name: "six digits", in: 500_000, want: "500,000"},
		{name: "seven digits", in: 1_234_567, want: "1,234,567"},
		{name: "negative", in: -12_345, want: "-12,345"},
	} {
		if got := runbook.Thousands(c.in); got != c.want {
			t.Errorf("%s: thousands(%d) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestJoinCapped(t *testing.T) {
	items := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprint(i + 1)
		}
		return out
	}
	for _, c := range []struct {
		name  string
		items []string
		what  string
		want  string
	}{
		{name: "none", items: nil, want: ""},
		{name: "one", items: items(1), want: "1"},
		{name: "at the cap", items: items(runbook.RunbookCap), want: "1, 2, 3, 4, 5, 6, 7, 8, 9, 10"},
		{name: "one over", items: items(runbook.RunbookCap + 1), want: "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 1 more"},
		{name: "thousands over", items: items(runbook.RunbookCap + 12_345), want: "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 12,345 more"},
		{name: "one more of a kind", items: items(runbook.RunbookCap + 1), what: "group", want: "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 1 more group"},
		{name: "more of a kind", items: items(runbook.RunbookCap + 2), what: "group", want: "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more groups"},
		{name: "a kind not needed", items: items(2), what: "group", want: "1, 2"},
	} {
		if got := runbook.JoinCapped(c.items, c.what); got != c.want {
			t.Errorf("%s: joinCapped = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestKindSummary(t *testing.T) {
	target := &model.Target{File: "onprem.ps1"}
	many := func(kind string, n, absent int) []*model.Resource {
		out := make([]*model.Resource, n)
		for i := range out {
			out[i] = &model.Resource{Kind: kind, Name: fmt.Sprintf("u%d on m%d", i, i), Target: target, Absent: i < absent}
		}
		return out
	}
	for _, c := range []struct {
		name      string
		resources []*model.Resource
		want      []string
		listed    bool
	}{
		{name: "nothing", resources: nil, want: nil, listed: true},
		{name: "singleton", resources: []*model.Resource{{Kind: model.KindOrganizationConfig}}, want: []string{"`organizationConfig`"}, listed: true},
		{
			name:      "names in order, removals marked",
			resources: append(many(model.KindSendAs, 2, 1), &model.Resource{Kind: model.KindOrganizationRelationship, Name: "To Cloud"}, &model.Resource{Kind: model.KindSendAs, Name: "late"}),
			want:      []string{"remove `sendAsPermission` (1): `u0 on m0`", "`sendAsPermission` (2): `u1 on m1`, `late`", "`organizationRelationship` (1): `To Cloud`"},
			listed:    true,
		},
		{name: "at the cap", resources: many(model.KindFullAccess, runbook.RunbookCap, 0),
			want:   []string{"`fullAccessPermission` (10): `u0 on m0`, `u1 on m1`, `u2 on m2`, `u3 on m3`, `u4 on m4`, `u5 on m5`, `u6 on m6`, `u7 on m7`, `u8 on m8`, `u9 on m9`"},
			listed: true},
		{name: "over the cap", resources: many(model.KindFullAccess, 12_345, 617), want: []string{"remove `fullAccessPermission` (617)", "`fullAccessPermission` (11,728)"}, listed: false},
		{name: "removed singleton", resources: []*model.Resource{{Kind: model.KindOrganizationCustomization, Absent: true}}, want: []string{"remove `organizationCustomization`"}, listed: true},
		{name: "over the cap, nothing removed", resources: many(model.KindFolderPermission, 11, 0), want: []string{"`folderPermission` (11)"}, listed: false},
		{name: "hostile name", resources: []*model.Resource{{Kind: model.KindRoleGroup, Name: "a`b|c"}}, want: []string{"`roleGroup` (1): ``a`b|c``"}, listed: true},
	} {
		got, listed := runbook.KindSummary(c.resources)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") || listed != c.listed {
			t.Errorf("%s: kindSummary = %q, %t; want %q, %t", c.name, got, listed, c.want, c.listed)
		}
	}
}

// TestRunbookManyGroups checks the caps on what grows with groups and
// permissions rather than with mailboxes: group names, on-premises owners,
// groups with several addresses, members in the checks, groups in the
// on-premises checks, auto-mapping across premises.
func TestRunbookManyGroups(t *testing.T) {
	const groups, mailboxes = 25, 40
	yes := true
	cfg := runbookHostileConfig("")
	for i := range mailboxes {
		cfg.Mailboxes = append(cfg.Mailboxes,
			config.Mailbox{Name: config.Identity(fmt.Sprintf("OP%02d", i)), Location: "onPremises"},
			config.Mailbox{Name: config.Identity(fmt.Sprintf("EX%02d", i)), Location: "exchangeOnline"})
		cfg.Permissions = append(cfg.Permissions, config.Permission{Access: "FullAccess",
			Mailbox: config.Identity(fmt.Sprintf("EX%02d", i)), Trustee: config.Identity(fmt.Sprintf("OP%02d", i)), AutoMapping: &yes})
	}
	for i := range groups {
		g := config.UnifiedGroup{Name: config.Name(fmt.Sprintf("Group %02d", i)), PrimarySmtpAddress: config.SMTPAddress(fmt.Sprintf("g%02d@groups.contoso.com", i)),
			AdditionalAddresses: []config.SMTPAddress{config.SMTPAddress(fmt.Sprintf("g%02d-2@groups.contoso.com", i))},
			Owners:              []config.Identity{config.Identity(fmt.Sprintf("OP%02d", i))}}
		for j := range mailboxes {
			g.Members = append(g.Members, config.Identity(fmt.Sprintf("OP%02d", j)), config.Identity(fmt.Sprintf("EX%02d", j)))
		}
		cfg.ExchangeOnline.Groups = append(cfg.ExchangeOnline.Groups, g)
	}
	got := runbookOfConfig(t, cfg)
	checkRunbookBytes(t, got)
	for _, c := range []struct {
		name, want string
	}{
		{name: "group names in the introduction", want: "`Group 07`, `Group 08` and 16 more groups (Microsoft: \"Configure Microsoft 365 Groups"},
		{name: "on-premises owners", want: "- `OP08` owns `Group 08`\n- and 16 more owners on-premises: the `owners` of the groups in the YAML that are on-premises mailboxes.\n"},
		{name: "several addresses", want: "`Group 07`, `Group 08` and 16 more groups is not delivered"},
		{name: "auto-mapping across premises", want: "auto-mapping of `EX07` for `OP07` and 32 more (`hybridc validate hostile.yaml` lists each one, as warning " + diag.CodeCrossPremisesFeature + ")."},
		{name: "groups on-premises", want: "# and 16 more groups: .\\onprem.ps1 -Check checks that each one is in the address lists\n```"},
		{name: "members", want: "# expect among the members: ONPREM1, EXO1\n"},
		{name: "members capped", want: "# expect among the members: OP00, EX00, OP01, EX01, OP02, EX02, OP03, EX03, OP04, EX04 and 70 more\n"},
		{name: "group links capped", want: "# and 16 more groupMembers resources: .\\online.ps1 -Check compares each one\n"},
	} {
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: the runbook lacks %q", c.name, c.want)
		}
	}
}
