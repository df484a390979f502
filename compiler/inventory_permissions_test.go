package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// TestSendAsGroupOnlineOnly: Send As on a Microsoft 365 group for an
// Exchange Online mailbox is granted in Exchange Online only: both ends
// are there (seed 003 asks for the dual grant only across premises).
func TestSendAsGroupOnlineOnly(t *testing.T) {
	yaml := `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
  groups:
    - {name: Falcon, primarySmtpAddress: falcon@groups.contoso.com, members: [EXO1]}
mailboxes:
  - {name: ONPREM1, location: onPremises}
  - {name: EXO1, location: exchangeOnline}
permissions:
  - {access: SendAs, mailbox: Falcon, trustee: EXO1}
`
	res, err := Compile(load.Source{Name: "input.yaml", Data: []byte(yaml)}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("compile: %v %s", err, res.Diagnostics.String())
	}
	if strings.Contains(string(res.Files["onprem.ps1"]), "Mailbox = 'Falcon'") {
		t.Error("onprem.ps1 grants Send As on the group: both ends are in Exchange Online")
	}
	if !strings.Contains(string(res.Files["online.ps1"]), "Mailbox = 'Falcon'; Trustee = 'EXO1'") {
		t.Error("online.ps1 lacks the Send As grant on the group")
	}
}
