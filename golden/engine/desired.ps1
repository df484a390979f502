#@ run desired: head
#@ run desired/2: head.2
#@ run desired/3: Restore-HybridcText
#@ run desired/4: Restore-HybridcText.2
#@ run desired/5: Restore-HybridcText.3
#@ piece head
# ---------------------------------------------------------------------------
# The desired state: data only.
$HybridcDesired = data {
#@ piece head.2
}

# The script is pure ASCII, so that it means the same in any code page (a
# copy without its byte order mark is read by Windows PowerShell 5.1 in the
# ANSI code page). A string of the data section that holds characters
# outside ASCII is written escaped: '~u~', then the text with each
# backslash written \\ and each other character as \uXXXX, its UTF-16 code
# units. Restore-HybridcText decodes them in place with [regex]::Unescape,
# once, before anything reads the data, when the compiler wrote any
# ($HybridcEscaped); it builds no code.
#@ piece Restore-HybridcText
function Restore-HybridcText {
    param([Parameter(Mandatory = $true)] $Data)
    $marker = '~u~'
    $pending = New-Object -TypeName 'System.Collections.Stack'
    $pending.Push($Data)
    while ($pending.Count -gt 0) {
        $node = $pending.Pop()
        if ($node -is [System.Collections.IDictionary]) {
            $keys = @($node.Keys)
        }
        else {
            $keys = @(for ($i = 0; $i -lt $node.Length; $i++) { $i })
        }
        foreach ($key in $keys) {
            $value = $node[$key]
            if ($value -is [string]) {
                if ($value.StartsWith($marker, [System.StringComparison]::Ordinal)) {
                    $node[$key] = [regex]::Unescape($value.Substring($marker.Length))
                }
            }
            elseif ($value -is [System.Collections.IDictionary] -or $value -is [object[]]) {
                $pending.Push($value)
            }
        }
    }
}
if ($HybridcEscaped) {
    Restore-HybridcText -Data $HybridcDesired
}

# The cmdlets the engine may call for this configuration: the preflight
# checks that they exist before anything changes.
$HybridcRequiredCommands = @(
#@ piece Restore-HybridcText.2
)
# What needs each of them, for the preflight's message.
$HybridcCommandUses = @{
#@ piece Restore-HybridcText.3
}
