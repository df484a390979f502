package compiler

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/batches"
	"github.com/hybridc/hybridc/compiler/load"
)

// batchConfig builds a config from mailbox specs and permissions. A spec is
// a name, with ":online" for a mailbox in Exchange Online or ":service" for
// an on-premises service account.
func batchConfig(mailboxes []string, perms ...config.Permission) *config.Config {
	yes := true
	cfg := &config.Config{Permissions: perms}
	cfg.ExchangeOnline.Groups = []config.UnifiedGroup{{Name: "Sales", PrimarySmtpAddress: "sales@groups.contoso.com"}}
	for _, spec := range mailboxes {
		name, kind, _ := strings.Cut(spec, ":")
		m := config.Mailbox{Name: config.Identity(name), Location: "onPremises"}
		switch kind {
		case "online":
			m.Location = "exchangeOnline"
		case "service":
			m.ServiceAccount = &yes
		}
		cfg.Mailboxes = append(cfg.Mailboxes, m)
	}
	return cfg
}

// batchGrant is a present permission of trustee on mailbox.
func batchGrant(access config.AccessRight, mailbox, trustee string) config.Permission {
	return config.Permission{Access: access, Mailbox: config.Identity(mailbox), Trustee: config.Identity(trustee)}
}

// batchRevoke is an absent permission of trustee on mailbox.
func batchRevoke(access config.AccessRight, mailbox, trustee string) config.Permission {
	p := batchGrant(access, mailbox, trustee)
	p.Ensure = config.Absent
	return p
}

// batchNames is the plan's batches as lists of names, in order.
func batchNames(plan *batches.Batching) [][]string {
	out := [][]string{}
	for _, b := range plan.Batches {
		var names []string
		for _, m := range b.Mailboxes {
			names = append(names, string(m))
		}
		out = append(out, names)
	}
	return out
}

func batchIdentities(names []config.Identity) []string {
	out := []string{}
	for _, n := range names {
		out = append(out, string(n))
	}
	return out
}

