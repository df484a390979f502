#@ run engine-core: head Get-HybridcValue Test-HybridcFlag Test-HybridcSameName New-HybridcNameTable Test-HybridcAbsent ConvertTo-HybridcStrings Test-HybridcSetEqual Get-HybridcMissing ConvertTo-HybridcText Get-HybridcLabel ConvertTo-HybridcLabelPart ConvertTo-HybridcConsoleText Add-HybridcResult Write-HybridcSummary Write-HybridcReport Get-HybridcErrorKind Invoke-HybridcCall Invoke-HybridcItems Test-HybridcBrokenSession Test-HybridcSessionAlive Invoke-HybridcStep Invoke-HybridcChange Test-HybridcNeedsCustomization Skip-HybridcItem Test-HybridcPending Add-HybridcPendingResult Get-HybridcDrift ConvertTo-HybridcSplat Select-HybridcFirst Get-HybridcKey Assert-HybridcConnection
#@ run engine-core#2: head Get-HybridcValue Test-HybridcFlag Test-HybridcSameName New-HybridcNameTable Test-HybridcAbsent ConvertTo-HybridcStrings Test-HybridcSetEqual Get-HybridcMissing ConvertTo-HybridcText Get-HybridcLabel ConvertTo-HybridcLabelPart ConvertTo-HybridcConsoleText Add-HybridcResult Write-HybridcSummary Write-HybridcReport Get-HybridcErrorKind#2 Invoke-HybridcCall Invoke-HybridcItems Test-HybridcBrokenSession Test-HybridcSessionAlive Invoke-HybridcStep Invoke-HybridcChange Test-HybridcNeedsCustomization Skip-HybridcItem Test-HybridcPending Add-HybridcPendingResult Get-HybridcDrift ConvertTo-HybridcSplat Select-HybridcFirst Get-HybridcKey Assert-HybridcConnection#2
#@ run engine-core#3: head Get-HybridcValue Test-HybridcFlag Test-HybridcSameName New-HybridcNameTable Test-HybridcAbsent ConvertTo-HybridcStrings Test-HybridcSetEqual Get-HybridcMissing ConvertTo-HybridcText Get-HybridcLabel ConvertTo-HybridcLabelPart ConvertTo-HybridcConsoleText Add-HybridcResult Write-HybridcSummary Write-HybridcReport Get-HybridcErrorKind Invoke-HybridcCall Invoke-HybridcItems Test-HybridcBrokenSession Test-HybridcSessionAlive Invoke-HybridcStep Invoke-HybridcChange Test-HybridcNeedsCustomization Skip-HybridcItem Test-HybridcPending Add-HybridcPendingResult Get-HybridcDrift ConvertTo-HybridcSplat Select-HybridcFirst Get-HybridcKey Assert-HybridcConnection#3
#@ run engine-core#4: head Get-HybridcValue Test-HybridcFlag Test-HybridcSameName New-HybridcNameTable Test-HybridcAbsent ConvertTo-HybridcStrings Test-HybridcSetEqual Get-HybridcMissing ConvertTo-HybridcText Get-HybridcLabel ConvertTo-HybridcLabelPart ConvertTo-HybridcConsoleText Add-HybridcResult Write-HybridcSummary Write-HybridcReport Get-HybridcErrorKind#2 Invoke-HybridcCall Invoke-HybridcItems Test-HybridcBrokenSession Test-HybridcSessionAlive Invoke-HybridcStep Invoke-HybridcChange Test-HybridcNeedsCustomization Skip-HybridcItem Test-HybridcPending Add-HybridcPendingResult Get-HybridcDrift#2 ConvertTo-HybridcSplat Select-HybridcFirst Get-HybridcKey Assert-HybridcConnection#2
#@ run engine-core#5: head Get-HybridcValue Test-HybridcFlag Test-HybridcSameName New-HybridcNameTable Test-HybridcAbsent ConvertTo-HybridcStrings Test-HybridcSetEqual Get-HybridcMissing ConvertTo-HybridcText Get-HybridcLabel ConvertTo-HybridcLabelPart ConvertTo-HybridcConsoleText Add-HybridcResult Write-HybridcSummary Write-HybridcReport Get-HybridcErrorKind Invoke-HybridcCall Invoke-HybridcItems Test-HybridcBrokenSession Test-HybridcSessionAlive Invoke-HybridcStep Invoke-HybridcChange Test-HybridcNeedsCustomization Skip-HybridcItem Test-HybridcPending Add-HybridcPendingResult Get-HybridcDrift#2 ConvertTo-HybridcSplat Select-HybridcFirst Get-HybridcKey Assert-HybridcConnection
#@ run engine-core#6: head Get-HybridcValue Test-HybridcFlag Test-HybridcSameName New-HybridcNameTable Test-HybridcAbsent ConvertTo-HybridcStrings Test-HybridcSetEqual Get-HybridcMissing ConvertTo-HybridcText Get-HybridcLabel ConvertTo-HybridcLabelPart ConvertTo-HybridcConsoleText Add-HybridcResult Write-HybridcSummary Write-HybridcReport Get-HybridcErrorKind#2 Invoke-HybridcCall Invoke-HybridcItems Test-HybridcBrokenSession Test-HybridcSessionAlive Invoke-HybridcStep Invoke-HybridcChange Test-HybridcNeedsCustomization Skip-HybridcItem Test-HybridcPending Add-HybridcPendingResult Get-HybridcDrift ConvertTo-HybridcSplat Select-HybridcFirst Get-HybridcKey Assert-HybridcConnection#4
#@ run engine-core#7: head Get-HybridcValue Test-HybridcFlag Test-HybridcSameName New-HybridcNameTable Test-HybridcAbsent ConvertTo-HybridcStrings Test-HybridcSetEqual Get-HybridcMissing ConvertTo-HybridcText Get-HybridcLabel ConvertTo-HybridcLabelPart ConvertTo-HybridcConsoleText Add-HybridcResult Write-HybridcSummary Write-HybridcReport Get-HybridcErrorKind#2 Invoke-HybridcCall Invoke-HybridcItems Test-HybridcBrokenSession#2 Invoke-HybridcStep Invoke-HybridcChange Test-HybridcNeedsCustomization Skip-HybridcItem Test-HybridcPending Add-HybridcPendingResult Get-HybridcDrift ConvertTo-HybridcSplat Select-HybridcFirst Get-HybridcKey#2
#@ run engine-core#8: head Get-HybridcValue Test-HybridcFlag Test-HybridcSameName New-HybridcNameTable Test-HybridcAbsent ConvertTo-HybridcStrings Test-HybridcSetEqual Get-HybridcMissing ConvertTo-HybridcText Get-HybridcLabel ConvertTo-HybridcLabelPart ConvertTo-HybridcConsoleText Add-HybridcResult Write-HybridcSummary Write-HybridcReport Get-HybridcErrorKind#2 Invoke-HybridcCall Invoke-HybridcItems Test-HybridcBrokenSession Test-HybridcSessionAlive Invoke-HybridcStep Invoke-HybridcChange Test-HybridcNeedsCustomization Skip-HybridcItem Test-HybridcPending Add-HybridcPendingResult Get-HybridcDrift#2 ConvertTo-HybridcSplat Select-HybridcFirst Get-HybridcKey Assert-HybridcConnection
#@ piece head
# ---------------------------------------------------------------------------
# The engine. Fixed code: it reads values only from $HybridcDesired and from
# Exchange, builds no code from them, and passes -ErrorAction Stop on every
# Exchange call (the cmdlets are functions of a module and ignore this
# script's $ErrorActionPreference). Functions return their output unrolled,
# as PowerShell does; a caller that needs a list wraps the call in @().
# Lists the engine grows are ArrayLists: PowerShell 7.6 fails @() over a
# List[object] ("Argument types do not match"), which the simulator found.
$script:HybridcCmdlet = $PSCmdlet
$script:HybridcStarted = [DateTime]::UtcNow
$script:HybridcResults = New-Object -TypeName 'System.Collections.ArrayList'
# Tables keyed by names, addresses or other identities compare their keys
# ordinally, ignoring case (New-HybridcNameTable), as plan does: @{}
# compares by culture, which ignores invisible characters and marks, so
# that one name could find another's object. Tables keyed by Guids alone
# (ASCII) stay @{}.
$script:HybridcPending = New-Object -TypeName 'System.Collections.Hashtable' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
$script:HybridcCalls = 0
$script:HybridcKind = ''
# Resources in a row that failed with throttling or a transient failure
# retries did not cure, over items and bulk reads: three stop the run.
$script:HybridcTransientInARow = 0
# Denials since the session probe last succeeded (Test-HybridcSessionAlive);
# 0: probe at the next denial.
$script:HybridcDeniedSinceProbe = 0
# Set when Exchange Online has not finished organization customization
# (hydration, which can take hours): the changes that need it are deferred
# ('pending') until a later run.
$script:HybridcCustomizationPending = $false

