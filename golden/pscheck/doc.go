// Package pscheck checks generated Windows PowerShell 5.1 scripts without
// running PowerShell. It is test-only: import it from _test.go files.
//
// Two independent sources of truth are used:
//
//   - A real PowerShell grammar (tree-sitter, github.com/wharflab/tree-sitter-powershell
//     v0.38.1). SyntaxErrors reports its ERROR and MISSING nodes, plus strings that
//     PowerShell would end earlier than the grammar does (PowerShell also treats
//     ‘ ’ ‚ ‛ as single quotes and “ ” „ as double quotes; the grammar does not).
//     Commands and LiteralStrings read the same tree.
//   - Microsoft's documented Exchange cmdlets (catalog/exchange-cmdlets.json, from
//     MicrosoftDocs/office-docs-powershell, embedded and parsed once). CheckCatalog
//     checks every call against it for one environment (Env).
//
// The grammar is C, so parsing needs cgo. pscheck itself is pure Go: the
// grammar is the test-only package golden/pscheck/testdata/grammar, which
// the go tool's ./... leaves out, so that "go install ./..." never compiles
// C; each test package registers it with UseGrammar(grammar.Parse) in a
// _test.go file. Without cgo grammar.Parse is nil and the package still works:
// Require skips the calling test, Commands and DataSections return an error,
// SyntaxErrors, CheckCatalog and the behaviour checks (CheckErrorAction,
// CheckReadOnly, CheckNoRemoval, CheckWriteGuarded) return one finding saying
// so, LiteralStrings, StringLiterals and Comments return nil, and OutsideData
// returns every raw occurrence (nothing can be proven to sit in a data
// section). StateChanging reads only the catalog and works either way.
//
// # CheckCatalog rules
//
//  1. A command whose name is in the catalog (case-insensitive) is an Exchange
//     cmdlet. Each parameter must be documented for it (full name or a catalog
//     alias; abbreviations are reported) or be a Windows PowerShell 5.1 common
//     parameter (Verbose, Debug, ErrorAction, WarningAction, InformationAction,
//     ErrorVariable, WarningVariable, InformationVariable, OutVariable, OutBuffer,
//     PipelineVariable, and their standard aliases). WhatIf and Confirm are accepted
//     only where the catalog lists them. -ProgressAction is reported: it is a common
//     parameter only from PowerShell 7.4.
//  2. Some parameter set holds all given parameters (common ones, WhatIf and Confirm
//     aside). When every argument is known (no unresolved splat, no pipeline input),
//     that set's required parameters are all given, by name or by position (positional
//     arguments fill the set's unnamed positional parameters in position order).
//  3. When the catalog enumerates values and the argument is a constant, each element
//     is one of them (case-insensitive). -ErrorAction and friends are checked against
//     ActionPreference.
//  4. The cmdlet and each parameter exist in Env: exchangeOnline for Env.Online, else
//     Env.OnPremVersion listed in onPremises. A parameter without its own env in the
//     catalog takes the cmdlet's.
//  5. Any other command must be a function defined in the script (function/filter) or
//     a standard PowerShell 5.1 command (one list, in builtins.go); otherwise it is an
//     "unknown command" (with a did-you-mean for near misses). Calls through & or . of
//     a computed name, and script or program paths, are not checked.
//
// # Conventions a script generator must follow
//
// The checker understands the scripts only when they keep to these shapes:
//
//   - Switch parameters are written -Name:$true / -Name:$false. A switch followed by
//     a space and a value is reported: PowerShell binds that value positionally.
//   - Parameters are named, in full. Positional arguments are counted against the
//     catalog's positions, and extra ones are reported.
//   - Data values are single-quoted literals with every ' ‘ ’ ‚ ‛ doubled, so that
//     they are constants (rule 3 applies) and LiteralStrings returns them whole.
//   - The script is pure ASCII after its byte order mark (CheckGeneratedWith,
//     NonASCII): hybridc writes a value with characters outside ASCII escaped
//     (~u~ and \uXXXX escapes), which its engine decodes at run time.
//   - Splat hashtables are literals assigned right before use (next section).
//   - Function definitions use `function Verb-Noun { ... }` in the same script.
//   - Avoid constructs the grammar misreads (reported as false syntax errors): an
//     empty here-string (@' immediately followed by '@ on the next line; write an
//     empty single-quoted string instead) and a one-line switch whose clauses are not separated
//     (`switch ($x) { 'a' { 1 } default { 2 } }`; put clauses on their own lines or
//     separate them with ;). The grammar does not notice `try {}` without
//     catch/finally.
//
// # Splatting convention
//
// A splatted variable @v is resolved through the nearest assignment `$v = ...`
// that ends before the command in the file. Scopes are ignored; casts such as
// [ordered] or [hashtable] and prefixes such as $script: are fine; `+=`,
// `$v[k] = ...` and `$v.Add(...)` are not seen, so a generator must not grow a
// splat hashtable after its literal.
//
//  1. If the right side is a hashtable literal with constant keys (@{...} or
//     [ordered]@{...}), its keys become the command's Params (FromSplat "v",
//     Value the entry's source text, Literal as for arguments) and the splat is
//     resolved.
//  2. Otherwise, if the right side mentions variables whose own nearest
//     preceding assignment is such a hashtable literal, as in
//     `$drift = Compare-HybridcState -Current $current -Desired $desired`, the
//     splat passes some subset of their keys: each key is added with Derived
//     set and checked by rules 1, 3 and 4 and by rule 2's set membership, but the
//     splat counts as unresolved (Command.Unresolved), so required parameters
//     are not checked.
//  3. Otherwise the splat is unresolved: only the required-parameter check is
//     skipped.
//
// # Behaviour checks
//
// What the grammar and the catalog cannot see, checked from the parse tree.
// Each returns findings (or positions) sorted by position; the function docs
// give the exact rules and limits.
//
//   - CheckErrorAction: every Exchange cmdlet call (catalog name, any case)
//     passes -ErrorAction or -EA, written or as a key of a resolved splat.
//   - CheckWriteGuarded: every call of a state-changing Exchange cmdlet
//     (StateChanging) sits in a function and behind $PSCmdlet.ShouldProcess:
//     in the then-block of an if/elseif on it (alone or joined by -and), after
//     an `if (-not $PSCmdlet.ShouldProcess(...)) { return }` in an enclosing
//     block, or in a function called only from such places. Best effort: the
//     guard is matched by shape, not data flow, and reads before writes are
//     not checked.
//   - CheckReadOnly: no state-changing and no Export-* Exchange cmdlet call,
//     and no code built at run time (for export scripts).
//   - CheckNoRemoval: no call that can remove role group members, roles, or
//     group members and owners (Removal kinds), no string naming a cmdlet
//     that always removes, and no code built at run time.
//   - DataSections, Comments, StringLiterals and OutsideData: where free-text
//     values sit. OutsideData(src, marker) lists every occurrence of a marker
//     other than inside a single-quoted string or here-string within a data
//     section body: in comments and help, in other strings (also decoded),
//     in names and barewords, in a data section that has syntax errors.
//
// CheckGeneratedWith applies CheckErrorAction and CheckWriteGuarded as its
// Options say; the golden, example, hostile-value and export tests switch
// both on.
// CheckReadOnly, CheckNoRemoval and OutsideData depend on what a test
// compiled, so tests call them directly.
//
// Node kinds relied on, besides those CheckCatalog reads: data_statement
// (its statement_block is the body), comment and requires_statement,
// string_literal with verbatim_string_characters,
// verbatim_here_string_characters, expandable_string_literal or
// expandable_here_string_literal inside, function_statement (also filter)
// with function_name, if_statement with field condition and a
// statement_block, elseif_clause, logical_expression with -and/-or tokens,
// expression_with_unary_operator with -not/! tokens, flow_control_statement
// (return, throw, exit, break, continue), invocation_expression with
// variable or type_literal, member_name and argument_list.
package pscheck