func TestBatches(t *testing.T) {
	tests := []struct {
		name         string
		mailboxes    []string
		perms        []config.Permission
		exclude      bool
		want         [][]string
		wantExcluded []string
		wantPerms    int
	}{
		{
			name:      "no permissions: batches of one, by name",
			mailboxes: []string{"c", "a", "b"},
			want:      [][]string{{"a"}, {"b"}, {"c"}},
		},
		{
			name:      "transitive chain: A on B and C on B give one batch",
			mailboxes: []string{"A", "B", "C", "D"},
			perms:     []config.Permission{batchGrant("FullAccess", "B", "A"), batchGrant("SendOnBehalf", "B", "C")},
			want:      [][]string{{"A", "B", "C"}, {"D"}},
			wantPerms: 2,
		},
		{
			name:      "long chain in reverse declaration order",
			mailboxes: []string{"E", "D", "C", "B", "A"},
			perms: []config.Permission{batchGrant("Folder", "E", "D"), batchGrant("Folder", "C", "D"),
				batchGrant("SendAs", "B", "C"), batchGrant("FullAccess", "B", "A")},
			want:      [][]string{{"A", "B", "C", "D", "E"}},
			wantPerms: 4,
		},
		{
			name:      "both directions: granting and receiving join alike",
			mailboxes: []string{"a", "b", "c", "d"},
			perms:     []config.Permission{batchGrant("FullAccess", "a", "b"), batchGrant("FullAccess", "d", "c")},
			want:      [][]string{{"a", "b"}, {"c", "d"}},
			wantPerms: 2,
		},
		{
			name:      "a pair granting each other is one batch",
			mailboxes: []string{"a", "b"},
			perms:     []config.Permission{batchGrant("FullAccess", "a", "b"), batchGrant("SendAs", "b", "a")},
			want:      [][]string{{"a", "b"}},
			wantPerms: 2,
		},
		{
			name:      "cross-premises permissions join nothing",
			mailboxes: []string{"a", "b", "cloud:online"},
			perms:     []config.Permission{batchGrant("FullAccess", "cloud", "a"), batchGrant("SendOnBehalf", "b", "cloud")},
			want:      [][]string{{"a"}, {"b"}},
		},
		{
			name:      "mailboxes in Exchange Online are in no batch",
			mailboxes: []string{"x:online", "y:online"},
			perms:     []config.Permission{batchGrant("FullAccess", "x", "y")},
			want:      [][]string{},
		},
		{
			name:      "absent permissions join nothing",
			mailboxes: []string{"a", "b"},
			perms:     []config.Permission{batchRevoke("FullAccess", "a", "b")},
			want:      [][]string{{"a"}, {"b"}},
		},
		{
			name:      "groups join nothing",
			mailboxes: []string{"a", "b"},
			perms:     []config.Permission{batchGrant("SendAs", "Sales", "a"), batchGrant("SendAs", "Sales", "b")},
			want:      [][]string{{"a"}, {"b"}},
		},
		{
			name:      "a mailbox's permission on itself joins nothing",
			mailboxes: []string{"a", "b"},
			perms:     []config.Permission{batchGrant("Folder", "a", "A")},
			want:      [][]string{{"a"}, {"b"}},
		},
		{
			name:      "undeclared names join nothing",
			mailboxes: []string{"a", "b"},
			perms:     []config.Permission{batchGrant("FullAccess", "a", "ghost"), batchGrant("FullAccess", "ghost", "b")},
			want:      [][]string{{"a"}, {"b"}},
		},
		{
			name:      "service account kept: the star is one batch",
			mailboxes: []string{"svc:service", "a", "b", "c", "d"},
			perms: []config.Permission{batchGrant("FullAccess", "a", "svc"), batchGrant("FullAccess", "b", "svc"),
				batchGrant("FullAccess", "c", "svc"), batchGrant("FullAccess", "c", "d")},
			want:      [][]string{{"a", "b", "c", "d", "svc"}},
			wantPerms: 4,
		},
		{
			name:      "service account excluded: the star splits",
			mailboxes: []string{"svc:service", "a", "b", "c", "d"},
			perms: []config.Permission{batchGrant("FullAccess", "a", "svc"), batchGrant("FullAccess", "b", "svc"),
				batchGrant("FullAccess", "c", "svc"), batchGrant("FullAccess", "c", "d")},
			exclude:      true,
			want:         [][]string{{"c", "d"}, {"a"}, {"b"}},
			wantExcluded: []string{"svc"},
			wantPerms:    1,
		},
		{
			name:         "service accounts in Exchange Online are not listed",
			mailboxes:    []string{"a", "cloudsvc:online"},
			exclude:      true,
			want:         [][]string{{"a"}},
			wantExcluded: []string{},
		},
		{
			name:      "names match case-insensitively and keep their declared case",
			mailboxes: []string{"Alice@Contoso.com", "bob@contoso.com", "Émile@contoso.com"},
			perms:     []config.Permission{batchGrant("FullAccess", "ALICE@contoso.COM", "BOB@CONTOSO.COM"), batchGrant("SendAs", "émile@CONTOSO.com", "bob@contoso.com")},
			want:      [][]string{{"Alice@Contoso.com", "bob@contoso.com", "Émile@contoso.com"}},
			wantPerms: 2,
		},
		{
			name:      "mailboxes sort case-insensitively",
			mailboxes: []string{"b", "C", "a", "D"},
			perms:     []config.Permission{batchGrant("FullAccess", "a", "b"), batchGrant("FullAccess", "C", "b"), batchGrant("FullAccess", "D", "a")},
			want:      [][]string{{"a", "b", "C", "D"}},
			wantPerms: 3,
		},
		{
			name:      "a name declared twice counts once, as first declared",
			mailboxes: []string{"a", "A:online", "b"},
			perms:     []config.Permission{batchGrant("FullAccess", "A", "b")},
			want:      [][]string{{"a", "b"}},
			wantPerms: 1,
		},
		{
			name:      "largest first, then by first mailbox",
			mailboxes: []string{"z1", "z2", "m1", "m2", "m3", "b1", "b2", "a"},
			perms: []config.Permission{batchGrant("FullAccess", "z1", "z2"), batchGrant("FullAccess", "m1", "m2"),
				batchGrant("FullAccess", "m3", "m2"), batchGrant("FullAccess", "b2", "b1")},
			want:      [][]string{{"m1", "m2", "m3"}, {"b1", "b2"}, {"z1", "z2"}, {"a"}},
			wantPerms: 4,
		},
		{
			name:      "duplicate permissions join once but count each",
			mailboxes: []string{"a", "b"},
			perms:     []config.Permission{batchGrant("FullAccess", "a", "b"), batchGrant("SendAs", "a", "b"), batchGrant("FullAccess", "a", "b")},
			want:      [][]string{{"a", "b"}},
			wantPerms: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := batches.Batches(batchConfig(tt.mailboxes, tt.perms...), batches.BatchOptions{ExcludeServiceAccounts: tt.exclude})
			if got := batchNames(plan); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("batches %q, want %q", got, tt.want)
			}
			wantExcluded := tt.wantExcluded
			if wantExcluded == nil {
				wantExcluded = []string{}
			}
			if got := batchIdentities(plan.Excluded); !reflect.DeepEqual(got, wantExcluded) {
				t.Errorf("excluded %q, want %q", got, wantExcluded)
			}
			if plan.Permissions != tt.wantPerms {
				t.Errorf("%d joining permissions, want %d", plan.Permissions, tt.wantPerms)
			}
			total := 0
			for i, b := range plan.Batches {
				if b.ID != i+1 {
					t.Errorf("batch %d has ID %d", i+1, b.ID)
				}
				total += len(b.Mailboxes)
			}
			if plan.Mailboxes != total {
				t.Errorf("Mailboxes = %d, but the batches hold %d", plan.Mailboxes, total)
			}
		})
	}
}

