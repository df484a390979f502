package runbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
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

// stepsIntro introduces the kinds a step's script configures.
const stepsIntro = "What it configures, by kind, in the order it reaches each kind:"

// steps are the script runs in order: onprem.ps1, online.ps1,
// entra-connect.ps1, onprem.ps1 again when groups are written back, then
// each partner's script, and any other script of the plan last.
func (rb *runbookBuilder) steps() []runbookStep {
	l := &stepList{done: map[*model.ScriptSchedule]bool{}}
	rb.entraAppStep(l)
	onprem := rb.script("onprem.ps1")
	if onprem != nil {
		l.Add(l.Run(onprem, rb.onPremisesWhere(onprem.Target), stepsIntro, onprem.Resources, rb.verifyCommand(onprem.Target.File)))
	}
	if online := rb.script("online.ps1"); online != nil {
		l.Add(l.Run(online, onlineWhere(online.Target.Organization), stepsIntro, online.Resources, rb.verifyCommand(online.Target.File)))
	}
	if entra := rb.script(model.EntraConnectScript); entra != nil {
		where := fmt.Sprintf("on the Microsoft Entra Connect server of %s, in Windows PowerShell as an administrator, after the group writeback steps of the Entra Connect wizard (section 2, Microsoft 365 groups).",
			MdCode(entra.Target.Organization))
		l.Add(l.Run(entra, where, stepsIntro, entra.Resources, rb.verifyCommand(entra.Target.File)))
	}
	if onprem != nil {
		l.writebackRun(onprem)
	}
	rb.partnerSteps(l)
	for _, sp := range rb.schedule.Scripts {
		if !l.done[sp] {
			l.Add(l.Run(sp, "for "+MdText(sp.Target.Title)+".", stepsIntro, sp.Resources, rb.verifyCommand(sp.Target.File)))
		}
	}
	return l.steps
}

// stepList collects the steps, numbered in order, and the scripts they
// run.
type stepList struct {
	steps []runbookStep
	done  map[*model.ScriptSchedule]bool
}

// Add numbers s and appends it.
func (l *stepList) Add(s runbookStep) {
	s.Number = len(l.steps) + 1
	s.Indent = strings.Repeat(" ", len(strconv.Itoa(s.Number))+2)
	l.steps = append(l.steps, s)
}

// Run is the step that runs sp where says, introducing its resources with
// intro; signed tells how to verify the script's signature ("" for none).
func (l *stepList) Run(sp *model.ScriptSchedule, where, intro string, resources []*model.Resource, signed string) runbookStep {
	l.done[sp] = true
	file := sp.Target.File
	s := runbookStep{
		Script:  MdCode(file),
		Where:   where,
		Preview: MdCode(`.\` + file + " -WhatIf"),
		Check:   MdCode(`.\` + file + " -Check"),
		Run:     MdCode(`.\` + file),
		Verify:  signed,
		Intro:   intro,
	}
	var listed bool
	s.Kinds, listed = KindSummary(resources)
	if !listed {
		s.Note = "A kind with more than " + strconv.Itoa(RunbookCap) + " resources is counted, not listed: " + s.Preview +
			" names each change the script would make, and " + s.Check + " each resource that differs from the YAML."
	}
	if len(s.Kinds) == 0 {
		s.Intro = "It declares no resources: it only checks that it runs in the right organization."
	}
	return s
}

// verifyCommand is the command that verifies the signature of the script file
// against the YAML.
func (rb *runbookBuilder) verifyCommand(file string) string {
	return MdCode("hybridc verify --ca <CA certificate> --config " + rb.source + " " + ShellArg(file))
}

// onPremisesWhere says where onprem.ps1 runs.
func (rb *runbookBuilder) onPremisesWhere(t *model.Target) string {
	return fmt.Sprintf("in the Exchange Management Shell (Windows PowerShell 5.1) on the hybrid server of the on-premises organization %s, %s, as a member of the Organization Management role group. It refuses to run in any other organization.",
		MdCode(t.Organization), MdText(exchangeName(rb.cfg.OnPremises)))
}

// onlineWhere says where online.ps1 runs, connected to tenant.
func onlineWhere(tenant string) string {
	return fmt.Sprintf("in Exchange Online PowerShell (the ExchangeOnlineManagement 3 module, Windows PowerShell 5.1 or PowerShell 7), as an Exchange administrator of the tenant %s, after connecting to it: %s, or app-only %s. It refuses to run connected to any other tenant.",
		MdCode(tenant), MdCode("Connect-ExchangeOnline -UserPrincipalName <administrator>"),
		MdCode("Connect-ExchangeOnline -AppId <app ID> -CertificateThumbprint <thumbprint> -Organization "+pstext.Quote(tenant)))
}

// writebackRun adds the second run of onprem.ps1 when it declares groups
// written back: they join the address lists only once Entra Connect has
// written them back.
func (l *stepList) writebackRun(onprem *model.ScriptSchedule) {
	var writeback []*model.Resource
	for _, r := range onprem.Resources {
		if r.Kind == model.KindGroupWriteback && !r.Absent {
			writeback = append(writeback, r)
		}
	}
	if len(writeback) == 0 {
		return
	}
	where := fmt.Sprintf("again, after the next Entra Connect synchronization has written the groups back to Active Directory (to start one, on the Entra Connect server: %s). Groups written back are missing from the on-premises address lists until %s runs on them; the first run skipped them as not written back yet.",
		MdCode("Start-ADSyncSyncCycle -PolicyType Delta"), MdCode("Update-Recipient"))
	s := l.Run(onprem, where, "This run adds the groups to the address lists:", writeback, "")
	s.Note = strings.TrimSpace(s.Note + " The rest of the script reports its resources as unchanged.")
	l.Add(s)
}

// partnerSteps adds each partner's script, for the partner's
// administrator to run.
func (rb *runbookBuilder) partnerSteps(l *stepList) {
	for _, p := range rb.cfg.ExchangeOnline.Partners {
		sp := rb.script(model.PartnerScript(p.Domain))
		if sp == nil {
			continue
		}
		where := fmt.Sprintf("for the partner tenant %s (%s): hand it to that tenant's administrator, who runs it in Exchange Online PowerShell after connecting to their tenant (%s). It refuses to run connected to any other tenant.",
			MdCode(string(p.Tenant)), MdCode(string(p.Domain)), MdCode("Connect-ExchangeOnline -UserPrincipalName <administrator>"))
		l.Add(l.Run(sp, where, stepsIntro, sp.Resources, MdCode("hybridc verify --ca <CA certificate> "+ShellArg(sp.Target.File))+
			" (the partner has no YAML: this checks that the script is intact and who signed it)"))
	}
}
