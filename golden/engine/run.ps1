#@ run run: head
#@ run run/2: head.2
#@ run run/3: head.3
#@ run run/2#2: head.2#2
#@ run run#2: head#2
#@ run run/2#3: head.2#3
#@ run run/2#4: head.2#4
#@ piece head
# ---------------------------------------------------------------------------
# The run.
$exitCode = 0
$counts = @{ failed = 0; drifted = 0; unknown = 0; pending = 0 }
$steps = @($HybridcDesired.Steps)
$stepIndex = -1
try {
#@ piece head#2
# ---------------------------------------------------------------------------
# The run.
$exitCode = 0
# Objects whose own read failed: a state must be complete, so any of them
# stops the export before the file is written.
$script:HybridcExportFailures = @{}
try {
#@ piece head.2
    for ($stepIndex = 0; $stepIndex -lt $steps.Count; $stepIndex++) {
        $step = $steps[$stepIndex]
        $script:HybridcKind = [string]$step.Kind
        switch -Exact ($script:HybridcKind) {
#@ piece head.2#2
    for ($stepIndex = 0; $stepIndex -lt $steps.Count; $stepIndex++) {
        $step = $steps[$stepIndex]
        $script:HybridcKind = [string]$step.Kind
        switch -Exact ($script:HybridcKind) {
            default {
                throw ('This script has no engine for ' + $script:HybridcKind + '.')
            }
        }
    }
}
catch {
    $exitCode = 1
    $host.UI.WriteErrorLine('hybridc: stopped: ' + $_.Exception.Message)
    # Every resource the run did not reach, in the step it stopped in and
    # after it, is in the summary and the report.
    $reported = New-HybridcNameTable
    foreach ($result in $script:HybridcResults) {
        $reported[$result.Resource] = $true
    }
    for ($later = [Math]::Max(0, $stepIndex); $later -lt $steps.Count; $later++) {
        $script:HybridcKind = [string]$steps[$later].Kind
        foreach ($item in @($steps[$later].Items)) {
            if (-not $reported.ContainsKey((Get-HybridcLabel -Item $item))) {
                Add-HybridcResult -Item $item -Status 'skipped' -Detail 'not run: the run stopped'
            }
        }
    }
}
finally {
    $counts = Write-HybridcSummary
    if ($ReportPath -ne '') {
        try {
            Write-HybridcReport -Path $ReportPath -Counts $counts
        }
        catch {
            $exitCode = 1
            $host.UI.WriteErrorLine('hybridc: the report could not be written: ' + $_.Exception.Message)
        }
    }
}
if ($exitCode -eq 0 -and $counts['failed'] -gt 0) {
    $exitCode = 1
}
# With -Check, drift (2) comes before pending (3): a monitor that alerts on
# 2 must see drift also while customization is pending.
if ($exitCode -eq 0 -and $Check -and ($counts['drifted'] + $counts['unknown']) -gt 0) {
    $exitCode = 2
}
if ($exitCode -eq 0 -and $counts['pending'] -gt 0) {
    $exitCode = 3
}
exit $exitCode
#@ piece head.2#3
    $state = Read-HybridcState
    if ($script:HybridcExportFailures.Count -gt 0) {
        foreach ($key in @($script:HybridcExportFailures.Keys | Sort-Object)) {
            $host.UI.WriteErrorLine('hybridc: reading ' + $key + ' failed: ' + $script:HybridcExportFailures[$key])
        }
        throw ([string]$script:HybridcExportFailures.Count + ' objects could not be read')
    }
    Write-HybridcState -State $state -Path $StatePath
    Write-Host ('Wrote ' + $StatePath + ': ' + [string]@($state.recipients).Count + ' recipients, ' + [string]@($state.permissions).Count + ' permission entries; ' + [string]$script:HybridcCalls + ' Exchange calls in ' + ([DateTime]::UtcNow - $script:HybridcStarted).ToString('hh\:mm\:ss'))
}
catch {
    $exitCode = 1
    $host.UI.WriteErrorLine('hybridc: export stopped, nothing was written: ' + $_.Exception.Message)
}
exit $exitCode
#@ piece head.2#4
    $state = Read-HybridcState
    if ($script:HybridcExportFailures.Count -gt 0) {
        foreach ($key in @($script:HybridcExportFailures.Keys | Sort-Object)) {
            $host.UI.WriteErrorLine('hybridc: reading ' + $key + ' failed: ' + $script:HybridcExportFailures[$key])
        }
        throw ([string]$script:HybridcExportFailures.Count + ' objects could not be read')
    }
    Write-HybridcState -State $state -Path $StatePath
    Write-HybridcEndpoints -State $state
    Write-Host ('Wrote ' + $StatePath + ': ' + [string]@($state.recipients).Count + ' recipients, ' + [string]@($state.permissions).Count + ' permission entries; ' + [string]$script:HybridcCalls + ' Exchange calls in ' + ([DateTime]::UtcNow - $script:HybridcStarted).ToString('hh\:mm\:ss'))
}
catch {
    $exitCode = 1
    $host.UI.WriteErrorLine('hybridc: export stopped, nothing was written: ' + $_.Exception.Message)
}
exit $exitCode
#@ piece head.3
            default {
                throw ('This script has no engine for ' + $script:HybridcKind + '.')
            }
        }
    }
}
catch {
    $exitCode = 1
    $host.UI.WriteErrorLine('hybridc: stopped: ' + $_.Exception.Message)
    # Every resource the run did not reach, in the step it stopped in and
    # after it, is in the summary and the report.
    $reported = New-HybridcNameTable
    foreach ($result in $script:HybridcResults) {
        $reported[$result.Resource] = $true
    }
    for ($later = [Math]::Max(0, $stepIndex); $later -lt $steps.Count; $later++) {
        $script:HybridcKind = [string]$steps[$later].Kind
        foreach ($item in @($steps[$later].Items)) {
            if (-not $reported.ContainsKey((Get-HybridcLabel -Item $item))) {
                Add-HybridcResult -Item $item -Status 'skipped' -Detail 'not run: the run stopped'
            }
        }
    }
}
finally {
    $counts = Write-HybridcSummary
    if ($ReportPath -ne '') {
        try {
            Write-HybridcReport -Path $ReportPath -Counts $counts
        }
        catch {
            $exitCode = 1
            $host.UI.WriteErrorLine('hybridc: the report could not be written: ' + $_.Exception.Message)
        }
    }
}
if ($exitCode -eq 0 -and $counts['failed'] -gt 0) {
    $exitCode = 1
}
# With -Check, drift (2) comes before pending (3): a monitor that alerts on
# 2 must see drift also while customization is pending.
if ($exitCode -eq 0 -and $Check -and ($counts['drifted'] + $counts['unknown']) -gt 0) {
    $exitCode = 2
}
if ($exitCode -eq 0 -and $counts['pending'] -gt 0) {
    $exitCode = 3
}
exit $exitCode