#@ piece Get-HybridcValue
function Get-HybridcValue {
    # A property of an Exchange object or an entry of a data item, or $null
    # when it has none (Set-StrictMode makes a missing property an error).
    param($Object, [Parameter(Mandatory = $true)] [string]$Name)
    if ($null -eq $Object) {
        return $null
    }
    if ($Object -is [System.Collections.IDictionary]) {
        if ($Object.Contains($Name)) {
            return $Object[$Name]
        }
        return $null
    }
    $property = $Object.PSObject.Properties[$Name]
    if ($null -eq $property) {
        return $null
    }
    return $property.Value
}

#@ piece Test-HybridcFlag
function Test-HybridcFlag {
    # Whether a data item sets a flag to $true.
    param($Item, [Parameter(Mandatory = $true)] [string]$Name)
    return ((Get-HybridcValue -Object $Item -Name $Name) -eq $true)
}

#@ piece Test-HybridcSameName
function Test-HybridcSameName {
    # Whether two names are the same name to Exchange: ordinal, ignoring
    # case. PowerShell's -eq compares by culture, which ignores invisible
    # characters such as the soft hyphen, so that a declared name could match
    # another object's.
    param($A, $B)
    return [string]::Equals([string]$A, [string]$B, [System.StringComparison]::OrdinalIgnoreCase)
}

#@ piece New-HybridcNameTable
function New-HybridcNameTable {
    # A hashtable for names and other identities as keys: ordinal, ignoring
    # case (see $script:HybridcPending).
    return (New-Object -TypeName 'System.Collections.Hashtable' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase))
}

#@ piece Test-HybridcAbsent
function Test-HybridcAbsent {
    # Whether a data item is declared absent.
    param($Item)
    return ([string](Get-HybridcValue -Object $Item -Name 'Ensure') -eq 'absent')
}

#@ piece ConvertTo-HybridcStrings
function ConvertTo-HybridcStrings {
    # The non-empty values as lower-case strings, for comparing as sets.
    param($Value)
    $out = New-Object -TypeName 'System.Collections.Generic.List[string]'
    foreach ($entry in @($Value)) {
        if ($null -ne $entry -and [string]$entry -ne '') {
            $null = $out.Add(([string]$entry).ToLowerInvariant())
        }
    }
    return $out.ToArray()
}

#@ piece Test-HybridcSetEqual
function Test-HybridcSetEqual {
    # Whether two lists hold the same strings, ignoring case and order.
    param($Have, $Want)
    $a = @(ConvertTo-HybridcStrings -Value $Have | Sort-Object -Unique)
    $b = @(ConvertTo-HybridcStrings -Value $Want | Sort-Object -Unique)
    if ($a.Count -ne $b.Count) {
        return $false
    }
    for ($i = 0; $i -lt $a.Count; $i++) {
        if ($a[$i] -cne $b[$i]) {
            return $false
        }
    }
    return $true
}