func TestBatchHub(t *testing.T) {
	tests := []struct {
		name      string
		mailboxes []string
		perms     []config.Permission
		wantHub   []string
		wantCount []int
	}{
		{
			name:      "the centre of a star",
			mailboxes: []string{"a", "b", "c", "svc"},
			perms:     []config.Permission{batchGrant("FullAccess", "a", "svc"), batchGrant("FullAccess", "b", "svc"), batchGrant("SendAs", "svc", "c")},
			wantHub:   []string{"svc"},
			wantCount: []int{3},
		},
		{
			name:      "a tie goes to the first mailbox, and batches of one have none",
			mailboxes: []string{"y", "x", "lonely"},
			perms:     []config.Permission{batchGrant("FullAccess", "x", "y")},
			wantHub:   []string{"x", ""},
			wantCount: []int{1, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := batches.Batches(batchConfig(tt.mailboxes, tt.perms...), batches.BatchOptions{})
			var hubs []string
			var counts []int
			for _, b := range plan.Batches {
				hubs = append(hubs, string(b.Hub))
				counts = append(counts, b.HubPermissions)
			}
			if !reflect.DeepEqual(hubs, tt.wantHub) || !reflect.DeepEqual(counts, tt.wantCount) {
				t.Errorf("hubs %q with %v permissions, want %q with %v", hubs, counts, tt.wantHub, tt.wantCount)
			}
		})
	}
}

