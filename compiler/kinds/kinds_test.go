package kinds

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// TestDeclarationsMatchTheirTemplate: each kind's engine function and
// cmdlets are in the template of its family, which the declaration's file
// mirrors (kinds/<family>.go, templates/engine-<family>.ps1.tmpl).
func TestDeclarationsMatchTheirTemplate(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range All() {
		if seen[d.Name] {
			t.Errorf("%s declared twice", d.Name)
		}
		seen[d.Name] = true
		if _, err := os.Stat(d.Family + ".go"); err != nil {
			t.Errorf("%s: family %q has no kinds/%s.go", d.Name, d.Family, d.Family)
		}
		tmpl, err := os.ReadFile(filepath.Join("..", "..", "templates", "engine-"+d.Family+".ps1.tmpl"))
		if err != nil {
			t.Errorf("%s: %v", d.Name, err)
			continue
		}
		if !regexp.MustCompile(`(?m)^function ` + regexp.QuoteMeta(d.Engine.Function) + ` \{`).Match(tmpl) {
			t.Errorf("%s: engine-%s.ps1.tmpl defines no %s", d.Name, d.Family, d.Engine.Function)
		}
		for _, list := range [][]string{d.Reads, d.Writes, d.Removes, d.Creates} {
			for _, cmd := range list {
				if !regexp.MustCompile(`\b` + regexp.QuoteMeta(cmd) + `\b`).Match(tmpl) {
					t.Errorf("%s: engine-%s.ps1.tmpl never calls %s", d.Name, d.Family, cmd)
				}
			}
		}
	}
}

// TestFieldsAreDocumentedParameters: every field's cmdlet parameter is a
// documented parameter of each of its kind's write cmdlets (Microsoft's
// catalog, golden/pscheck/catalog), and its YAML key is the key of the
// configuration's field the declaration points at.
func TestFieldsAreDocumentedParameters(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "golden", "pscheck", "catalog", "exchange-cmdlets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var catalog struct {
		Cmdlets map[string]struct {
			Params map[string]json.RawMessage `json:"params"`
		} `json:"cmdlets"`
	}
	if err := json.Unmarshal(data, &catalog); err != nil {
		t.Fatal(err)
	}
	check := func(d Decl, params, keys []string, yamlType reflect.Type) {
		for i, p := range params {
			for _, cmd := range d.Writes {
				if _, ok := catalog.Cmdlets[cmd].Params[p]; !ok {
					t.Errorf("%s: %s has no parameter -%s", d.Name, cmd, p)
				}
			}
			if !hasYAMLKey(yamlType, keys[i]) {
				t.Errorf("%s: %s has no YAML key %s", d.Name, yamlType.Name(), keys[i])
			}
		}
	}
	check(OrganizationRelationship.Decl, params(OrganizationRelationship.Fields), keys(OrganizationRelationship.Fields), reflect.TypeFor[config.OrganizationRelationship]())
	check(SendConnector.Decl, params(SendConnector.Fields), keys(SendConnector.Fields), reflect.TypeFor[config.SendConnector]())
	check(RemoteDomain.Decl, params(RemoteDomain.Fields), keys(RemoteDomain.Fields), reflect.TypeFor[config.RemoteDomain]())
	check(IntraOrganizationConnector.Decl, params(IntraOrganizationConnector.Fields), keys(IntraOrganizationConnector.Fields), reflect.TypeFor[config.IntraOrganizationConnector]())
	check(AuthServer.Decl, params(AuthServer.Fields), keys(AuthServer.Fields), reflect.TypeFor[config.AuthServer]())
	check(DedicatedApplication.Decl, params(DedicatedApplication.Fields), keys(DedicatedApplication.Fields), reflect.TypeFor[config.OAuth]())
	check(PartnerApplication.Decl, params(PartnerApplication.Fields), keys(PartnerApplication.Fields), reflect.TypeFor[config.PartnerApplication]())
	check(AvailabilityAddressSpace.Decl, params(AvailabilityAddressSpace.Fields), keys(AvailabilityAddressSpace.Fields), reflect.TypeFor[config.AvailabilityAddressSpace]())
}

func params[C, S any](fs []Field[C, S]) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Param)
	}
	return out
}

func keys[C, S any](fs []Field[C, S]) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Key)
	}
	return out
}

func hasYAMLKey(t reflect.Type, key string) bool {
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("yaml"); tag == key || len(tag) > len(key) && tag[:len(key)+1] == key+"," {
			return true
		}
	}
	return false
}

// TestRelationshipRoundTrip: a declared relationship synthesized into a
// state entry and imported again is the declaration (domains in lower
// case and sorted), and every declared setting is the state's current
// value of its parameter.
func TestRelationshipRoundTrip(t *testing.T) {
	on, off := true, false
	want := config.OrganizationRelationship{Enabled: &on, DomainNames: []config.DomainName{"a.contoso.com", "b.contoso.com"},
		FreeBusyAccessEnabled: &on, FreeBusyAccessLevel: "LimitedDetails", FreeBusyAccessScope: "fb@contoso.com",
		MailTipsAccessEnabled: &off, DeliveryReportEnabled: &on, TargetApplicationUri: "outlook.com",
		TargetAutodiscoverEpr: "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurity",
		TargetSharingEpr:      "https://mail.contoso.com/ews/exchange.asmx"}
	var st state.OrganizationRelationship
	OrganizationRelationship.Synthesize(&want, &st)
	for _, p := range OrganizationRelationship.Properties(&want) {
		if got := OrganizationRelationship.Current(&st, p.Name); !reflect.DeepEqual(got, p.Value) {
			t.Errorf("%s: current %v, declared %v", p.Name, got, p.Value)
		}
	}
	st.DomainNames = []string{"B.contoso.com", "A.contoso.com"}
	var got config.OrganizationRelationship
	OrganizationRelationship.Import(&st, &got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("imported %+v\nwant %+v", got, want)
	}
	if ps := OrganizationRelationship.Properties(&want); ps[0].Name != "DomainNames" || !ps[0].Additive || ps[0].Compare != CompareSuperset {
		t.Errorf("DomainNames is not listed first as an additive superset: %+v", ps[0])
	}
}

// TestImportRules: levels are imported only where their access is on, and
// an endpoint only when it is an https URL.
func TestImportRules(t *testing.T) {
	off := false
	st := state.OrganizationRelationship{FreeBusyAccessEnabled: &off, FreeBusyAccessLevel: "AvailabilityOnly", MailTipsAccessLevel: "All",
		TargetSharingEpr: "http://mail.contoso.com/ews/exchange.asmx", TargetAutodiscoverEpr: "https://autodiscover.contoso.com/x"}
	var got config.OrganizationRelationship
	OrganizationRelationship.Import(&st, &got)
	if got.FreeBusyAccessLevel != "" || got.MailTipsAccessLevel != "" {
		t.Errorf("levels imported without their access: %+v", got)
	}
	if got.TargetSharingEpr != "" || got.TargetAutodiscoverEpr != "https://autodiscover.contoso.com/x" {
		t.Errorf("endpoints: %q %q", got.TargetSharingEpr, got.TargetAutodiscoverEpr)
	}
}
