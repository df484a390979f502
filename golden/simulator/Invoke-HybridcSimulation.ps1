<#
.SYNOPSIS
    Runs a hybridc script (generated or export) against a simulated Exchange
    organization.

.DESCRIPTION
    The organization is read from -State (the format hybridc export writes);
    without it, it holds only the recipients and accounts the script's data
    names, the running account, the built-in role groups and the default
    role assignment policy. The script runs in this process with the
    simulator's cmdlets defined and Set-StrictMode -Version Latest; its exit
    code is this script's exit code. -OutState receives the organization
    afterwards, -CallLog one JSON object per Exchange call.

.PARAMETER Faults
    A JSON array of faults: { "cmdlet": "Get-Mailbox", "identity": "ONPREM1",
    "kind": "throttled", "times": 2, "after": 0 }. Kinds: notFound,
    ambiguous, denied, throttled, transient. Without times, always.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string]$Script,
    [ValidateSet('Run', 'Check', 'WhatIf')] [string]$Mode = 'Run',
    [string]$ScriptParameters = '',
    [string]$State = '',
    [string]$Faults = '',
    [Parameter(Mandatory = $true)] [string]$OutState,
    [Parameter(Mandatory = $true)] [string]$CallLog
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'HybridcSimulator.psm1') -Force

$scriptPath = (Resolve-Path -LiteralPath $Script).ProviderPath
$info = Get-SimScriptInfo -Path $scriptPath
$name = ''
if ($info.Data -is [System.Collections.IDictionary]) {
    foreach ($key in @('Organization', 'Forest')) {
        if ($info.Data.Contains($key) -and [string]$info.Data[$key] -ne '') {
            $name = [string]$info.Data[$key]
        }
    }
}
$parameters = @{}
if ($ScriptParameters -ne '') {
    $parameters = ConvertFrom-Json -InputObject $ScriptParameters -AsHashtable
}
if ($name -eq '' -and $parameters.ContainsKey('Organization')) {
    $name = [string]$parameters['Organization']
}
$seed = $State -eq ''
if ($seed) {
    $organization = New-SimOrganization -Kind $info.Kind -Name $name
}
else {
    $organization = Import-SimState -Path $State
}
if ($info.Kind -eq 'entraConnect' -and -not $organization.Contains('groupWritebackPermissions')) {
    $organization['groupWritebackPermissions'] = @()
}
Initialize-HybridcSimulator -Kind $info.Kind -Version $info.Version -Organization $organization -Faults $Faults
$sim = Get-HybridcSimulation
if ($seed) {
    Initialize-SimSeed -Data $info.Data
}
# The account the script runs as: the built-in administrator, else the
# first member of Organization Management.
$sim.IndexDirty = $true
foreach ($recipient in $sim.Org.recipients) {
    $text = [string]$recipient['name']
    if ($text -eq 'Administrator' -or $text -eq 'admin') {
        $sim.RunningAccount = [string]$recipient['userPrincipalName']
        if ($recipient.Contains('sid')) {
            $sim.RunningSid = [string]$recipient['sid']
        }
    }
}

$standIns = Get-SimStandIn
$ExecutionContext.InvokeCommand.PreCommandLookupAction = {
    param($commandName, $lookup)
    $standIn = $standIns[$commandName]
    if ($null -ne $standIn) {
        $lookup.CommandScriptBlock = $standIn
        $lookup.StopSearch = $true
    }
}.GetNewClosure()

switch ($Mode) {
    'Check' { $parameters['Check'] = $true }
    'WhatIf' { $parameters['WhatIf'] = $true }
}
$exitCode = 0
try {
    $global:LASTEXITCODE = 0
    & $scriptPath @parameters
    $exitCode = $global:LASTEXITCODE
}
catch {
    $host.UI.WriteErrorLine('simulator: the script ended with an exception: ' + $_.Exception.Message + ' ' + $_.InvocationInfo.PositionMessage)
    $exitCode = 1
}
finally {
    $ExecutionContext.InvokeCommand.PreCommandLookupAction = $null
}

foreach ($defect in $sim.Defects) {
    $host.UI.WriteErrorLine('simulator defect: ' + $defect)
}
Export-SimState -Path $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutState)
$lines = New-Object -TypeName 'System.Collections.Generic.List[string]'
foreach ($call in $sim.Calls) {
    $lines.Add((ConvertTo-Json -InputObject $call -Depth 16 -Compress))
}
[System.IO.File]::WriteAllLines($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CallLog), $lines, (New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false))
exit $exitCode
