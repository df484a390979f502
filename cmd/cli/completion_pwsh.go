package cli

import (
	"fmt"
	"strings"
)

// psQuote single-quotes s for PowerShell: ' doubled, and every character
// outside printable ASCII made ? (PowerShell also ends a single-quoted
// string at typographic quotes, and the script stays pure ASCII).
func psQuote(s string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, s)
	return "'" + strings.ReplaceAll(ascii, "'", "''") + "'"
}

// psList is a PowerShell array of quoted strings.
func psList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = psQuote(w)
	}
	return "@(" + strings.Join(q, ", ") + ")"
}

// powershellCompletion writes the PowerShell completion script, in Windows
// PowerShell 5.1 syntax and pure ASCII: one native argument completer for
// hybridc and hybridc.exe, holding the commands as data.
func powershellCompletion(cmds []commandInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# PowerShell completion for hybridc %s, written by 'hybridc completion powershell'.\n", plainVersion())
	b.WriteString(`# Windows PowerShell 5.1 and PowerShell 7. Load it from $PROFILE:
#   hybridc completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName hybridc, hybridc.exe -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $commands = [ordered]@{}
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "    $commands[%s] = @{\n        Summary = %s\n        Words = %s\n        Flags = @(\n",
			psQuote(c.name), psQuote(oneLine(c.summary)), psList(c.words))
		for i, f := range c.flags {
			sep := ","
			if i == len(c.flags)-1 {
				sep = ""
			}
			path := map[pathKind]string{noPath: "", filePath: "file", dirPath: "dir"}[f.path]
			fmt.Fprintf(&b, "            @{ Name = %s; Spelled = %s; Arg = %s; Path = %s; Choices = %s; Help = %s }%s\n",
				psQuote(f.name), psQuote(f.spelled()), psQuote(f.arg), psQuote(path), psList(f.choices), psQuote(oneLine(f.usage)), sep)
		}
		b.WriteString("        )\n    }\n")
	}
	fmt.Fprintf(&b, "    $top = @(@('help', %s), @('--help', %s), @('--version', %s))\n",
		psQuote(helpSummary), psQuote(optHelpSummary), psQuote(optVerSummary))
	b.WriteString(powershellCompleterBody)
	return b.String()
}

// powershellCompleterBody is the completer's logic: it finds the command
// and the word before the cursor in the command's syntax tree and offers
// commands, flags, a flag's values, or file names (CompleteFilename, the
// completion PowerShell itself gives paths).
const powershellCompleterBody = `    $prior = @($commandAst.CommandElements |
        Where-Object { $_.Extent.EndOffset -lt $cursorPosition } |
        ForEach-Object { $_.Extent.Text })
    $word = $wordToComplete
    $prefix = ''
    $paths = ''
    $candidates = @()
    if ($prior.Count -le 1) {
        foreach ($name in $commands.Keys) { $candidates += ,@($name, $commands[$name].Summary) }
        $candidates += $top
    } elseif ($prior[1] -eq 'help') {
        if ($prior.Count -eq 2) {
            foreach ($name in $commands.Keys) { $candidates += ,@($name, $commands[$name].Summary) }
        }
    } elseif ($commands.Contains($prior[1])) {
        $command = $commands[$prior[1]]
        $flagName = ''
        if ($prior.Count -gt 2 -and $prior[-1].StartsWith('-')) {
            $flagName = $prior[-1].TrimStart('-')
        } elseif ($word -match '^--?([^=]+)=(.*)$') {
            $flagName = $Matches[1]
            $prefix = $word.Substring(0, $word.Length - $Matches[2].Length)
            $word = $Matches[2]
        }
        $flag = @($command.Flags | Where-Object { $_.Name -ceq $flagName -and $_.Arg -ne '' })
        if ($flag.Count -gt 0) {
            if ($flag[0].Choices.Count -gt 0) {
                foreach ($value in $flag[0].Choices) { $candidates += ,@($value, $flag[0].Help) }
            } elseif ($prefix -eq '') {
                $paths = $flag[0].Path
            }
        } elseif ($prefix -eq '') {
            if ($word.StartsWith('-')) {
                foreach ($f in $command.Flags) { $candidates += ,@($f.Spelled, $f.Help) }
            } elseif ($command.Words.Count -gt 0) {
                foreach ($value in $command.Words) { $candidates += ,@($value, $command.Summary) }
            } else {
                $paths = 'file'
            }
        }
    }
    if ($paths -ne '') {
        $found = [System.Management.Automation.CompletionCompleters]::CompleteFilename($word)
        if ($paths -eq 'dir') {
            $found = @($found | Where-Object { $_.ResultType -eq 'ProviderContainer' })
        }
        return $found
    }
    foreach ($candidate in $candidates) {
        if ($candidate[0].StartsWith($word, [System.StringComparison]::OrdinalIgnoreCase)) {
            $type = 'ParameterValue'
            if ($candidate[0].StartsWith('-')) { $type = 'ParameterName' }
            $tip = $candidate[1]
            if (-not $tip) { $tip = $candidate[0] }
            [System.Management.Automation.CompletionResult]::new($prefix + $candidate[0], $candidate[0], $type, $tip)
        }
    }
}
`
