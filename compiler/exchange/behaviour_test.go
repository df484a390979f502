package exchange

import (
	"slices"
	"strings"
	"testing"
)

// TestParseStrict rejects unknown fields and trailing data.
func TestParseStrict(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantErr bool
	}{
		{name: "embedded table", data: string(behaviourJSON)},
		{name: "unknown field", data: `{"cmdlets":[],"colour":1}`, wantErr: true},
		{name: "trailing data", data: `{"cmdlets":[]} {}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data))
			if (err != nil) != tt.wantErr {
				t.Fatalf("Parse error = %v, wantErr %t", err, tt.wantErr)
			}
		})
	}
}

// checkProv requires a source on every entry and a note on every
// unconfirmed one.
func checkProv(t *testing.T, where string, p Provenance) {
	t.Helper()
	if strings.TrimSpace(p.Source) == "" {
		t.Errorf("%s: no source", where)
	}
	if !p.Confirmed && strings.TrimSpace(p.Note) == "" {
		t.Errorf("%s: unconfirmed without a note", where)
	}
}

// TestEntriesWellFormed checks sources, notes, forms and enumerations.
func TestEntriesWellFormed(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range tab.Cmdlets {
		if seen[strings.ToLower(c.Name)] {
			t.Errorf("%s listed twice", c.Name)
		}
		seen[strings.ToLower(c.Name)] = true
		checkProv(t, c.Name, c.Provenance)
		for _, p := range c.Identities {
			checkProv(t, c.Name+" -"+p.Param, p.Provenance)
			if len(p.Forms) == 0 {
				t.Errorf("%s -%s: no forms", c.Name, p.Param)
			}
			for _, f := range p.Forms {
				if !slices.Contains(KnownForms, f) {
					t.Errorf("%s -%s: unknown form %q", c.Name, p.Param, f)
				}
			}
		}
		if r := c.Read; r != nil {
			checkProv(t, c.Name+" read", r.Provenance)
			if !slices.Contains([]string{NotFoundError, NotFoundEmpty, NotFoundUnknown, NotFoundNotApplicable}, r.NotFound) {
				t.Errorf("%s: notFound %q", c.Name, r.NotFound)
			}
		}
		if strings.HasPrefix(c.Name, "Get-") && c.Read == nil {
			t.Errorf("%s: a Get- cmdlet without read behaviour", c.Name)
		}
		for _, p := range c.Properties {
			checkProv(t, c.Name+" ."+p.Name, p.Provenance)
		}
		for _, m := range c.MultiValued {
			checkProv(t, c.Name+" list -"+m.Param, m.Provenance)
		}
	}
	classes := []string{ClassNotFound, ClassAmbiguous, ClassAccessDenied, ClassTransient, ClassDehydrated, ClassBenign}
	for i, e := range tab.Errors {
		checkProv(t, "error "+e.Class, e.Provenance)
		if !slices.Contains(classes, e.Class) || len(e.Match) == 0 {
			t.Errorf("error %d: class %q, match %v", i, e.Class, e.Match)
		}
	}
	for _, c := range tab.Clouds {
		checkProv(t, "cloud "+c.Name, c.Provenance)
	}
	for _, g := range tab.RoleGroups {
		checkProv(t, "role group "+g.Name, g.Provenance)
	}
	for _, p := range tab.Lifecycle {
		checkProv(t, p.Name, p.Provenance)
	}
}

// TestRecordedErrorsClassify feeds every recorded shape to the classifier:
// each must come back as its own class.
func TestRecordedErrorsClassify(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tab.Errors {
		text := strings.Join([]string{e.Message, e.Exception, e.Category, e.FullyQualifiedErrorID}, " ")
		if got := ClassifyError(text); got != e.Class {
			t.Errorf("%s (%s): classified %q, want %q", e.Message, e.Source, got, e.Class)
		}
	}
}

func TestClassifyError(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{name: "on-premises not found", text: "The operation couldn't be performed because object 'To Cloud' couldn't be found on 'dc1.contoso.com'.", want: ClassNotFound},
		{name: "online ambiguous", text: "Ex9E65A2|Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException|The operation couldn't be performed because object: 'Jane Doe' matches multiple entries.", want: ClassAmbiguous},
		{name: "benign customization", text: "This operation is not available in current service offer.", want: ClassBenign},
		{name: "transport broke", text: "The I/O operation has been aborted because of either a thread exit or an application request.", want: ClassTransient},
		{name: "unrelated", text: "Cannot bind parameter 'AccessRights'.", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ClassifyError(tt.text); got != tt.want {
				t.Fatalf("ClassifyError = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBuiltInRoleGroups(t *testing.T) {
	tests := []struct {
		name   string
		group  string
		online bool
		want   bool
	}{
		{name: "org management online", group: "organization management", online: true, want: true},
		{name: "org management on-premises", group: "Organization Management", online: false, want: true},
		{name: "delegated setup is on-premises only", group: "Delegated Setup", online: true, want: false},
		{name: "delegated setup on-premises", group: "Delegated Setup", online: false, want: true},
		{name: "prefix group online", group: "ExchangeServiceAdmins_-1234567", online: true, want: true},
		{name: "bare prefix is not a group", group: "TenantAdmins_", online: true, want: false},
		{name: "custom group", group: "Contoso Helpdesk", online: true, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsBuiltInRoleGroup(tt.group, tt.online); got != tt.want {
				t.Fatalf("IsBuiltInRoleGroup(%q, %t) = %t, want %t", tt.group, tt.online, got, tt.want)
			}
		})
	}
	if !slices.Contains(BuiltInRoleGroups(true), "TenantAdmins_*") {
		t.Error("online list lacks TenantAdmins_*")
	}
}

func TestCloud(t *testing.T) {
	tests := []struct {
		name     string
		tenant   string
		wantOK   bool
		wantName string
		wantURI  string
	}{
		{name: "worldwide", tenant: "contoso.onmicrosoft.com", wantOK: true, wantName: "worldwide", wantURI: "outlook.com"},
		{name: "worldwide routing domain", tenant: "Contoso.mail.onmicrosoft.com", wantOK: true, wantName: "worldwide", wantURI: "outlook.com"},
		{name: "china", tenant: "contoso.partner.onmschina.cn", wantOK: true, wantName: "china"},
		{name: "us government is ambiguous", tenant: "contoso.onmicrosoft.us", wantOK: false},
		{name: "custom domain", tenant: "contoso.com", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := Cloud(tt.tenant)
			if ok != tt.wantOK || c.Name != tt.wantName || c.ApplicationURI != tt.wantURI {
				t.Fatalf("Cloud(%q) = %q %q %t", tt.tenant, c.Name, c.ApplicationURI, ok)
			}
		})
	}
	if c, ok := CloudNamed("worldwide"); !ok || c.AutodiscoverEndpoint != "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurity" {
		t.Errorf("worldwide EPR = %q", c.AutodiscoverEndpoint)
	}
}

func TestLookups(t *testing.T) {
	tests := []struct {
		name   string
		cmdlet string
		param  string
		form   string
		want   bool
	}{
		{name: "AD permission takes a DN", cmdlet: "Add-ADPermission", param: "Identity", form: FormDistinguishedName, want: true},
		{name: "AD permission has no UPN identity", cmdlet: "Add-ADPermission", param: "Identity", form: FormUPN, want: false},
		{name: "trustee takes a UPN", cmdlet: "add-recipientpermission", param: "trustee", form: FormUPN, want: true},
		{name: "role group members by SMTP", cmdlet: "Update-RoleGroupMember", param: "Members", form: FormEmailAddress, want: true},
		{name: "unknown cmdlet", cmdlet: "Get-Nothing", param: "Identity", form: FormName, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Accepts(tt.cmdlet, tt.param, tt.form); got != tt.want {
				t.Fatalf("Accepts = %t, want %t", got, tt.want)
			}
		})
	}
	c, ok := Cmdlet("Update-RoleGroupMember")
	if !ok || len(c.MultiValued) != 1 || !c.MultiValued[0].Replaces {
		t.Error("Update-RoleGroupMember -Members must be recorded as replacing")
	}
	if len(NotFoundShapes()) == 0 {
		t.Error("no not-found shapes")
	}
}
