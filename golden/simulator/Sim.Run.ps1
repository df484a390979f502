# One run of a script in the simulator, in two halves around the script
# itself: Start-SimRun sets up the organization and the cmdlets and returns
# the script's parameters; Complete-SimRun writes the organization and the
# call log. The entry scripts run the script between them, in the global
# session state as a user's shell would, not inside this module.

# The behaviour table and the catalog, read once per process.
$script:SimCache = @{}

function Read-SimProjectData {
    # The behaviour table and the cmdlet catalog of the project.
    if (-not $script:SimCache.ContainsKey('Catalog')) {
        $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
        $script:SimCache.Behaviour = Get-Content -LiteralPath (Join-Path $root 'compiler/exchange/behaviour.json') -Raw -Encoding UTF8 | ConvertFrom-Json -AsHashtable
        # Only the implemented cmdlets' entries are converted: the catalog
        # holds 1,437, and converting all of it takes a second per process.
        $text = Get-Content -LiteralPath (Join-Path $root 'golden/pscheck/catalog/exchange-cmdlets.json') -Raw -Encoding UTF8
        $document = [System.Text.Json.JsonDocument]::Parse($text)
        try {
            $cmdlets = $document.RootElement.GetProperty('cmdlets')
            $catalog = @{}
            foreach ($name in @($script:SimHandlers.Keys)) {
                $entry = New-Object -TypeName 'System.Text.Json.JsonElement'
                if ($cmdlets.TryGetProperty($name, [ref]$entry)) {
                    $catalog[$name] = ConvertFrom-Json -InputObject $entry.GetRawText() -AsHashtable
                }
            }
            $script:SimCache.Catalog = $catalog
        }
        finally {
            $document.Dispose()
        }
    }
    return $script:SimCache
}

function Start-SimRun {
    # Prepares a run: reads the script, the organization (State, or seeded
    # from the script's data), the faults; defines the cmdlets. Returns the
    # script's full path and its parameters.
    param(
        [Parameter(Mandatory = $true)] [string]$Script,
        [string]$Mode = 'Run',
        [string]$ScriptParameters = '',
        [string]$State = '',
        [string]$Faults = '',
        [string]$Add = '',
        [string]$Variant = ''
    )
    $scriptPath = (Resolve-Path -LiteralPath $Script).ProviderPath
    $info = Get-SimScriptInfo -Path $scriptPath
    $parameters = @{}
    if ($ScriptParameters -ne '') {
        $parameters = ConvertFrom-Json -InputObject $ScriptParameters -AsHashtable
    }
    $name = ''
    if ($info.Data -is [System.Collections.IDictionary]) {
        foreach ($key in @('Organization', 'Forest')) {
            if ($info.Data.Contains($key) -and [string]$info.Data[$key] -ne '') {
                $name = [string]$info.Data[$key]
            }
        }
    }
    if ($name -eq '' -and $parameters.ContainsKey('Organization')) {
        $name = [string]$parameters['Organization']
    }
    if ($State -ne '') {
        $organization = Import-SimState -Path $State
    }
    else {
        $kind = $info.Kind
        if ($kind -eq 'online') {
            $kind = 'exchangeOnline'
        }
        if ($kind -eq 'graph') {
            $kind = 'entraId'
        }
        $organization = New-SimOrganization -Kind $kind -Name $name
    }
    if ($info.Kind -eq 'entraConnect' -and -not $organization.Contains('groupWritebackPermissions')) {
        $organization['groupWritebackPermissions'] = @()
    }
    $version = $info.Version
    if ($info.Kind -eq 'entraConnect') {
        # The AdSyncConfig module's generation (Sim.Entra): 2 (Entra
        # Connect 2.0.3.0 and later, -IncludeAdminSdHolders) unless the
        # state says 1 (-SkipAdminSdHolders).
        $version = 'AdSyncConfig 2'
        if ($organization.Contains('adSyncConfigModule')) {
            $version = 'AdSyncConfig ' + [string]$organization['adSyncConfigModule']
        }
    }
    Initialize-HybridcSimulator -Kind $info.Kind -Version $version -Organization $organization -Faults $Faults
    if ($info.Kind -eq 'entraConnect') {
        # The Program Files folder of the simulated Windows.
        $env:ProgramFiles = Get-SimProgramFiles
    }
    Set-SimVariants -Json $Variant
    if ($State -eq '') {
        Initialize-SimSeed -Data $info.Data
    }
    if ($Add -ne '') {
        Add-SimObjects -Objects (ConvertFrom-SimJson -Value (ConvertFrom-Json -InputObject $Add -AsHashtable))
    }
    Set-SimRunningAccount
    switch ($Mode) {
        'Check' { $parameters['Check'] = $true }
        'WhatIf' { $parameters['WhatIf'] = $true }
        'Run' { }
        default { throw ('simulator: unknown mode ' + $Mode) }
    }
    return @{ Path = $scriptPath; Parameters = $parameters }
}

function Add-SimObjects {
    # Adds objects to the organization before the run: each list of the
    # state format is appended to, organizationConfig's fields are set.
    param([Parameter(Mandatory = $true)] [System.Collections.IDictionary]$Objects)
    foreach ($key in $Objects.Keys) {
        $value = $Objects[$key]
        if ($value -is [System.Collections.IDictionary]) {
            foreach ($field in $value.Keys) {
                $script:Sim.Org[$key][$field] = $value[$field]
            }
            continue
        }
        foreach ($entry in $value) {
            $null = $script:Sim.Org[$key].Add($entry)
        }
    }
    $script:Sim.IndexDirty = $true
    $script:Sim.Permissions = $null
}

function Set-SimRunningAccount {
    # The account the script runs as: the built-in administrator.
    $script:Sim.IndexDirty = $true
    if (-not $script:Sim.Org.Contains('recipients')) {
        return # Entra ID (Sim.Graph.ps1): no Exchange recipients
    }
    foreach ($recipient in $script:Sim.Org.recipients) {
        $text = [string](Get-SimField -Record $recipient -Name 'name')
        if ($text -eq 'Administrator' -or $text -eq 'admin') {
            $script:Sim.RunningAccount = [string](Get-SimField -Record $recipient -Name 'userPrincipalName')
            $script:Sim.RunningSid = [string](Get-SimField -Record $recipient -Name 'sid')
        }
    }
}

function Complete-SimRun {
    # Writes the organization after the run and the call log; reports the
    # simulator's own defects on standard error.
    param([Parameter(Mandatory = $true)] [string]$OutState, [Parameter(Mandatory = $true)] [string]$CallLog)
    foreach ($defect in $script:Sim.Defects) {
        $host.UI.WriteErrorLine('simulator defect: ' + $defect)
    }
    Export-SimState -Path $OutState
    $lines = New-Object -TypeName 'System.Collections.Generic.List[string]'
    foreach ($call in $script:Sim.Calls) {
        $lines.Add((ConvertTo-Json -InputObject $call -Depth 16 -Compress))
    }
    [System.IO.File]::WriteAllLines($CallLog, $lines, (New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false))
    return $script:Sim.Defects.Count
}
