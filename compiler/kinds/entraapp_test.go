package kinds

import (
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
)

// TestAppRolesCoverTheEnums: every permission the schema accepts has an app
// role id in AppRoles, for its API, and the table holds nothing the schema
// refuses.
func TestAppRolesCoverTheEnums(t *testing.T) {
	want := map[string]string{}
	for _, v := range config.Enums["ExchangeAppPermission"] {
		want[v] = ExchangeOnlineAppID
	}
	for _, v := range config.Enums["GraphAppPermission"] {
		want[v] = MicrosoftGraphAppID
	}
	if len(want) == 0 {
		t.Fatal("no permission enums")
	}
	for v, api := range want {
		if _, ok := AppRoleOf(api, v); !ok {
			t.Errorf("permission %s of %s has no app role id in AppRoles", v, api)
		}
	}
	for _, r := range AppRoles {
		if want[r.Value] != r.ResourceAppID {
			t.Errorf("AppRoles lists %s of %s, which the schema does not accept", r.Value, r.API)
		}
	}
}
