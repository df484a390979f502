package runbook

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// runbookMigrationChecks are the commands that show the MRS proxy
// endpoints on-premises and test each migration endpoint online.
type runbookMigrationChecks struct {
	OnPremises *codeBlock
	Online     *codeBlock
}

// migrationChecks verify what mailbox moves need, in the order each
// script applies it; at most runbookCap of each kind (checkSample).
func (rb *runbookBuilder) migrationChecks() *runbookMigrationChecks {
	c := &runbookMigrationChecks{}
	if sp := rb.script("onprem.ps1"); sp != nil {
		block := NewCodeBlock("powershell")
		checkSample(block, "onprem.ps1", sp.Resources, func(r *model.Resource) bool { return r.Kind == model.KindMRSProxy },
			func(r *model.Resource) { mrsProxyCheck(block, r) })
		if len(block.Lines) > 0 {
			c.OnPremises = block
		}
	}
	if sp := rb.script("online.ps1"); sp != nil {
		block := NewCodeBlock("powershell")
		checkSample(block, "online.ps1", sp.Resources, func(r *model.Resource) bool { return r.Kind == model.KindMigrationEndpoint },
			func(r *model.Resource) { endpointCheck(block, r) })
		if len(block.Lines) > 0 {
			c.Online = block
		}
	}
	if c.OnPremises == nil && c.Online == nil {
		return nil
	}
	return c
}

// mrsProxyCheck shows one virtual directory's MRS proxy setting.
func mrsProxyCheck(b *codeBlock, r *model.Resource) {
	param := kinds.MRSProxy.Param("enabled")
	expect := param + " as it is (not managed)"
	for _, s := range kinds.MRSProxy.Declared(r.Spec.(*config.MRSProxy)) {
		expect = s.Param + " " + psBool(s.Value)
	}
	b.Add("expect "+expect+" on "+r.Name,
		"Get-WebServicesVirtualDirectory -Identity "+pstext.Quote(r.Name)+" -ADPropertiesOnly | Format-List Identity, "+param)
}

// endpointCheck shows one migration endpoint and tests that Exchange
// Online reaches its MRS proxy with an on-premises account.
func endpointCheck(b *codeBlock, r *model.Resource) {
	var expect []string
	server := ""
	for _, s := range kinds.MigrationEndpoint.Declared(r.Spec.(*config.MigrationEndpoint)) {
		expect = append(expect, s.Param+" "+fmt.Sprint(s.Value))
		if s.Key == "remoteServer" {
			server = fmt.Sprint(s.Value)
		}
	}
	shown := []string{"Identity", "EndpointType"}
	for _, f := range kinds.MigrationEndpoint.Fields {
		shown = append(shown, f.Param)
	}
	b.Add("expect EndpointType ExchangeRemoteMove; "+strings.Join(expect, "; "),
		"Get-MigrationEndpoint -Identity "+pstext.Quote(r.Name)+" | Format-List "+strings.Join(shown, ", "))
	b.Add("expect Result Success: Exchange Online reaches the MRS proxy at "+server+" with an on-premises account that may move mailboxes",
		"Test-MigrationServerAvailability -ExchangeRemoteMove -"+kinds.MigrationEndpoint.Param("remoteServer")+" "+pstext.Quote(server)+" -Credentials (Get-Credential) | Format-List Result, Message")
}
