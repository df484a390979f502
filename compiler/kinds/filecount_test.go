package kinds

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// maxFiles is how many production Go files may name one property of a
// kind: its declaration here, the configuration's field and the state's.
const maxFiles = 3

// overLimit are the properties still named in more files: each with how
// many it may be named in at most (a ratchet: more fails, and so does an
// entry no longer needed) and why it could not move yet. Keep it short.
var overLimit = map[string]struct {
	max    int
	reason string
}{
	// A common word: golden/pscheck names Set-ManagementRoleAssignment's
	// -Enabled, no relationship's.
	// The intra-organization connector's Enabled (config/oauth.go,
	// kinds/oauth.go) is a second kind's.
	"Enabled": {6, "Set-ManagementRoleAssignment -Enabled in golden/pscheck; the intra-organization connector's"},
	// The setting override's Parameters: golden/pscheck names other
	// cmdlets' -Parameters.
	"Parameters": {4, "other cmdlets' -Parameters in golden/pscheck"},
	// The remote domain's TargetDeliveryDomain is also New-MigrationBatch's
	// parameter, which the migration batch help (cmd/cli/batches.go) names.
	"TargetDeliveryDomain": {4, "New-MigrationBatch -TargetDeliveryDomain in cmd/cli/batches.go"},
	// Set-OnPremisesOrganization -OrganizationRelationship is named as the
	// relationship kind itself (config.OrganizationRelationship,
	// kinds.OrganizationRelationship) is.
	"OrganizationRelationship": {24, "the organization relationship kind's own name"},
	// Set-OnPremisesOrganization -InboundConnector/-OutboundConnector are
	// named as the Exchange Online connector kinds themselves are.
	"InboundConnector":  {11, "the inbound connector kind's own name"},
	"OutboundConnector": {12, "the outbound connector kind's own name"},
}

// fieldParams are the cmdlet parameters of a kind's fields, which the
// state's Go fields are named after.
func fieldParams[C, S any](k *Kind[C, S]) []string {
	var out []string
	for _, f := range k.Fields {
		out = append(out, f.Param)
	}
	return out
}

// TestPropertyNamedInFewFiles: every property of a kind (its fields'
// cmdlet parameters, and the recipient and permission properties the
// permission kinds read) is named, as a whole word and case-sensitively,
// in at most maxFiles production Go files of the module: the measure
// `grep -lw NAME -r --include=*.go . | grep -v _test.go` gives.
func TestPropertyNamedInFewFiles(t *testing.T) {
	withFields := [][]string{fieldParams(OrganizationRelationship), fieldParams(AvailabilityAddressSpace),
		fieldParams(SendConnector), fieldParams(RemoteDomain), fieldParams(ReceiveConnector),
		fieldParams(InboundConnector), fieldParams(OutboundConnector), fieldParams(FederationTrust),
		fieldParams(EmailAddressPolicy), fieldParams(OnPremisesOrganization),
		fieldParams(MRSProxy), fieldParams(MigrationEndpoint),
		fieldParams(IntraOrganizationConnector), fieldParams(AuthServer), fieldParams(DedicatedApplication),
		fieldParams(PartnerApplication)}
	if declared := declaredKinds(t); declared != len(withFields) {
		t.Fatalf("compiler/kinds declares %d kinds with fields, the test walks %d: add the new one", declared, len(withFields))
	}
	names := slices.Concat(append(withFields, RecipientProperties)...)
	root := filepath.Join("..", "..")
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.Contains(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		files[filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	unused := maps.Clone(overLimit)
	for _, name := range slices.Compact(names) {
		if name == "" {
			continue
		}
		word := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`)
		var in []string
		for path, text := range files {
			if word.MatchString(text) {
				in = append(in, path)
			}
		}
		slices.Sort(in)
		limit := maxFiles
		if over, ok := overLimit[name]; ok {
			if len(in) <= maxFiles {
				t.Errorf("%s is named in %d production files now: take it out of overLimit", name, len(in))
			}
			limit = over.max
		}
		if len(in) > limit {
			t.Errorf("%s is named in %d production files (at most %d): %s", name, len(in), limit, strings.Join(in, ", "))
		}
		delete(unused, name)
	}
	for name := range unused {
		t.Errorf("overLimit names %s, no property of a kind", name)
	}
}

// declaredKinds counts the kinds with fields this package declares
// (var X = &Kind[...]{).
func declaredKinds(t *testing.T) int {
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n += len(regexp.MustCompile(`(?m)^var \w+ = &Kind\[`).FindAll(b, -1))
	}
	return n
}
