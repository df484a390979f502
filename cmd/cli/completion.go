package cli

import (
	"fmt"
	"sort"
	"strings"
)

// shells maps each shell hybridc writes completion for to its generator.
var shells = map[string]func(cmds []commandInfo) string{
	"bash":       bashCompletion,
	"zsh":        zshCompletion,
	"fish":       fishCompletion,
	"powershell": powershellCompletion,
}

// shellNames returns the shells' names in the order the help lists them.
func shellNames() []string { return []string{"bash", "zsh", "fish", "powershell"} }

const completionHelp = `
Prints a script that makes the shell complete hybridc's commands, each
command's flags, the values of flags that list them (--format), and file
and directory names where a command takes them. The script is made from the
commands themselves, so it matches this hybridc: write it again after an
upgrade.

Install it:

  bash        hybridc completion bash > /etc/bash_completion.d/hybridc
              (or ~/.local/share/bash-completion/completions/hybridc; for one
              session: source <(hybridc completion bash))
  zsh         hybridc completion zsh > "${fpath[1]}/_hybridc"
              (a directory on $fpath, with compinit run in ~/.zshrc; for one
              session: source <(hybridc completion zsh))
  fish        hybridc completion fish > ~/.config/fish/completions/hybridc.fish
  powershell  add this line to $PROFILE (Windows PowerShell 5.1 or PowerShell 7):
              hybridc completion powershell | Out-String | Invoke-Expression

Windows PowerShell 5.1 does not call completers for a word that is only a
dash or two, or one dash and a letter (PowerShell issue 2912): type --s and
Tab there, not -- and Tab. PowerShell 7 completes both.

Examples:
  hybridc completion bash > ~/.local/share/bash-completion/completions/hybridc
  hybridc completion powershell | Out-String | Invoke-Expression   # this session only

Exit codes: 0 printed, 2 usage error (no shell, or an unknown one).
`

// runCompletion prints the completion script of one shell.
func runCompletion(e *env, args []string) int {
	fs := newFlags(e, "completion", strings.Join(shellNames(), "|"), completionHelp)
	rest, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(e.stderr, "hybridc completion: need exactly one shell: bash, zsh, fish or powershell")
		fs.Usage()
		return ExitUsage
	}
	gen, ok := shells[rest[0]]
	if !ok {
		e.complain("completion", "unknown shell %q: use bash, zsh, fish or powershell", rest[0])
		return ExitUsage
	}
	if _, err := fmt.Fprint(e.stdout, gen(describeCommands())); err != nil {
		return ExitUsage
	}
	return ExitOK
}

// commandNames returns the commands' names, sorted.
func commandNames(cmds []commandInfo) []string {
	out := make([]string, len(cmds))
	for i, c := range cmds {
		out[i] = c.name
	}
	sort.Strings(out)
	return out
}

// oneLine makes a help text one line, for a completion's description.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// bashQuote single-quotes s for bash (and zsh): each quote in s ends the
// quoted string, stands escaped, and starts the next one.
func bashQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// bashWords is a bash word list: each word quoted, one string for
// compgen -W (which splits it again, so the words hold no blanks).
func bashWords(words []string) string { return bashQuote(strings.Join(words, " ")) }

// bashCompletion writes the bash completion script.
func bashCompletion(cmds []commandInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# bash completion for hybridc %s, written by 'hybridc completion bash'.\n", plainVersion())
	b.WriteString(`# Install: hybridc completion bash > ~/.local/share/bash-completion/completions/hybridc

_hybridc_files() {
    local line
    compopt -o filenames 2>/dev/null
    while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen "$1" -- "$cur")
}

_hybridc() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
    # --flag=value: bash splits at the =.
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 2)); then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
    COMPREPLY=()
    local flags= words=
    if ((COMP_CWORD == 1)); then
`)
	top := append(commandNames(cmds), topLevelWords...)
	fmt.Fprintf(&b, "        COMPREPLY=($(compgen -W %s -- \"$cur\"))\n        return\n    fi\n", bashWords(top))
	b.WriteString("    case ${COMP_WORDS[1]} in\n")
	fmt.Fprintf(&b, "    help)\n        ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W %s -- \"$cur\"))\n        return\n        ;;\n", bashWords(commandNames(cmds)))
	for _, c := range cmds {
		bashCommand(&b, c)
	}
	b.WriteString(`    *)
        return
        ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    elif [[ -n $words ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    else
        _hybridc_files -f
    fi
}

complete -F _hybridc hybridc
`)
	return b.String()
}

// bashCommand writes one command's branch of the bash case: what follows
// a flag that takes a value, then the command's flags and words.
func bashCommand(b *strings.Builder, c commandInfo) {
	fmt.Fprintf(b, "    %s)\n", bashQuote(c.name))
	var spelled, values []string
	for _, f := range c.flags {
		spelled = append(spelled, f.spelled())
		if f.arg == "" {
			continue
		}
		action := ""
		switch {
		case len(f.choices) > 0:
			action = fmt.Sprintf("            COMPREPLY=($(compgen -W %s -- \"$cur\"))\n", bashWords(f.choices))
		case f.path == dirPath:
			action = "            _hybridc_files -d\n"
		case f.path == filePath:
			action = "            _hybridc_files -f\n"
		}
		values = append(values, fmt.Sprintf("        %s|%s)\n%s            return\n            ;;\n",
			bashQuote("-"+f.name), bashQuote("--"+f.name), action))
	}
	if len(values) > 0 {
		fmt.Fprintf(b, "        case $prev in\n%s        esac\n", strings.Join(values, ""))
	}
	fmt.Fprintf(b, "        flags=%s\n", bashWords(spelled))
	if len(c.words) > 0 {
		fmt.Fprintf(b, "        words=%s\n", bashWords(c.words))
	}
	b.WriteString("        ;;\n")
}
