package cli

import (
	"fmt"
	"strings"
)

// The help of what env.run accepts besides the commands, for the shells
// that show descriptions.
const (
	helpSummary    = "show the usage, or a command's help"
	optHelpSummary = "show the usage and the commands"
	optVerSummary  = "print hybridc's version"
)

// zshCompletion writes the zsh completion script: an autoloadable _hybridc
// function that also registers itself when sourced.
func zshCompletion(cmds []commandInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#compdef hybridc\n# zsh completion for hybridc %s, written by 'hybridc completion zsh'.\n", plainVersion())
	b.WriteString(`# Install: hybridc completion zsh > "${fpath[1]}/_hybridc" (compinit in ~/.zshrc)

_hybridc() {
  local curcontext=$curcontext state line ret=1
  local -a commands
  commands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "    %s\n", bashQuote(c.name+":"+oneLine(c.summary)))
	}
	fmt.Fprintf(&b, "    %s\n  )\n", bashQuote("help:"+helpSummary))
	fmt.Fprintf(&b, `  _arguments -C \
    %s \
    %s \
    '1: :->command' \
    '*:: :->argument' && ret=0
  case $state in
  command)
    _describe -t commands 'hybridc command' commands && ret=0
    ;;
  argument)
    curcontext=${curcontext%%:*:*}:hybridc-$words[1]:
    case $words[1] in
    help)
      (( CURRENT == 2 )) && _describe -t commands 'hybridc command' commands && ret=0
      ;;
`, bashQuote("(- 1 *)--help["+zshDesc(optHelpSummary)+"]"), bashQuote("(- 1 *)--version["+zshDesc(optVerSummary)+"]"))
	for _, c := range cmds {
		fmt.Fprintf(&b, "    %s)\n      _arguments", bashQuote(c.name))
		for _, f := range c.flags {
			fmt.Fprintf(&b, " \\\n        %s", bashQuote(zshFlagSpec(f)))
		}
		rest := "*:file:_files"
		if len(c.words) > 0 {
			rest = "*:value:(" + strings.Join(c.words, " ") + ")"
		}
		fmt.Fprintf(&b, " \\\n        %s && ret=0\n      ;;\n", bashQuote(rest))
	}
	b.WriteString(`    esac
    ;;
  esac
  return ret
}

if [ "$funcstack[1]" = "_hybridc" ]; then
  _hybridc "$@"
else
  compdef _hybridc hybridc
fi
`)
	return b.String()
}

// zshFlagSpec is a flag as _arguments takes it: --name=[help]:arg:action
// (the value after = or as the next word), * first when it may repeat.
func zshFlagSpec(f flagInfo) string {
	spec := f.spelled()
	if f.repeat {
		spec = "*" + spec
	}
	if f.arg != "" && len(f.name) > 1 {
		spec += "="
	}
	spec += "[" + zshDesc(f.usage) + "]"
	if f.arg == "" {
		return spec
	}
	arg := f.arg
	if !plainWord().MatchString(arg) {
		arg = "value"
	}
	action := " "
	switch {
	case len(f.choices) > 0:
		action = "(" + strings.Join(f.choices, " ") + ")"
	case f.path == dirPath:
		action = "_files -/"
	case f.path == filePath:
		action = "_files"
	}
	return spec + ":" + arg + ":" + action
}

// zshDesc makes a help text fit in the brackets of an _arguments spec.
func zshDesc(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(oneLine(s))
}

// fishQuote single-quotes s for fish, where \ and ' are escaped.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// fishCompletion writes the fish completion script: no file names until a
// command that takes them is given.
func fishCompletion(cmds []commandInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# fish completion for hybridc %s, written by 'hybridc completion fish'.\n", plainVersion())
	b.WriteString("# Install: hybridc completion fish > ~/.config/fish/completions/hybridc.fish\n\ncomplete -c hybridc -f\n")
	top := "complete -c hybridc -n __fish_use_subcommand"
	for _, c := range cmds {
		fmt.Fprintf(&b, "%s -a %s -d %s\n", top, fishQuote(c.name), fishQuote(oneLine(c.summary)))
	}
	fmt.Fprintf(&b, "%s -a help -d %s\n", top, fishQuote(helpSummary))
	fmt.Fprintf(&b, "%s -l help -d %s\n", top, fishQuote(optHelpSummary))
	fmt.Fprintf(&b, "%s -l version -d %s\n", top, fishQuote(optVerSummary))
	fmt.Fprintf(&b, "complete -c hybridc -n '__fish_seen_subcommand_from help' -a %s\n", fishQuote(strings.Join(commandNames(cmds), " ")))
	for _, c := range cmds {
		cond := fmt.Sprintf("complete -c hybridc -n %s", fishQuote("__fish_seen_subcommand_from "+c.name))
		if len(c.words) > 0 {
			fmt.Fprintf(&b, "\n%s -a %s\n", cond, fishQuote(strings.Join(c.words, " ")))
		} else {
			fmt.Fprintf(&b, "\n%s -F\n", cond)
		}
		for _, f := range c.flags {
			opt := "-l " + f.name
			if len(f.name) == 1 {
				opt = "-s " + f.name
			}
			switch {
			case f.arg == "":
			case len(f.choices) > 0:
				opt += " -x -a " + fishQuote(strings.Join(f.choices, " "))
			case f.path == dirPath:
				opt += " -x -a '(__fish_complete_directories)'"
			case f.path == filePath:
				opt += " -r -F"
			default:
				opt += " -x"
			}
			fmt.Fprintf(&b, "%s %s -d %s\n", cond, opt, fishQuote(oneLine(f.usage)))
		}
	}
	return b.String()
}
