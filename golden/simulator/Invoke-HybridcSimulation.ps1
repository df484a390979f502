<#
.SYNOPSIS
    Runs a hybridc script (generated or export) against a simulated Exchange
    organization.

.DESCRIPTION
    The organization is read from -State (the format hybridc export writes);
    without it, it holds only the recipients and accounts the script's data
    names, the running account, the built-in role groups and the default
    role assignment policy. The script runs in this process with the
    simulator's cmdlets defined, under Set-StrictMode -Version Latest; its
    exit code is this script's exit code. -OutState receives the
    organization afterwards, -CallLog one JSON object per Exchange call.

    With -Plan, runs a JSON array of runs ({ "Script", "Mode",
    "ScriptParameters", "State", "Faults", "OutState", "CallLog", and "Add":
    objects in the state format added to the organization before the run,
    such as what the Hybrid Configuration Wizard created }) one
    after the other in this process and writes their exit codes as a JSON
    array to -Results.

.PARAMETER Variant
    A JSON object choosing how the simulator plays facts the behaviour
    table marks unconfirmed, such as {"delegates":"name"} (Sim.Variants.ps1
    lists them); the first value of each is the default.

.PARAMETER Faults
    A JSON array of faults: { "cmdlet": "Get-Mailbox", "identity": "ONPREM1",
    "kind": "throttled", "times": 2, "after": 0 }. Kinds: notFound,
    ambiguous, denied, throttled, transient. Without times, always.
#>
[CmdletBinding(DefaultParameterSetName = 'One')]
param(
    [Parameter(Mandatory = $true, ParameterSetName = 'One')] [string]$Script,
    [Parameter(ParameterSetName = 'One')] [ValidateSet('Run', 'Check', 'WhatIf')] [string]$Mode = 'Run',
    [Parameter(ParameterSetName = 'One')] [string]$ScriptParameters = '',
    [Parameter(ParameterSetName = 'One')] [string]$State = '',
    [Parameter(ParameterSetName = 'One')] [string]$Faults = '',
    [Parameter(ParameterSetName = 'One')] [string]$Variant = '',
    [Parameter(Mandatory = $true, ParameterSetName = 'One')] [string]$OutState,
    [Parameter(Mandatory = $true, ParameterSetName = 'One')] [string]$CallLog,
    [Parameter(Mandatory = $true, ParameterSetName = 'Plan')] [string]$Plan,
    [Parameter(Mandatory = $true, ParameterSetName = 'Plan')] [string]$Results
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'HybridcSimulator.psm1') -Force

function Invoke-SimScript {
    # One run: the script executes in the global session state, as in a
    # user's shell, with the stand-ins for the engine's Windows-only
    # functions. Returns the script's exit code.
    param([Parameter(Mandatory = $true)] [hashtable]$Run)
    $full = { param($path) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($path) }
    $started = Start-SimRun -Script $Run.Script -Mode $Run.Mode -ScriptParameters $Run.ScriptParameters -State $Run.State -Faults $Run.Faults -Add $Run.Add -Variant $Run.Variant
    $standIns = Get-SimStandIn
    $ExecutionContext.InvokeCommand.PreCommandLookupAction = {
        param($commandName, $lookup)
        $standIn = $standIns[$commandName]
        if ($null -ne $standIn) {
            $lookup.CommandScriptBlock = $standIn
            $lookup.StopSearch = $true
        }
    }.GetNewClosure()
    $code = 0
    $watch = New-Object -TypeName 'System.Diagnostics.Stopwatch'
    try {
        $global:LASTEXITCODE = 0
        $scriptParameters = $started.Parameters
        $watch.Start()
        & $started.Path @scriptParameters
        $watch.Stop()
        $code = $global:LASTEXITCODE
    }
    catch {
        $host.UI.WriteErrorLine('simulator: the script ended with an exception: ' + $_.Exception.Message + ' ' + $_.InvocationInfo.PositionMessage)
        $code = 1
    }
    finally {
        $ExecutionContext.InvokeCommand.PreCommandLookupAction = $null
    }
    $watch.Stop()
    $defects = Complete-SimRun -OutState (& $full $Run.OutState) -CallLog (& $full $Run.CallLog)
    # The script's run time, and the part of it spent in the simulated
    # cmdlets: the rest is the engine's own.
    $cmdletSeconds = [TimeSpan]::FromTicks((Get-HybridcSimulation).CmdletTicks).TotalSeconds
    return @{ exitCode = $code; defects = $defects; seconds = $watch.Elapsed.TotalSeconds; cmdletSeconds = $cmdletSeconds }
}

function ConvertTo-SimRun {
    # A run of the plan with every field present.
    param([Parameter(Mandatory = $true)] [System.Collections.IDictionary]$Entry)
    $run = @{ Mode = 'Run'; ScriptParameters = ''; State = ''; Faults = ''; Add = ''; Variant = '' }
    foreach ($key in $Entry.Keys) {
        $run[$key] = $Entry[$key]
    }
    foreach ($key in @('ScriptParameters', 'Add', 'Variant')) {
        if ($run[$key] -is [System.Collections.IDictionary]) {
            $run[$key] = ConvertTo-Json -InputObject $run[$key] -Compress -Depth 16
        }
    }
    return $run
}

if ($PSCmdlet.ParameterSetName -eq 'One') {
    $result = Invoke-SimScript -Run (ConvertTo-SimRun -Entry @{ Script = $Script; Mode = $Mode; ScriptParameters = $ScriptParameters; State = $State; Faults = $Faults; Variant = $Variant; OutState = $OutState; CallLog = $CallLog })
    exit $result.exitCode
}
$runs = Get-Content -LiteralPath $Plan -Raw -Encoding UTF8 | ConvertFrom-Json -AsHashtable
$out = New-Object -TypeName 'System.Collections.ArrayList'
foreach ($entry in @($runs)) {
    $null = $out.Add((Invoke-SimScript -Run (ConvertTo-SimRun -Entry $entry)))
}
$json = ConvertTo-Json -InputObject @($out) -Depth 4
[System.IO.File]::WriteAllText($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Results), $json, (New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false))
exit 0
