package compiler

import (
	"fmt"
	"strconv"
	"strings"
)

// runbookStep is one run of one script.
type runbookStep struct {
	Number  int
	Indent  string // the indentation of the step's content: the width of "N. "
	Script  string
	Where   string
	Preview string
	Check   string
	Run     string
	Verify  string
	// Intro introduces Kinds: one line per kind of resource, with its
	// count, and the names when there are few (kindSummary).
	Intro string
	Kinds []string
	Note  string
}

// steps are the script runs in order: onprem.ps1, online.ps1,
// entra-connect.ps1, onprem.ps1 again when groups are written back, then
// each partner's script, and any other script of the plan last.
func (rb *runbookBuilder) steps() []runbookStep {
	var steps []runbookStep
	add := func(s runbookStep) {
		s.Number = len(steps) + 1
		s.Indent = strings.Repeat(" ", len(strconv.Itoa(s.Number))+2)
		steps = append(steps, s)
	}
	done := map[*ScriptPlan]bool{}
	run := func(sp *ScriptPlan, where, intro string, resources []*Resource, signed string) runbookStep {
		done[sp] = true
		file := sp.Target.File
		s := runbookStep{
			Script:  mdCode(file),
			Where:   where,
			Preview: mdCode(`.\` + file + " -WhatIf"),
			Check:   mdCode(`.\` + file + " -Check"),
			Run:     mdCode(`.\` + file),
			Verify:  signed,
			Intro:   intro,
		}
		var listed bool
		s.Kinds, listed = kindSummary(resources)
		if !listed {
			s.Note = "A kind with more than " + strconv.Itoa(runbookCap) + " resources is counted, not listed: " + s.Preview +
				" names each change the script would make, and " + s.Check + " each resource that differs from the YAML."
		}
		if len(s.Kinds) == 0 {
			s.Intro = "It declares no resources: it only checks that it runs in the right organization."
		}
		return s
	}
	verify := func(file string) string {
		return mdCode("hybridc verify --ca <CA certificate> --config " + rb.source + " " + shellArg(file))
	}
	const order = "What it configures, by kind, in the order it reaches each kind:"
	onprem := rb.script("onprem.ps1")
	if onprem != nil {
		t := onprem.Target
		where := fmt.Sprintf("in the Exchange Management Shell (Windows PowerShell 5.1) on the hybrid server of the on-premises organization %s, %s, as a member of the Organization Management role group. It refuses to run in any other organization.",
			mdCode(t.Organization), mdText(exchangeName(rb.cfg.OnPremises)))
		add(run(onprem, where, order, onprem.Resources, verify(t.File)))
	}
	if online := rb.script("online.ps1"); online != nil {
		tenant := online.Target.Organization
		where := fmt.Sprintf("in Exchange Online PowerShell (the ExchangeOnlineManagement 3 module, Windows PowerShell 5.1 or PowerShell 7), as an Exchange administrator of the tenant %s, after connecting to it: %s, or app-only %s. It refuses to run connected to any other tenant.",
			mdCode(tenant), mdCode("Connect-ExchangeOnline -UserPrincipalName <administrator>"),
			mdCode("Connect-ExchangeOnline -AppId <app ID> -CertificateThumbprint <thumbprint> -Organization "+Quote(tenant)))
		add(run(online, where, order, online.Resources, verify(online.Target.File)))
	}
	if entra := rb.script(EntraConnectScript); entra != nil {
		where := fmt.Sprintf("on the Microsoft Entra Connect server of %s, in Windows PowerShell as an administrator, after the group writeback steps of the Entra Connect wizard (section 2, Microsoft 365 groups).",
			mdCode(entra.Target.Organization))
		add(run(entra, where, order, entra.Resources, verify(entra.Target.File)))
	}
	if onprem != nil {
		var writeback []*Resource
		for _, r := range onprem.Resources {
			if r.Kind == KindGroupWriteback && !r.Absent {
				writeback = append(writeback, r)
			}
		}
		if len(writeback) > 0 {
			where := fmt.Sprintf("again, after the next Entra Connect synchronization has written the groups back to Active Directory (to start one, on the Entra Connect server: %s). Groups written back are missing from the on-premises address lists until %s runs on them; the first run skipped them as not written back yet.",
				mdCode("Start-ADSyncSyncCycle -PolicyType Delta"), mdCode("Update-Recipient"))
			s := run(onprem, where, "This run adds the groups to the address lists:", writeback, "")
			s.Note = strings.TrimSpace(s.Note + " The rest of the script reports its resources as unchanged.")
			add(s)
		}
	}
	for _, p := range rb.cfg.ExchangeOnline.Partners {
		sp := rb.script(PartnerScript(p.Domain))
		if sp == nil {
			continue
		}
		where := fmt.Sprintf("for the partner tenant %s (%s): hand it to that tenant's administrator, who runs it in Exchange Online PowerShell after connecting to their tenant (%s). It refuses to run connected to any other tenant.",
			mdCode(string(p.Tenant)), mdCode(string(p.Domain)), mdCode("Connect-ExchangeOnline -UserPrincipalName <administrator>"))
		add(run(sp, where, order, sp.Resources, mdCode("hybridc verify --ca <CA certificate> "+shellArg(sp.Target.File))+
			" (the partner has no YAML: this checks that the script is intact and who signed it)"))
	}
	for _, sp := range rb.plan.Scripts {
		if !done[sp] {
			add(run(sp, "for "+mdText(sp.Target.Title)+".", order, sp.Resources, verify(sp.Target.File)))
		}
	}
	return steps
}