func TestBatchSizes(t *testing.T) {
	plan := batches.Batches(batchConfig([]string{"a", "b", "c", "d", "e", "f", "g"},
		batchGrant("FullAccess", "a", "b"), batchGrant("FullAccess", "c", "d"), batchGrant("FullAccess", "e", "d")), batches.BatchOptions{})
	want := []batches.BatchSize{{Size: 3, Batches: 1}, {Size: 2, Batches: 1}, {Size: 1, Batches: 2}}
	if got := plan.Sizes(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sizes() = %v, want %v", got, want)
	}
	if got := plan.Largest(); got != 3 {
		t.Errorf("Largest() = %d, want 3", got)
	}
	empty := batches.Batches(&config.Config{}, batches.BatchOptions{})
	if empty.Largest() != 0 || len(empty.Sizes()) != 0 || empty.Batches == nil || empty.Excluded == nil {
		t.Errorf("empty plan: %+v", empty)
	}
	if batches.Batches(nil, batches.BatchOptions{}) == nil {
		t.Error("Batches(nil) is nil")
	}
}

// referenceBatches computes the batches the slow, obvious way: breadth-first
// search over adjacency lists, then sorting. Names are compared in lower
// case.
func referenceBatches(cfg *config.Config, opt batches.BatchOptions) [][]string {
	onprem := map[string]string{} // lower case -> as declared
	seen := map[string]bool{}
	for _, m := range cfg.Mailboxes {
		key := strings.ToLower(string(m.Name))
		if seen[key] {
			continue
		}
		seen[key] = true
		if m.Location == "onPremises" && !(opt.ExcludeServiceAccounts && m.ServiceAccount != nil && *m.ServiceAccount) {
			onprem[key] = string(m.Name)
		}
	}
	adj := map[string][]string{}
	for _, p := range cfg.Permissions {
		a, b := strings.ToLower(string(p.Mailbox)), strings.ToLower(string(p.Trustee))
		if p.Ensure.IsAbsent() || onprem[a] == "" || onprem[b] == "" {
			continue
		}
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	visited := map[string]bool{}
	var out [][]string
	for key := range onprem {
		if visited[key] {
			continue
		}
		visited[key] = true
		var batch []string
		for queue := []string{key}; len(queue) > 0; queue = queue[1:] {
			batch = append(batch, queue[0])
			for _, n := range adj[queue[0]] {
				if !visited[n] {
					visited[n] = true
					queue = append(queue, n)
				}
			}
		}
		slices.Sort(batch)
		out = append(out, batch)
	}
	slices.SortFunc(out, func(x, y []string) int {
		if len(x) != len(y) {
			return len(y) - len(x)
		}
		return strings.Compare(x[0], y[0])
	})
	for _, batch := range out {
		for i, key := range batch {
			batch[i] = onprem[key]
		}
	}
	if out == nil {
		out = [][]string{}
	}
	return out
}

// TestBatchesMatchReference compares Batches with a breadth-first search on
// random graphs of every density, with and without service accounts.
func TestBatchesMatchReference(t *testing.T) {
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 7))
		n := 1 + r.IntN(60)
		cfg := randomBatchConfig(r, n, r.IntN(2*n))
		for _, opt := range []batches.BatchOptions{{}, {ExcludeServiceAccounts: true}} {
			got, want := batchNames(batches.Batches(cfg, opt)), referenceBatches(cfg, opt)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, %+v:\n got %q\nwant %q", seed, opt, got, want)
			}
		}
	}
}

