package exchange

import (
	"reflect"
	"testing"
)

// TestFactsAgreeWithTable: the sections the compiler reads, decoded on
// their own, are the whole table's.
func TestFactsAgreeWithTable(t *testing.T) {
	whole, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseFacts(behaviourJSON)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.Clouds, whole.Clouds) || !reflect.DeepEqual(f.RoleGroups, whole.RoleGroups) || !reflect.DeepEqual(f.Lifecycle, whole.Lifecycle) {
		t.Error("the facts decoded on their own differ from the table's")
	}
}

// TestFactsSkipTheCmdlets: the facts are read without decoding the other
// sections (a cmdlet entry no decoder accepts does not matter), but as
// strictly as Parse reads them.
func TestFactsSkipTheCmdlets(t *testing.T) {
	data := []byte(` {"cmdlets": [{"name": "x", "unknown": {"a": "}]\"{"}}, 12, true, "C:\\", "\\\"}]"],
		"clouds": [{"name": "worldwide"}], "roleGroups": [], "lifecycle": [{"name": "Exchange Server SE"}], "errors": null} `)
	f, err := parseFacts(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Clouds) != 1 || f.Clouds[0].Name != "worldwide" || len(f.Lifecycle) != 1 || f.Lifecycle[0].Name != "Exchange Server SE" {
		t.Errorf("facts = %+v", f)
	}
	for _, bad := range []string{
		`{"clouds": [{"name": "x", "unknown": 1}], "roleGroups": [], "lifecycle": []}`,
		`{"clouds": [], "roleGroups": []}`,
		`{"clouds": [], "roleGroups": [], "lifecycle": [] `,
		`{"clouds": [], "roleGroups": [], "lifecycle": []} {}`,
		`{"clouds" [], "roleGroups": [], "lifecycle": []}`,
		`{"clouds": [], "roleGroups": [], "lifecycle": [], }`,
		`{"clouds": [], "roleGroups": [], "lifecycle": "[]}`,
		`[]`,
	} {
		if _, err := parseFacts([]byte(bad)); err == nil {
			t.Errorf("parseFacts(%s) accepted it", bad)
		}
	}
}

// TestEmbeddedSections: the sections the lookups decode one by one from
// the embedded table are the whole table's.
func TestEmbeddedSections(t *testing.T) {
	whole, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(must(clouds), whole.Clouds) || !reflect.DeepEqual(must(roleGroups), whole.RoleGroups) || !reflect.DeepEqual(must(lifecycle), whole.Lifecycle) {
		t.Error("a section decoded on its own differs from the table's")
	}
}
