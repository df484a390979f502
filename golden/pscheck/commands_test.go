package pscheck

import (
	"reflect"
	"testing"
)

// seedSplat is the shape hybridc generates for New-X / Set-X with splats.
const seedSplat = `$desired = [ordered]@{
    DomainNames = @('service.contoso.com', 'contoso.com')
    Enabled     = $true
    FreeBusyAccessLevel = 'LimitedDetails'
}
New-OrganizationRelationship -Name 'To Cloud' @desired
$drift = Compare-HybridcState -Current $current -Desired $desired -SetProperties 'DomainNames'
Set-OrganizationRelationship -Identity 'To Cloud' @drift
`

func TestCommandsFindsEveryInvocation(t *testing.T) {
	Require(t)
	src := `function Invoke-Step {
    param($x)
    if ($x) { Get-Mailbox -Identity 'a' } elseif ($y) { Get-User } else { Get-Group }
}
try { Set-Mailbox -Identity 'b' } catch { Write-Warning $_ }
$n = @(Get-Mailbox | Where-Object { $_.Name -like 'x*' } | ForEach-Object { Get-MailboxStatistics -Identity $_.Identity })
Write-Output "$(Get-Date) done"
& 'Get-Recipient' -Identity 'c'
& $block
`
	got, err := Commands([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var piped []bool
	for _, c := range got {
		names = append(names, c.Name)
		piped = append(piped, c.Piped)
	}
	wantNames := []string{"Get-Mailbox", "Get-User", "Get-Group", "Set-Mailbox", "Write-Warning", "Get-Mailbox", "Where-Object", "ForEach-Object", "Get-MailboxStatistics", "Write-Output", "Get-Date", "Get-Recipient", "$block"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Fatalf("names = %q\nwant    %q", names, wantNames)
	}
	wantPiped := []bool{false, false, false, false, false, false, true, true, false, false, false, false, false}
	if !reflect.DeepEqual(piped, wantPiped) {
		t.Errorf("piped = %v, want %v", piped, wantPiped)
	}
	if !got[len(got)-1].Dynamic || got[len(got)-2].Dynamic {
		t.Errorf("Dynamic: & $block should be dynamic, & 'Get-Recipient' not: %+v", got[len(got)-2:])
	}
	if got[0].Line != 3 || got[0].Col != 15 {
		t.Errorf("first command at %d:%d, want 3:15", got[0].Line, got[0].Col)
	}
}

func TestCommandsParameters(t *testing.T) {
	Require(t)
	tests := []struct {
		name       string
		src        string
		wantParams []Param // Line/Col are not compared
		wantPos    []string
	}{
		{
			name: "value forms",
			src:  `Set-X -A 'v' -B:$true -C 'a','b' -D @('c') -E $var -F 3 -G -H -1 -I SilentlyContinue -J "x$y"`,
			wantParams: []Param{
				{Name: "A", Value: "'v'", Literal: true},
				{Name: "B", Value: "$true", Literal: true, Colon: true},
				{Name: "C", Value: "'a','b'", Literal: true},
				{Name: "D", Value: "@('c')", Literal: true},
				{Name: "E", Value: "$var"},
				{Name: "F", Value: "3", Literal: true},
				{Name: "G"},
				{Name: "H", Value: "-1", Literal: true},
				{Name: "I", Value: "SilentlyContinue", Literal: true},
				{Name: "J", Value: `"x$y"`},
			},
		},
		{
			name:       "positional arguments",
			src:        `New-X 'first' second -Name 'n' 3`,
			wantParams: []Param{{Name: "Name", Value: "'n'", Literal: true}},
			wantPos:    []string{"'first'", "second", "3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Commands([]byte(tt.src))
			if err != nil || len(got) != 1 {
				t.Fatalf("Commands = %+v, %v; want one command", got, err)
			}
			params := got[0].Params
			for i := range params {
				params[i].Line, params[i].Col = 0, 0
			}
			if !reflect.DeepEqual(params, tt.wantParams) {
				t.Errorf("Params =\n%+v\nwant\n%+v", params, tt.wantParams)
			}
			if !reflect.DeepEqual(got[0].Positional, tt.wantPos) {
				t.Errorf("Positional = %q, want %q", got[0].Positional, tt.wantPos)
			}
		})
	}
}

func TestCommandsResolvesSplats(t *testing.T) {
	Require(t)
	got, err := Commands([]byte(seedSplat))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d commands, want 3: %+v", len(got), got)
	}
	newRel, set := got[0], got[2]
	wantNew := []Param{
		{Name: "Name", Value: "'To Cloud'", Literal: true, Line: 6, Col: 30},
		{Name: "DomainNames", Value: "@('service.contoso.com', 'contoso.com')", Literal: true, FromSplat: "desired", Line: 2, Col: 5},
		{Name: "Enabled", Value: "$true", Literal: true, FromSplat: "desired", Line: 3, Col: 5},
		{Name: "FreeBusyAccessLevel", Value: "'LimitedDetails'", Literal: true, FromSplat: "desired", Line: 4, Col: 5},
	}
	if !reflect.DeepEqual(newRel.Params, wantNew) {
		t.Errorf("New-OrganizationRelationship params =\n%+v\nwant\n%+v", newRel.Params, wantNew)
	}
	if !reflect.DeepEqual(newRel.Splats, []string{"desired"}) || len(newRel.Unresolved) != 0 {
		t.Errorf("New-OrganizationRelationship splats %q unresolved %q, want [desired] and none", newRel.Splats, newRel.Unresolved)
	}
	if !reflect.DeepEqual(set.Unresolved, []string{"drift"}) {
		t.Errorf("Set-OrganizationRelationship unresolved = %q, want [drift]", set.Unresolved)
	}
	var derived []string
	for _, p := range set.Params {
		if p.Derived && p.FromSplat == "drift" {
			derived = append(derived, p.Name)
		}
	}
	if want := []string{"DomainNames", "Enabled", "FreeBusyAccessLevel"}; !reflect.DeepEqual(derived, want) {
		t.Errorf("derived keys = %q, want %q", derived, want)
	}
}

func TestCommandsSplatEdgeCases(t *testing.T) {
	Require(t)
	tests := []struct {
		name           string
		src            string
		wantNames      []string // params of the last command
		wantUnresolved []string
	}{
		{name: "nearest preceding assignment wins", src: "$p = @{ A = 1 }\n$p = @{ B = 2 }\nSet-X @p\n$p = @{ C = 3 }\n", wantNames: []string{"B"}},
		{name: "scope prefix and cast", src: "[hashtable]$script:p = @{ 'Quoted' = 1 }\nSet-X @p\n", wantNames: []string{"Quoted"}},
		{name: "not assigned", src: "Set-X @nowhere\n", wantUnresolved: []string{"nowhere"}},
		{name: "assigned from a command", src: "$p = Get-Params\nSet-X @p\n", wantUnresolved: []string{"p"}},
		{name: "assignment after the command is ignored", src: "Set-X @p\n$p = @{ A = 1 }\n", wantUnresolved: []string{"p"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Commands([]byte(tt.src))
			if err != nil || len(got) == 0 {
				t.Fatalf("Commands = %+v, %v", got, err)
			}
			last := got[len(got)-1]
			for len(got) > 0 && last.Name != "Set-X" {
				got = got[:len(got)-1]
				last = got[len(got)-1]
			}
			var names []string
			for _, p := range last.Params {
				names = append(names, p.Name)
			}
			if !reflect.DeepEqual(names, tt.wantNames) || !reflect.DeepEqual(last.Unresolved, tt.wantUnresolved) {
				t.Errorf("params %q unresolved %q, want %q and %q", names, last.Unresolved, tt.wantNames, tt.wantUnresolved)
			}
		})
	}
}