// TestBatchesDeterministic shuffles the order of mailboxes and permissions
// and checks that the plan stays the same.
func TestBatchesDeterministic(t *testing.T) {
	for seed := range uint64(10) {
		r := rand.New(rand.NewPCG(seed, 11))
		cfg := randomBatchConfig(r, 300, 250)
		for _, opt := range []batches.BatchOptions{{}, {ExcludeServiceAccounts: true}} {
			want := batches.Batches(cfg, opt)
			for range 5 {
				shuffled := *cfg
				shuffled.Mailboxes = slices.Clone(cfg.Mailboxes)
				shuffled.Permissions = slices.Clone(cfg.Permissions)
				r.Shuffle(len(shuffled.Mailboxes), func(i, j int) {
					shuffled.Mailboxes[i], shuffled.Mailboxes[j] = shuffled.Mailboxes[j], shuffled.Mailboxes[i]
				})
				r.Shuffle(len(shuffled.Permissions), func(i, j int) {
					shuffled.Permissions[i], shuffled.Permissions[j] = shuffled.Permissions[j], shuffled.Permissions[i]
				})
				if got := batches.Batches(&shuffled, opt); !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d, %+v: shuffled input gave a different plan:\n got %v\nwant %v", seed, opt, batchNames(got), batchNames(want))
				}
			}
		}
	}
}

// randomBatchConfig declares n mailboxes in mixed case (one in ten in
// Exchange Online, one in twenty a service account) and p random
// permissions among them, a group and an undeclared name, one in ten absent.
func randomBatchConfig(r *rand.Rand, n, p int) *config.Config {
	yes := true
	cfg := &config.Config{}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("User%04d@contoso.com", i)
		m := config.Mailbox{Name: config.Identity(names[i]), Location: "onPremises"}
		switch {
		case r.IntN(10) == 0:
			m.Location = "exchangeOnline"
		case r.IntN(20) == 0:
			m.ServiceAccount = &yes
		}
		cfg.Mailboxes = append(cfg.Mailboxes, m)
	}
	pick := func() string {
		switch r.IntN(40) {
		case 0:
			return "Sales"
		case 1:
			return "nobody@contoso.com"
		}
		name := names[r.IntN(n)]
		if r.IntN(2) == 0 {
			name = strings.ToUpper(name)
		}
		return name
	}
	accesses := []config.AccessRight{"FullAccess", "SendAs", "SendOnBehalf", "Folder"}
	for range p {
		perm := batchGrant(accesses[r.IntN(len(accesses))], pick(), pick())
		if r.IntN(10) == 0 {
			perm.Ensure = config.Absent
		}
		cfg.Permissions = append(cfg.Permissions, perm)
	}
	return cfg
}

// TestBatchesExample checks the batches of testdata/batches.yaml, which a
// reader can confirm by hand from its comments, through the whole analysis.
func TestBatchesExample(t *testing.T) {
	data, err := os.ReadFile("testdata/batches.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := Analyze(load.Source{Name: "testdata/batches.yaml", Data: data})
	if len(res.Diagnostics) > 0 || res.Config == nil {
		t.Fatalf("testdata/batches.yaml does not analyze cleanly:\n%s", res.Diagnostics)
	}
	tests := []struct {
		name         string
		opt          batches.BatchOptions
		want         [][]string
		wantExcluded []string
	}{
		{
			name: "service account kept",
			want: [][]string{
				{"dave@contoso.com", "erin@contoso.com", "frank@contoso.com", "scanner@contoso.com"},
				{"alice@contoso.com", "bob@contoso.com", "carol@contoso.com"},
				{"grace@contoso.com", "heidi@contoso.com"},
			},
			wantExcluded: []string{},
		},
		{
			name: "service account excluded",
			opt:  batches.BatchOptions{ExcludeServiceAccounts: true},
			want: [][]string{
				{"alice@contoso.com", "bob@contoso.com", "carol@contoso.com"},
				{"dave@contoso.com", "erin@contoso.com"},
				{"grace@contoso.com", "heidi@contoso.com"},
				{"frank@contoso.com"},
			},
			wantExcluded: []string{"scanner@contoso.com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := batches.Batches(res.Config, tt.opt)
			if got := batchNames(plan); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("batches %q, want %q", got, tt.want)
			}
			if got := batchIdentities(plan.Excluded); !reflect.DeepEqual(got, tt.wantExcluded) {
				t.Errorf("excluded %q, want %q", got, tt.wantExcluded)
			}
		})
	}
}
