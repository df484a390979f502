package compiler

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/scalegen"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/pstext"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// decodeRuns is how many PowerShell processes each decoding measurement
// starts; the reported figures are their medians.
const decodeRuns = 5

// BenchmarkDecodeEscaped measures, in pwsh, the run-time decoding of the
// data section's escaped strings (Restore-HybridcText) alone, separately
// from evaluating the data section itself, each in a fresh PowerShell
// process, decodeRuns times; it reports the medians (decode-s, data-s) and
// how many escaped strings were decoded. It measures:
//
//   - onprem.ps1 and online.ps1 of the benchmark deployment (scalegen: 5,000
//     mailboxes, 50,000 permissions) with every mailbox named
//     "Kovács Ödön Ő 000123", so that each mailbox and trustee is escaped;
//   - a data section of 50,000 items with 6 escaped fields each.
//
// It skips without pwsh and asserts no timing. Run it alone:
//
//	go test ./compiler -run '^$' -bench DecodeEscaped -benchtime 1x
func BenchmarkDecodeEscaped(b *testing.B) {
	cfg := scalegen.Config(5_000, 50_000, 1)
	names := map[config.Identity]config.Identity{}
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		names[m.Name] = config.Identity(fmt.Sprintf("Kovács Ödön Ő %06d", i))
		m.Name = names[m.Name]
	}
	for i := range cfg.Permissions {
		p := &cfg.Permissions[i]
		p.Mailbox, p.Trustee = names[p.Mailbox], names[p.Trustee]
	}
	res, err := Compile(load.Source{Name: "scale.yaml", Data: scalegen.YAML(cfg)}, renderpkg.Options{ToolVersion: "bench"})
	if err != nil || res.Files == nil {
		b.Fatal(err, res.Diagnostics)
	}
	for _, name := range []string{"onprem.ps1", "online.ps1"} {
		b.Run(name, func(b *testing.B) { measureDecode(b, timedScript(b, string(res.Files[name]))) })
	}
	b.Run("items=50000x6", func(b *testing.B) { measureDecode(b, syntheticDecodeScript(b, 50_000, 6)) })
}

// timedScript cuts a compiled script after the definition of
// Restore-HybridcText and times the evaluation of its data section and
// the decoding separately (decodeTimer).
func timedScript(b *testing.B, script string) string {
	start := strings.Index(script, "$HybridcDesired = data {")
	end := strings.Index(script, "\nif ($HybridcEscaped) {")
	if start < 0 || end < start {
		b.Fatal("no data section followed by its decoding in the script")
	}
	return script[:start] + "$dataWatch = [System.Diagnostics.Stopwatch]::StartNew()\n" + script[start:end] + "\n$dataWatch.Stop()\n" + decodeTimer
}

// decodeTimer decodes $HybridcDesired, timed, and prints the seconds the
// data section and the decoding took and the number of escaped strings.
const decodeTimer = `
if (-not $HybridcEscaped) { throw 'nothing to decode' }
$escaped = 0
$pending = New-Object -TypeName 'System.Collections.Stack'
$pending.Push($HybridcDesired)
while ($pending.Count -gt 0) {
    $node = $pending.Pop()
    foreach ($value in @($(if ($node -is [System.Collections.IDictionary]) { $node.Values } else { $node }))) {
        if ($value -is [string]) { if ($value.StartsWith('~u~', [System.StringComparison]::Ordinal)) { $escaped++ } }
        elseif ($value -is [System.Collections.IDictionary] -or $value -is [object[]]) { $pending.Push($value) }
    }
}
$decodeWatch = [System.Diagnostics.Stopwatch]::StartNew()
Restore-HybridcText -Data $HybridcDesired
$decodeWatch.Stop()
$inv = [System.Globalization.CultureInfo]::InvariantCulture
'{0} {1} {2} {3}' -f $dataWatch.Elapsed.TotalSeconds.ToString($inv), $decodeWatch.Elapsed.TotalSeconds.ToString($inv), $escaped, $PSVersionTable.PSVersion
`

// syntheticDecodeScript is a data section of n items with fields escaped
// strings each, followed by Restore-HybridcText and decodeTimer.
func syntheticDecodeScript(b *testing.B, n, fields int) string {
	items := make(pstext.PSList, n)
	for i := range items {
		var m pstext.PSMap
		for f := range fields {
			m.Set(fmt.Sprintf("F%d", f), fmt.Sprintf("Kovács Ödön Ő %06d-%d", i, f))
		}
		items[i] = m
	}
	var s strings.Builder
	s.WriteString("Set-StrictMode -Version 3.0\n$ErrorActionPreference = 'Stop'\n$dataWatch = [System.Diagnostics.Stopwatch]::StartNew()\n$HybridcDesired = data {\n    ")
	if _, err := pstext.WriteData(&s, pstext.PSMap{{Key: "Items", Value: items}}, 1); err != nil {
		b.Fatal(err)
	}
	s.WriteString("\n}\n")
	tmpl, err := renderpkg.ScriptTemplate()
	if err != nil {
		b.Fatal(err)
	}
	if err := tmpl.ExecuteTemplate(&s, "data-escape", renderpkg.ScriptView{EscapeMarker: pstext.Quote(pstext.EscapeMarker), Escaped: pstext.Bool(true)}); err != nil {
		b.Fatal(err)
	}
	s.WriteString("\n$dataWatch.Stop()\n" + decodeTimer)
	return s.String()
}

// measureDecode runs script decodeRuns times and reports the medians.
func measureDecode(b *testing.B, script string) {
	var data, decode []float64
	var escaped, version string
	for range decodeRuns {
		out := strings.Fields(string(runPwsh(b, []byte(script))))
		if len(out) != 4 {
			b.Fatalf("pwsh printed %q", out)
		}
		d, err1 := strconv.ParseFloat(out[0], 64)
		e, err2 := strconv.ParseFloat(out[1], 64)
		if err1 != nil || err2 != nil {
			b.Fatalf("pwsh printed %q", out)
		}
		data, decode = append(data, d), append(decode, e)
		escaped, version = out[2], out[3]
	}
	n, _ := strconv.Atoi(escaped)
	b.ReportMetric(median(decode), "decode-s")
	b.ReportMetric(median(data), "data-s")
	b.ReportMetric(float64(n), "escaped-strings")
	b.Logf("pwsh %s, %s/%s, %d CPUs: decode %v s, data section %v s", version, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), decode, data)
}

// median is the middle of values (the mean of the two middle ones for an
// even count).
func median(values []float64) float64 {
	s := slices.Sorted(slices.Values(values))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
