<#
.SYNOPSIS
Refuses PowerShell syntax that Windows PowerShell 5.1 does not have.

.DESCRIPTION
Parses each file with the PowerShell parser of the running shell (run it in
PowerShell 7, whose parser knows the newer syntax) and reports every
construct Windows PowerShell 5.1 lacks: the ternary operator, && and ||,
?? and ??=, ?. and ?[], a clean block, -Parallel, the & background
operator, the `u{} and `e escapes, 0b and the u/y/s/n number suffixes,
and every parse error. One line per finding, as file:line:col: message.
The script is itself 5.1 syntax and reads every newer AST property only
where it exists, so it loads in 5.1 too.

.OUTPUTS
Exit code 0 when no file has a finding, 1 otherwise.

.EXAMPLE
pwsh -NoProfile -NonInteractive -File Test-HybridcPs51Syntax.ps1 -Path onprem.ps1 online.ps1
#>
[CmdletBinding()]
param(
    # The scripts to check.
    [Parameter(Mandatory = $true, Position = 0)]
    [string[]] $Path,
    # More scripts: lets -File callers write -Path a.ps1 b.ps1.
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $MorePath
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

# The newer AST properties, or $null where the running parser lacks them
# (5.1): read by reflection, so that the script loads in 5.1 and does not
# pay for PSObject.Properties on every node.
$script:backgroundInfo = [System.Management.Automation.Language.PipelineAst].GetProperty('Background')
$script:memberNullInfo = [System.Management.Automation.Language.MemberExpressionAst].GetProperty('NullConditional')
$script:indexNullInfo = [System.Management.Automation.Language.IndexExpressionAst].GetProperty('NullConditional')
$script:cleanInfo = [System.Management.Automation.Language.ScriptBlockAst].GetProperty('CleanBlock')

# The AST types AstProblem looks at; FindAll returns only these.
$script:candidates = @{}
foreach ($name in 'TernaryExpressionAst', 'PipelineChainAst', 'BinaryExpressionAst', 'AssignmentStatementAst', 'MemberExpressionAst',
    'InvokeMemberExpressionAst', 'IndexExpressionAst', 'PipelineAst', 'CommandParameterAst', 'ScriptBlockAst') {
    $script:candidates[$name] = $true
}

# AstProblem: each construct 5.1 lacks in this one node, as findings.
# Only the types that hold one read a property: this runs for many nodes.
function AstProblem($Ast) {
    switch ($Ast.GetType().Name) {
        'TernaryExpressionAst' { Finding $Ast.Extent 'ternary operator ? : (PowerShell 7)' }
        'PipelineChainAst' {
            $op = '&&'
            if ([string] $Ast.Operator -eq 'OrOr') { $op = '||' }
            Finding $Ast.Extent "pipeline chain operator $op (PowerShell 7)"
            if ($Ast.Background) { Finding $Ast.Extent 'background operator & (PowerShell 6)' }
        }
        'PipelineAst' {
            if ($script:backgroundInfo -and $script:backgroundInfo.GetValue($Ast)) { Finding $Ast.Extent 'background operator & (PowerShell 6)' }
        }
        'BinaryExpressionAst' {
            if ([string] $Ast.Operator -eq 'QuestionQuestion') { Finding $Ast.Extent 'null-coalescing operator ?? (PowerShell 7)' }
        }
        'AssignmentStatementAst' {
            if ([string] $Ast.Operator -eq 'QuestionQuestionEquals') { Finding $Ast.Extent 'null-coalescing assignment ??= (PowerShell 7)' }
        }
        'IndexExpressionAst' {
            if ($script:indexNullInfo -and $script:indexNullInfo.GetValue($Ast)) { Finding $Ast.Extent 'null-conditional index ?[] (PowerShell 7)' }
        }
        'ScriptBlockAst' {
            if ($script:cleanInfo -and $null -ne ($clean = $script:cleanInfo.GetValue($Ast))) { Finding $clean.Extent 'clean block (PowerShell 7.3)' }
        }
        'CommandParameterAst' {
            $name = $Ast.ParameterName
            if ($name -notlike 'par*') { break }
            $command = ''
            if ($Ast.Parent -is [System.Management.Automation.Language.CommandAst]) { $command = [string] $Ast.Parent.GetCommandName() }
            $isForEach = @('ForEach-Object', 'foreach', '%') -contains $command
            if ($name -eq 'Parallel' -or ($isForEach -and $name.Length -ge 3 -and 'parallel'.StartsWith($name.ToLowerInvariant()))) {
                Finding $Ast.Extent "-$name of $command (-Parallel is PowerShell 7)"
            }
        }
        default {
            # MemberExpressionAst and InvokeMemberExpressionAst.
            if ($script:memberNullInfo -and $script:memberNullInfo.GetValue($Ast)) { Finding $Ast.Extent 'null-conditional member access ?. (PowerShell 7)' }
        }
    }
}

# Escapes: the `u{...} and `e escapes of an expandable string token, which
# 5.1 reads as the letters u and e. Text of nested tokens (embedded
# expressions) is skipped: their own strings are visited separately.
function EscapeFindings($Token) {
    $nested = @()
    if ($null -ne $Token.NestedTokens) { $nested = @($Token.NestedTokens) }
    $start = $Token.Extent.StartOffset
    foreach ($m in [regex]::Matches($Token.Text, '(?<!`)(?:``)*`(u\{|e)')) {
        $at = $start + $m.Index + $m.Length - $m.Groups[1].Length - 1
        $inside = $false
        foreach ($n in $nested) {
            if ($at -ge $n.Extent.StartOffset -and $at -lt $n.Extent.EndOffset) { $inside = $true }
        }
        if ($inside) { continue }
        $escape = '`e'
        if ($m.Groups[1].Value -ne 'e') { $escape = '`u{}' }
        # Line and column of $at within the token.
        $before = $Token.Text.Substring(0, $at - $start)
        $line = $Token.Extent.StartLineNumber + ([regex]::Matches($before, "`n")).Count
        $col = $Token.Extent.StartColumnNumber + $before.Length
        if ($before.Contains("`n")) { $col = $before.Length - $before.LastIndexOf("`n") }
        New-Object PSObject -Property @{ Line = $line; Column = $col; Message = "escape $escape in a string (PowerShell 6; 5.1 reads the letter)" }
    }
    TokenFindings $nested
}

# TokenFindings: the escapes and number literals 5.1 lacks.
function TokenFindings($Tokens) {
    foreach ($t in $Tokens) {
        $kind = [string] $t.Kind
        if ($kind -eq 'StringExpandable' -or $kind -eq 'HereStringExpandable') {
            EscapeFindings $t
        } elseif ($kind -eq 'Number' -and $t.Text -match '(?i)^0b|(?:u[lsy]?|s|y|n)(?:kb|mb|gb|tb|pb)?$') {
            New-Object PSObject -Property @{ Line = $t.Extent.StartLineNumber; Column = $t.Extent.StartColumnNumber; Message = "number literal $($t.Text) (0b prefix and u/y/s/n suffixes are PowerShell 6/7)" }
        } elseif ($t -is [System.Management.Automation.Language.StringExpandableToken] -and $null -ne $t.NestedTokens) {
            TokenFindings $t.NestedTokens
        }
    }
}

function Finding($Extent, [string] $Message) {
    New-Object PSObject -Property @{ Line = $Extent.StartLineNumber; Column = $Extent.StartColumnNumber; Message = $Message }
}

$all = @($Path) + @($MorePath | Where-Object { $_ })
$count = 0
foreach ($file in $all) {
    if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
        "${file}:1:1: file not found"
        $count++
        continue
    }
    $full = (Resolve-Path -LiteralPath $file).ProviderPath
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($full, [ref] $tokens, [ref] $errors)
    $found = New-Object System.Collections.ArrayList
    foreach ($e in $errors) { [void] $found.Add((Finding $e.Extent "parse error: $($e.Message)")) }
    foreach ($node in $ast.FindAll({ param($a) $script:candidates.ContainsKey($a.GetType().Name) }, $true)) {
        foreach ($f in @(AstProblem $node)) { [void] $found.Add($f) }
    }
    foreach ($f in @(TokenFindings $tokens)) { [void] $found.Add($f) }
    foreach ($f in ($found | Sort-Object Line, Column, Message)) {
        '{0}:{1}:{2}: {3}' -f $file, $f.Line, $f.Column, $f.Message
        $count++
    }
}
if ($count -gt 0) { exit 1 }
exit 0