#@ piece Get-HybridcMissing
function Get-HybridcMissing {
    # The wanted strings the current list lacks, ignoring case, as declared.
    param($Have, $Want)
    $present = @{}
    foreach ($entry in @(ConvertTo-HybridcStrings -Value $Have)) {
        $present[$entry] = $true
    }
    $missing = New-Object -TypeName 'System.Collections.Generic.List[string]'
    foreach ($entry in @($Want)) {
        if ($null -ne $entry -and [string]$entry -ne '' -and -not $present.ContainsKey(([string]$entry).ToLowerInvariant())) {
            $null = $missing.Add([string]$entry)
        }
    }
    return $missing.ToArray()
}

#@ piece ConvertTo-HybridcText
function ConvertTo-HybridcText {
    # A value as it is shown in a drift message.
    param($Value)
    if ($null -eq $Value) {
        return '(not set)'
    }
    $parts = @(@($Value) | ForEach-Object { '''' + [string]$_ + '''' })
    return ($parts -join ', ')
}

#@ piece Get-HybridcLabel
function Get-HybridcLabel {
    # How a resource is named in messages and the report.
    param($Item)
    $id = Get-HybridcValue -Object $Item -Name 'Id'
    if ($null -ne $id) {
        return [string]$id
    }
    $label = $script:HybridcKind + '/' + (ConvertTo-HybridcLabelPart -Text $Item.Trustee) + ' on ' + (ConvertTo-HybridcLabelPart -Text $Item.Mailbox)
    $folder = Get-HybridcValue -Object $Item -Name 'Folder'
    if ($null -ne $folder) {
        $label = $label + ':\' + (ConvertTo-HybridcLabelPart -Text $folder)
    }
    return $label
}

#@ piece ConvertTo-HybridcLabelPart
function ConvertTo-HybridcLabelPart {
    # A permission's trustee, mailbox or folder in its label, quoted when it
    # holds a separator of labels, as plan names the permission (compiler's
    # permissionName): one grant's label never reads as another's.
    param([string]$Text)
    $ordinal = [System.StringComparison]::Ordinal
    if ($Text.IndexOf(' on ', $ordinal) -ge 0 -or $Text.IndexOf(':\', $ordinal) -ge 0 -or $Text.StartsWith("'", $ordinal) -or $Text.StartsWith('on ', $ordinal) -or $Text.EndsWith(' on', $ordinal)) {
        return ("'" + $Text.Replace("'", "''") + "'")
    }
    return $Text
}

#@ piece ConvertTo-HybridcConsoleText
function ConvertTo-HybridcConsoleText {
    # A console line as the command line prints values (cmd/cli/report's
    # Visible): the second '#' of every '##[' written as \x23, so that a
    # name cannot forge a CI runner's '##[command]' in the output.
    param([string]$Text)
    return $Text.Replace('##[', '#\x23[')
}

#@ piece Add-HybridcResult
function Add-HybridcResult {
    # Records and prints the result of one resource.
    param(
        [Parameter(Mandatory = $true)] $Item,
        [Parameter(Mandatory = $true)] [string]$Status,
        [string]$Detail = ''
    )
    $label = Get-HybridcLabel -Item $Item
    $source = [string](Get-HybridcValue -Object $Item -Name 'Source')
    $null = $script:HybridcResults.Add([pscustomobject]@{ Resource = $label; Status = $Status; Detail = $Detail; Source = $source })
    $line = $Status.PadRight(10) + $label
    if ($Detail -ne '') {
        $line = $line + ' (' + $Detail + ')'
    }
    if ($Status -eq 'failed') {
        Write-Warning (ConvertTo-HybridcConsoleText -Text ($line + ' [' + $source + ']'))
    }
    else {
        Write-Host (ConvertTo-HybridcConsoleText -Text $line)
    }
}

#@ piece Write-HybridcSummary
function Write-HybridcSummary {
    # Prints the counts per status, the failures and the elapsed time, and
    # returns the counts.
    $counts = [ordered]@{ created = 0; updated = 0; removed = 0; unchanged = 0; drifted = 0; unknown = 0; skipped = 0; pending = 0; failed = 0 }
    foreach ($result in $script:HybridcResults) {
        $counts[$result.Status] = $counts[$result.Status] + 1
    }
    $elapsed = [DateTime]::UtcNow - $script:HybridcStarted
    $parts = @($counts.Keys | ForEach-Object { [string]$counts[$_] + ' ' + $_ })
    Write-Host ('Summary: ' + ($parts -join ', ') + '; ' + [string]$script:HybridcCalls + ' Exchange calls in ' + $elapsed.ToString('hh\:mm\:ss'))
    foreach ($result in $script:HybridcResults) {
        if ($result.Status -eq 'failed') {
            Write-Host (ConvertTo-HybridcConsoleText -Text ('  failed: ' + $result.Resource + ' [' + $result.Source + ']: ' + $result.Detail))
        }
    }
    return $counts
}

#@ piece Write-HybridcReport
function Write-HybridcReport {
    # Writes the result of every resource as JSON.
    param([Parameter(Mandatory = $true)] [string]$Path, [Parameter(Mandatory = $true)] $Counts)
    $report = [ordered]@{
        version        = 1
        check          = [bool]$Check
        startedUtc     = $script:HybridcStarted.ToString('o')
        elapsedSeconds = [int]([DateTime]::UtcNow - $script:HybridcStarted).TotalSeconds
        exchangeCalls  = $script:HybridcCalls
        counts         = $Counts
        results        = $script:HybridcResults.ToArray()
    }
    $json = ConvertTo-Json -InputObject $report -Depth 4
    # Relative to the PowerShell location, not to the process's directory.
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    [System.IO.File]::WriteAllText($full, $json, (New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false))
}

#@ piece Get-HybridcErrorKind
function Get-HybridcErrorKind {
    # Classifies a failed Exchange call: ambiguous, denied, dehydrated
    # (Exchange Online only), throttled, transient, notFound or other, by the
    # first rule whose pattern matches the exception's type names, the
    # FullyQualifiedErrorId, the category and the message with its quoted
    # identities removed: Exchange echoes object names back, and a name must
    # not decide the kind. The rules are compiler/errorkinds.go's, tested
    # there against the error shapes of the behaviour table.
    param([Parameter(Mandatory = $true)] $ErrorRecord)
    $message = [string]$ErrorRecord.Exception.Message
    do {
        $before = $message
        $message = $message -replace '(?s)(^|[^\p{L}\p{N}])''.*?''([^\p{L}\p{N}]|$)', '$1<quoted>$2'
    } while ($message -cne $before)
    do {
        $before = $message
        $message = $message -replace '(?s)(^|[^\p{L}\p{N}])".*?"([^\p{L}\p{N}]|$)', '$1<quoted>$2'
    } while ($message -cne $before)
    $text = $ErrorRecord.Exception.GetType().FullName + ' ' + [string]$ErrorRecord.CategoryInfo.Reason + ' ' + [string]$ErrorRecord.FullyQualifiedErrorId + ' Category=' + [string]$ErrorRecord.CategoryInfo.Category + ' ' + $message
    if ($text -match 'AmbiguousException|matches multiple entries') {
        return 'ambiguous'
    }
    if ($text -match 'UnauthorizedAccess|AccessDenied|Category=PermissionDenied|access is denied|within your current write scope|isn''t authorized|not authorized|insufficient access|is not recognized as the name of a cmdlet|\(401\)|\bUnauthorized\b') {
        return 'denied'
    }
    if ($text -match 'DehydratedContext|customization has been enabled|has not yet taken effect') {
        # Only the customization step and the changes that need it can meet
        # a tenant that is not customized yet.
        if ($script:HybridcKind -ne 'organizationCustomization' -and -not (Test-HybridcNeedsCustomization)) {
            return 'other'
        }
        return 'dehydrated'
    }
    if ($text -match 'Throttl|OverBudget|Server ?Busy|server is busy|micro ?delay|\(429\)|too many requests|TooManyRequests|requested to backoff|exceeded the (maximum|allowed) number of (concurrent )?(connections|requests|sessions)') {
        return 'throttled'
    }
    if ($text -match 'PSRemotingTransportException|TransientException|TimeoutException|WebException|timed out|temporarily unavailable|\(50[234]\)|operation has been aborted|connection was closed|underlying connection|runspace is not in the Opened state|try again later') {
        return 'transient'
    }
    if ($text -match 'NotFoundException|Category=ObjectNotFound|couldn''t be found|could not be found|wasn''t found|was not found|couldn''t find object|no existing permission entry') {
        return 'notFound'
    }
    return 'other'
}

#@ piece Get-HybridcErrorKind#2
function Get-HybridcErrorKind {
    # Classifies a failed Exchange call: ambiguous, denied, dehydrated
    # (Exchange Online only), throttled, transient, notFound or other, by the
    # first rule whose pattern matches the exception's type names, the
    # FullyQualifiedErrorId, the category and the message with its quoted
    # identities removed: Exchange echoes object names back, and a name must
    # not decide the kind. The rules are compiler/errorkinds.go's, tested
    # there against the error shapes of the behaviour table.
    param([Parameter(Mandatory = $true)] $ErrorRecord)
    $message = [string]$ErrorRecord.Exception.Message
    do {
        $before = $message
        $message = $message -replace '(?s)(^|[^\p{L}\p{N}])''.*?''([^\p{L}\p{N}]|$)', '$1<quoted>$2'
    } while ($message -cne $before)
    do {
        $before = $message
        $message = $message -replace '(?s)(^|[^\p{L}\p{N}])".*?"([^\p{L}\p{N}]|$)', '$1<quoted>$2'
    } while ($message -cne $before)
    $text = $ErrorRecord.Exception.GetType().FullName + ' ' + [string]$ErrorRecord.CategoryInfo.Reason + ' ' + [string]$ErrorRecord.FullyQualifiedErrorId + ' Category=' + [string]$ErrorRecord.CategoryInfo.Category + ' ' + $message
    if ($text -match 'AmbiguousException|matches multiple entries') {
        return 'ambiguous'
    }
    if ($text -match 'UnauthorizedAccess|AccessDenied|Category=PermissionDenied|access is denied|within your current write scope|isn''t authorized|not authorized|insufficient access|is not recognized as the name of a cmdlet|\(401\)|\bUnauthorized\b') {
        return 'denied'
    }
    if ($text -match 'Throttl|OverBudget|Server ?Busy|server is busy|micro ?delay|\(429\)|too many requests|TooManyRequests|requested to backoff|exceeded the (maximum|allowed) number of (concurrent )?(connections|requests|sessions)') {
        return 'throttled'
    }
    if ($text -match 'PSRemotingTransportException|TransientException|TimeoutException|WebException|timed out|temporarily unavailable|\(50[234]\)|operation has been aborted|connection was closed|underlying connection|runspace is not in the Opened state|try again later') {
        return 'transient'
    }
    if ($text -match 'NotFoundException|Category=ObjectNotFound|couldn''t be found|could not be found|wasn''t found|was not found|couldn''t find object|no existing permission entry') {
        return 'notFound'
    }
    return 'other'
}

#@ piece Invoke-HybridcCall
function Invoke-HybridcCall {
    # Runs one Exchange call, a script block that names its cmdlet and passes
    # -ErrorAction Stop, and returns its output as an array. Throttling is
    # retried (reads and changes: Exchange refused the request before doing
    # it), other transient failures only for reads; at most five attempts,
    # waiting 5, 10, 20 and 40 seconds. With -AllowNotFound "not found"
    # returns an empty array; every other failure stops the resource with a
    # message that names its kind.
    param(
        [Parameter(Mandatory = $true)] [scriptblock]$Call,
        [switch]$AllowNotFound,
        [switch]$Change
    )
    $hybridcAttempt = 0
    while ($true) {
        $hybridcAttempt++
        $script:HybridcCalls++
        try {
            $hybridcOutput = @(& $Call)
            return $hybridcOutput
        }
        catch {
            $hybridcError = $_
            $hybridcErrorKind = Get-HybridcErrorKind -ErrorRecord $hybridcError
            if ($hybridcErrorKind -eq 'notFound' -and $AllowNotFound) {
                return
            }
            $retry = $hybridcErrorKind -eq 'throttled' -or ($hybridcErrorKind -eq 'transient' -and -not $Change)
            if ($retry -and $hybridcAttempt -lt 5) {
                $pause = 5 * [int][Math]::Pow(2, $hybridcAttempt - 1)
                Write-Verbose ('Exchange answered ' + $hybridcErrorKind + '; trying again in ' + [string]$pause + ' s: ' + $hybridcError.Exception.Message)
                Start-Sleep -Seconds $pause
                continue
            }
            $failure = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList (($hybridcErrorKind + ': ' + $hybridcError.Exception.Message), $hybridcError.Exception)
            $failure.Data['HybridcErrorKind'] = $hybridcErrorKind
            throw $failure
        }
    }
}

#@ piece Invoke-HybridcItems
function Invoke-HybridcItems {
    # Runs a script block for each data item of a step, with progress. A
    # failure stops that item only: it is recorded and the next item runs,
    # unless three items in a row failed with Exchange throttling or a
    # transient failure that retries did not cure (a broken session): then
    # the run stops, rather than wait through every remaining item.
    param($Items, [Parameter(Mandatory = $true)] [scriptblock]$Each)
    $all = @($Items)
    $every = [Math]::Max(1, [int]($all.Count / 100))
    for ($hybridcIndex = 0; $hybridcIndex -lt $all.Count; $hybridcIndex++) {
        if ($all.Count -gt 1 -and $hybridcIndex % $every -eq 0) {
            Write-Progress -Activity $script:HybridcKind -Status ([string]($hybridcIndex + 1) + ' of ' + [string]$all.Count) -PercentComplete ([int](100 * $hybridcIndex / $all.Count))
        }
        $hybridcItem = $all[$hybridcIndex]
        try {
            $null = & $Each $hybridcItem
            $script:HybridcTransientInARow = 0
        }
        catch {
            if ($_.Exception.Data['HybridcStop'] -eq $true) {
                throw
            }
            if ([string]$_.Exception.Data['HybridcErrorKind'] -eq 'dehydrated') {
                # Not a failure: the tenant is still being customized.
                $script:HybridcCustomizationPending = $true
                $script:HybridcTransientInARow = 0
                Add-HybridcResult -Item $hybridcItem -Status 'pending' -Detail ('Exchange Online has not finished organization customization (this can take hours): run the script again later. ' + $_.Exception.Message)
                continue
            }
            Add-HybridcResult -Item $hybridcItem -Status 'failed' -Detail $_.Exception.Message
            Test-HybridcBrokenSession -Failure $_.Exception
        }
    }
    if ($all.Count -gt 1) {
        Write-Progress -Activity $script:HybridcKind -Completed
    }
}

#@ piece Test-HybridcBrokenSession
function Test-HybridcBrokenSession {
    # Counts a failure toward the stop rule: the third resource or bulk read
    # in a row that failed with throttling or a transient failure retries
    # did not cure stops the run (a broken session), rather than wait through
    # every remaining item.
    param([Parameter(Mandatory = $true)] [System.Exception]$Failure)
    if ($Failure.Data['HybridcStop'] -eq $true) {
        throw $Failure # the stop, thrown further in: it ends the run
    }
    if ([string]$Failure.Data['HybridcErrorKind'] -eq 'denied') {
        Test-HybridcSessionAlive -Failure $Failure
    }
    if (@('throttled', 'transient') -notcontains [string]$Failure.Data['HybridcErrorKind']) {
        $script:HybridcTransientInARow = 0
        return
    }
    $script:HybridcTransientInARow++
    if ($script:HybridcTransientInARow -ge 3) {
        $stop = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList ('Exchange failed three times in a row even after retries; the session may be broken. Last error: ' + $Failure.Message)
        $stop.Data['HybridcStop'] = $true
        throw $stop
    }
}

#@ piece Test-HybridcBrokenSession#2
function Test-HybridcBrokenSession {
    # Counts a failure toward the stop rule: the third resource or bulk read
    # in a row that failed with throttling or a transient failure retries
    # did not cure stops the run (a broken session), rather than wait through
    # every remaining item.
    param([Parameter(Mandatory = $true)] [System.Exception]$Failure)
    if ($Failure.Data['HybridcStop'] -eq $true) {
        throw $Failure # the stop, thrown further in: it ends the run
    }
    if (@('throttled', 'transient') -notcontains [string]$Failure.Data['HybridcErrorKind']) {
        $script:HybridcTransientInARow = 0
        return
    }
    $script:HybridcTransientInARow++
    if ($script:HybridcTransientInARow -ge 3) {
        $stop = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList ('Exchange failed three times in a row even after retries; the session may be broken. Last error: ' + $Failure.Message)
        $stop.Data['HybridcStop'] = $true
        throw $stop
    }
}

#@ piece Test-HybridcSessionAlive
function Test-HybridcSessionAlive {
    # After "access denied": reads the organization's configuration, which
    # the preflight read at the start of the run. Denied on one object is
    # that object's (a management scope); denied on this read too means the
    # session has expired or lost its rights, and every remaining call
    # would fail the same way: the run stops, and every resource it did not
    # reach is reported as not run. Any other failure of the read
    # (throttling, a transient failure, after Invoke-HybridcCall's retries)
    # says nothing about expiry: the next denial probes again. A read that succeeded holds for
    # the next 50 denials, so that a scoped administrator's many denials do
    # not double the calls.
    param([Parameter(Mandatory = $true)] [System.Exception]$Failure)
    if ($script:HybridcDeniedSinceProbe -gt 0 -and $script:HybridcDeniedSinceProbe -lt 50) {
        $script:HybridcDeniedSinceProbe++
        return
    }
    try {
        $null = Invoke-HybridcCall -Call { Get-OrganizationConfig -ErrorAction Stop }
        $script:HybridcDeniedSinceProbe = 1
    }
    catch {
        if ([string]$_.Exception.Data['HybridcErrorKind'] -ne 'denied') {
            $script:HybridcDeniedSinceProbe = 0 # probe again at the next denial
            return
        }
        $stop = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList ('Exchange denied access, and then denied reading the organization configuration that this run read at its start: the session has expired or lost its rights. Connect again and run the script again. Last error: ' + $_.Exception.Message)
        $stop.Data['HybridcStop'] = $true
        throw $stop
    }
}

#@ piece Invoke-HybridcStep
function Invoke-HybridcStep {
    # Runs a step's bulk read, then its items. When the bulk read fails, every
    # item of the step fails with its message, also when the failure stops
    # the run: the report then names what stopped it.
    param($Items, [Parameter(Mandatory = $true)] [scriptblock]$Read, [Parameter(Mandatory = $true)] [scriptblock]$Each)
    try {
        $null = & $Read
        $script:HybridcTransientInARow = 0
    }
    catch {
        $hybridcReadError = $_.Exception.Message
        foreach ($hybridcItem in @($Items)) {
            Add-HybridcResult -Item $hybridcItem -Status 'failed' -Detail ('reading ' + $script:HybridcKind + ': ' + $hybridcReadError)
        }
        Test-HybridcBrokenSession -Failure $_.Exception
        return
    }
    Invoke-HybridcItems -Items $Items -Each $Each
}

#@ piece Invoke-HybridcChange
function Invoke-HybridcChange {
    # Makes one change of a resource unless -Check, -WhatIf or a declined
    # -Confirm say not to, and records the result: drifted (-Check), skipped
    # (-WhatIf, declined) or Done. A change of a kind that needs organization
    # customization waits ('pending') while it has not taken effect
    # (Test-HybridcNeedsCustomization). A creation that is not made marks
    # PendingKey, so that resources depending on the object report what they
    # would do instead of reading an object that does not exist yet. Returns
    # whether the change was made.
    param(
        [Parameter(Mandatory = $true)] $Item,
        [Parameter(Mandatory = $true)] [string]$Action,
        [Parameter(Mandatory = $true)] [string]$Done,
        [Parameter(Mandatory = $true)] [scriptblock]$Change,
        [string]$PendingKey = ''
    )
    if ($script:HybridcCustomizationPending -and -not $Check -and (Test-HybridcNeedsCustomization)) {
        if ($PendingKey -ne '') {
            $script:HybridcPending[$PendingKey] = 'pending'
        }
        Add-HybridcResult -Item $Item -Status 'pending' -Detail ('waits for organization customization to take effect (this can take hours): run the script again later; then: ' + $Action)
        return $false
    }
    if ($Check -or -not $script:HybridcCmdlet.ShouldProcess((Get-HybridcLabel -Item $Item), $Action)) {
        if ($PendingKey -ne '') {
            $script:HybridcPending[$PendingKey] = $true
        }
        $status = 'skipped'
        if ($Check) {
            $status = 'drifted'
        }
        Add-HybridcResult -Item $Item -Status $status -Detail $Action
        return $false
    }
    try {
        $null = & $Change
    }
    catch {
        # A creation Exchange Online defers (the tenant is not customized
        # yet): what depends on the object waits too.
        if ($PendingKey -ne '' -and [string]$_.Exception.Data['HybridcErrorKind'] -eq 'dehydrated') {
            $script:HybridcPending[$PendingKey] = 'pending'
        }
        throw
    }
    Add-HybridcResult -Item $Item -Status $Done -Detail $Action
    return $true
}

#@ piece Test-HybridcNeedsCustomization
function Test-HybridcNeedsCustomization {
    # Whether the current step's kind needs organization customization in
    # Exchange Online: a dehydrated tenant refuses to create or change
    # organization relationships, role groups, role assignment policies and
    # organization settings.
    return (@('organizationRelationship', 'organizationConfig', 'roleGroup', 'roleAssignmentPolicy') -contains $script:HybridcKind)
}

#@ piece Skip-HybridcItem
function Skip-HybridcItem {
    # Reports a resource the script cannot bring into line (missing, or
    # found under another name without adopt) as -Check and -WhatIf see it:
    # drifted with -Check, skipped with -WhatIf (the run would fail), and
    # throws otherwise, so that the run records the failure.
    param([Parameter(Mandatory = $true)] $Item, [Parameter(Mandatory = $true)] [string]$Problem)
    if ($Check) {
        Add-HybridcResult -Item $Item -Status 'drifted' -Detail $Problem
        return
    }
    if ($WhatIfPreference) {
        Add-HybridcResult -Item $Item -Status 'skipped' -Detail ('a run would fail: ' + $Problem)
        return
    }
    throw $Problem
}

#@ piece Test-HybridcPending
function Test-HybridcPending {
    # Whether an object would have been created earlier in this run.
    param([Parameter(Mandatory = $true)] [string]$Key)
    return $script:HybridcPending.ContainsKey($Key)
}

#@ piece Add-HybridcPendingResult
function Add-HybridcPendingResult {
    # Reports a resource that depends on an object not created in this run
    # (Test-HybridcPending): pending when the creation waits for
    # organization customization (the run exits 3 and a later run does
    # both), else drifted with -Check and skipped otherwise (-WhatIf, a
    # declined -Confirm).
    param([Parameter(Mandatory = $true)] $Item, [Parameter(Mandatory = $true)] [string]$Key, [Parameter(Mandatory = $true)] [string]$Detail)
    $status = 'skipped'
    if ($Check) {
        $status = 'drifted'
    }
    if ([string]$script:HybridcPending[$Key] -eq 'pending') {
        $status = 'pending'
        $Detail = 'waits for ' + $Key + ', which waits for organization customization: run the script again later; then: ' + $Detail
    }
    Add-HybridcResult -Item $Item -Status $status -Detail $Detail
}

#@ piece Get-HybridcDrift
function Get-HybridcDrift {
    # Compares the declared properties of a data item with the current
    # object. Returns the drifted ones as a hashtable ready to splat onto the
    # kind's Set- cmdlet; Details receives one line per difference. Compare
    # says how: set (lists as sets, ignoring case), superset (the declared
    # items among the current ones; the missing ones are added with
    # @{ Add = ... }, the others kept), uri (ignoring case and a trailing
    # slash), principal (the object the name resolves to), or a plain value
    # (as text, ignoring case).
    param(
        [Parameter(Mandatory = $true)] $Current,
        $Properties,
        [System.Collections.Generic.List[string]]$Details
    )
    $drift = @{}
    foreach ($property in @($Properties)) {
        if ($null -eq $property) {
            continue
        }
        $have = Get-HybridcValue -Object $Current -Name $property.Name
        $want = $property.Value
        $value = $want
        switch -Exact ([string]$property.Compare) {
            'set' {
                $same = Test-HybridcSetEqual -Have $have -Want $want
            }
            'superset' {
                $missing = @(Get-HybridcMissing -Have $have -Want $want)
                $same = $missing.Count -eq 0
                $value = @{ Add = $missing }
                $want = @(@($have) + $missing)
            }
            'uri' {
                $same = ([string]$have).TrimEnd('/') -eq ([string]$want).TrimEnd('/')
            }
            default {
                $same = Test-HybridcSameName -A $have -B $want
            }
        }
        if (-not $same) {
            $drift[$property.Name] = $value
            if ($null -ne $Details) {
                $null = $Details.Add($property.Name + ': ' + (ConvertTo-HybridcText -Value $have) + ' -> ' + (ConvertTo-HybridcText -Value $want))
            }
        }
    }
    return $drift
}

#@ piece Get-HybridcDrift#2
function Get-HybridcDrift {
    # Compares the declared properties of a data item with the current
    # object. Returns the drifted ones as a hashtable ready to splat onto the
    # kind's Set- cmdlet; Details receives one line per difference. Compare
    # says how: set (lists as sets, ignoring case), superset (the declared
    # items among the current ones; the missing ones are added with
    # @{ Add = ... }, the others kept), uri (ignoring case and a trailing
    # slash), principal (the object the name resolves to), or a plain value
    # (as text, ignoring case).
    param(
        [Parameter(Mandatory = $true)] $Current,
        $Properties,
        [System.Collections.Generic.List[string]]$Details
    )
    $drift = @{}
    foreach ($property in @($Properties)) {
        if ($null -eq $property) {
            continue
        }
        $have = Get-HybridcValue -Object $Current -Name $property.Name
        $want = $property.Value
        $value = $want
        switch -Exact ([string]$property.Compare) {
            'set' {
                $same = Test-HybridcSetEqual -Have $have -Want $want
            }
            'superset' {
                $missing = @(Get-HybridcMissing -Have $have -Want $want)
                $same = $missing.Count -eq 0
                $value = @{ Add = $missing }
                $want = @(@($have) + $missing)
            }
            'uri' {
                $same = ([string]$have).TrimEnd('/') -eq ([string]$want).TrimEnd('/')
            }
            'principal' {
                $same = ($null -ne $have) -and (Test-HybridcSamePrincipal -Value $have -Name ([string]$want))
            }
            default {
                $same = Test-HybridcSameName -A $have -B $want
            }
        }
        if (-not $same) {
            $drift[$property.Name] = $value
            if ($null -ne $Details) {
                $null = $Details.Add($property.Name + ': ' + (ConvertTo-HybridcText -Value $have) + ' -> ' + (ConvertTo-HybridcText -Value $want))
            }
        }
    }
    return $drift
}

#@ piece ConvertTo-HybridcSplat
function ConvertTo-HybridcSplat {
    # The declared properties of a data item as a hashtable for a New- cmdlet.
    param($Properties)
    $splat = @{}
    foreach ($property in @($Properties)) {
        if ($null -ne $property) {
            $splat[$property.Name] = $property.Value
        }
    }
    return $splat
}

#@ piece Select-HybridcFirst
function Select-HybridcFirst {
    # The first of a list, or $null when it is empty: Set-StrictMode
    # -Version 3.0 refuses an index past the end.
    param($Items)
    foreach ($entry in @($Items)) {
        return $entry
    }
    return $null
}

#@ piece Get-HybridcKey
function Get-HybridcKey {
    # The stable key by which a change names an object Exchange returned:
    # its Guid, else its distinguished name, else its identity.
    param([Parameter(Mandatory = $true)] $Object)
    foreach ($name in @('Guid', 'ExchangeObjectId', 'DistinguishedName', 'Identity')) {
        $value = Get-HybridcValue -Object $Object -Name $name
        if ($null -ne $value -and [string]$value -ne '' -and [string]$value -ne '00000000-0000-0000-0000-000000000000') {
            return [string]$value
        }
    }
    throw ('Exchange returned an object without a Guid, distinguished name or identity.')
}

#@ piece Get-HybridcKey#2
function Get-HybridcKey {
    # The stable key by which a change names an object Exchange returned:
    # its Guid, else its distinguished name, else its identity.
    param([Parameter(Mandatory = $true)] $Object)
    foreach ($name in @('Guid', 'ExchangeObjectId', 'DistinguishedName', 'Identity')) {
        $value = Get-HybridcValue -Object $Object -Name $name
        if ($null -ne $value -and [string]$value -ne '' -and [string]$value -ne '00000000-0000-0000-0000-000000000000') {
            return [string]$value
        }
    }
    throw ('Exchange returned an object without a Guid, distinguished name or identity.')
}
#@ piece Assert-HybridcConnection
function Assert-HybridcConnection {
    # Refuses to change anything unless the Exchange cmdlets this script
    # calls are present and the session is connected to the organization
    # the data names.
    $missing = @($HybridcRequiredCommands | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
    if ($missing.Count -gt 0) {
        $needs = @($missing | ForEach-Object { $_ + ' (' + [string]$HybridcCommandUses[$_] + ')' })
        throw ($HybridcShell + ' is needed; missing cmdlets: ' + ($needs -join ', ') + '. Nothing was changed.')
    }
    # Exchange Online sessions only: a Security & Compliance (IPPS) session
    # is a connection too.
    $connections = @(Invoke-HybridcCall -Call { Get-ConnectionInformation -ErrorAction Stop } | Where-Object { [string](Get-HybridcValue -Object $_ -Name 'State') -eq 'Connected' -and -not (Test-HybridcFlag -Item $_ -Name 'IsEopSession') })
    if ($connections.Count -eq 0) {
        throw ('Not connected to Exchange Online: run Connect-ExchangeOnline with an administrator of ' + [string]$HybridcDesired.Organization + ' first. Nothing was changed.')
    }
    $script:HybridcConnection = $connections[0]
    $script:HybridcOrganization = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-OrganizationConfig -ErrorAction Stop })
    $names = @([string](Get-HybridcValue -Object $script:HybridcOrganization -Name 'Name'))
    # Exchange Online names the organization after the tenant's initial
    # domain; Identity shows it too.
    $names += [string](Get-HybridcValue -Object $script:HybridcOrganization -Name 'Identity')
    if (@($names | Where-Object { Test-HybridcSameName -A $_ -B $HybridcDesired.Organization }).Count -eq 0) {
        throw ('Connected to ''' + $names[0] + ''', but this script is for ''' + [string]$HybridcDesired.Organization + '''. Nothing was changed.')
    }
}
#@ piece Assert-HybridcConnection#2
function Assert-HybridcConnection {
    # Refuses to change anything unless the Exchange cmdlets this script
    # calls are present and the session is connected to the organization
    # the data names.
    $missing = @($HybridcRequiredCommands | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
    if ($missing.Count -gt 0) {
        $needs = @($missing | ForEach-Object { $_ + ' (' + [string]$HybridcCommandUses[$_] + ')' })
        throw ($HybridcShell + ' is needed; missing cmdlets: ' + ($needs -join ', ') + '. Nothing was changed.')
    }
    # Every domain of the forest, not only the server's: declared objects
    # may live in any of them.
    $null = Invoke-HybridcCall -Call { Set-ADServerSettings -ViewEntireForest:$true -ErrorAction Stop }
    $script:HybridcOrganization = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-OrganizationConfig -ErrorAction Stop })
    $names = @([string](Get-HybridcValue -Object $script:HybridcOrganization -Name 'Name'))
    if (@($names | Where-Object { Test-HybridcSameName -A $_ -B $HybridcDesired.Organization }).Count -eq 0) {
        throw ('Connected to ''' + $names[0] + ''', but this script is for ''' + [string]$HybridcDesired.Organization + '''. Nothing was changed.')
    }
}
#@ piece Assert-HybridcConnection#3
function Assert-HybridcConnection {
    # Refuses to change anything unless the Exchange cmdlets this script
    # calls are present and the session is connected to the organization
    # the data names.
    $missing = @($HybridcRequiredCommands | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
    if ($missing.Count -gt 0) {
        $needs = @($missing | ForEach-Object { $_ + ' (' + [string]$HybridcCommandUses[$_] + ')' })
        throw ($HybridcShell + ' is needed; missing cmdlets: ' + ($needs -join ', ') + '. Nothing was changed.')
    }
    # Exchange Online sessions only: a Security & Compliance (IPPS) session
    # is a connection too.
    $connections = @(Invoke-HybridcCall -Call { Get-ConnectionInformation -ErrorAction Stop } | Where-Object { [string](Get-HybridcValue -Object $_ -Name 'State') -eq 'Connected' -and -not (Test-HybridcFlag -Item $_ -Name 'IsEopSession') })
    if ($connections.Count -eq 0) {
        throw ('Not connected to Exchange Online: run Connect-ExchangeOnline with an administrator of ' + [string]$HybridcDesired.Organization + ' first. Nothing was changed.')
    }
    $script:HybridcConnection = $connections[0]
    $script:HybridcOrganization = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-OrganizationConfig -ErrorAction Stop })
    $names = @([string](Get-HybridcValue -Object $script:HybridcOrganization -Name 'Name'))
    # Exchange Online names the organization after the tenant's initial
    # domain; Identity shows it too.
    $names += [string](Get-HybridcValue -Object $script:HybridcOrganization -Name 'Identity')
    if (@($names | Where-Object { Test-HybridcSameName -A $_ -B $HybridcDesired.Organization }).Count -eq 0) {
        throw ('Connected to ''' + $names[0] + ''', but this script is for ''' + [string]$HybridcDesired.Organization + '''. Nothing was changed.')
    }
}

#@ piece Assert-HybridcConnection#4
function Assert-HybridcConnection {
    # Refuses to change anything unless the Exchange cmdlets this script
    # calls are present and the session is connected to the organization
    # the data names.
    $missing = @($HybridcRequiredCommands | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
    if ($missing.Count -gt 0) {
        $needs = @($missing | ForEach-Object { $_ + ' (' + [string]$HybridcCommandUses[$_] + ')' })
        throw ($HybridcShell + ' is needed; missing cmdlets: ' + ($needs -join ', ') + '. Nothing was changed.')
    }
    # Every domain of the forest, not only the server's: declared objects
    # may live in any of them.
    $null = Invoke-HybridcCall -Call { Set-ADServerSettings -ViewEntireForest:$true -ErrorAction Stop }
    $script:HybridcOrganization = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-OrganizationConfig -ErrorAction Stop })
    $names = @([string](Get-HybridcValue -Object $script:HybridcOrganization -Name 'Name'))
    if (@($names | Where-Object { Test-HybridcSameName -A $_ -B $HybridcDesired.Organization }).Count -eq 0) {
        throw ('Connected to ''' + $names[0] + ''', but this script is for ''' + [string]$HybridcDesired.Organization + '''. Nothing was changed.')
    }
}

