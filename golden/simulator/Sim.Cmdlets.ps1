# The cmdlets: one function per Exchange cmdlet the simulator implements,
# with the parameters and parameter sets of Microsoft's cmdlet reference
# (golden/pscheck/catalog/exchange-cmdlets.json) for the environment the
# script runs in, so that PowerShell's own binder refuses an unknown
# parameter, a wrong set or a missing mandatory parameter as Exchange's
# proxy functions do. The functions belong to this module, as the
# implicit-remoting and EXO V3 cmdlets belong to theirs: they do not see
# the calling script's preference variables. Every call is recorded.

$script:SimCommon = @('ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'Verbose', 'Debug', 'WhatIf', 'Confirm', 'ProgressAction')

function Test-SimInEnv {
    # Whether a catalog entry's env includes the simulated environment.
    param($Env)
    if ($null -eq $Env) {
        return $true
    }
    if ($script:Sim.Kind -eq 'graph' -or $Env.Contains('graph')) {
        return $script:Sim.Kind -eq 'graph' -and $Env.Contains('graph')
    }
    if ($script:Sim.Kind -eq 'entraConnect' -or $Env.Contains('entraConnect')) {
        # A parameter of one AdSyncConfig generation names it (module).
        return $script:Sim.Kind -eq 'entraConnect' -and $Env.Contains('entraConnect') -and (-not $Env.Contains('module') -or @($Env['module'] | ForEach-Object { 'AdSyncConfig ' + $_ }) -contains $script:Sim.Version)
    }
    if ($script:Sim.Kind -ne 'onPremises') {
        return [bool]$Env['exchangeOnline']
    }
    return @($Env['onPremises']) -contains $script:Sim.Version
}

function Get-SimFunctionText {
    # The text of a cmdlet's function, built from its catalog entry (trusted
    # project data: parameter names are identifiers). Every parameter of the
    # environment is declared, so that PowerShell refuses any other; the
    # parameter sets are checked by Assert-SimParameterSet, since the
    # catalog merges the sets of both environments and records no default.
    param([Parameter(Mandatory = $true)] [string]$Name, [Parameter(Mandatory = $true)] $Entry)
    $shouldProcess = $Entry.params.ContainsKey('Confirm')
    $declared = New-Object -TypeName 'System.Collections.Generic.List[string]'
    $sets = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($set in @($Entry.parameterSets.Keys)) {
        $inSet = $Entry.parameterSets[$set]['params']
        # A set whose mandatory parameter the environment lacks (Add-
        # MailboxPermission's Instance online) is no set there.
        if (@($inSet.Keys | Where-Object { $inSet[$_]['required'] -eq $true -and -not (Test-SimInEnv -Env $Entry.params[$_]['env']) }).Count -gt 0) {
            continue
        }
        $params = @($inSet.Keys | Where-Object { @('Confirm', 'WhatIf') -notcontains $_ -and (Test-SimInEnv -Env $Entry.params[$_]['env']) })
        $required = @($params | Where-Object { $inSet[$_]['required'] -eq $true })
        $null = $sets.Add(@{ Name = $set; Params = $params; Required = $required })
    }
    $script:SimSets[$Name] = $sets
    foreach ($param in @($Entry.params.Keys | Sort-Object)) {
        $info = $Entry.params[$param]
        if (@('Confirm', 'WhatIf') -contains $param -or -not (Test-SimInEnv -Env $info['env']) -or $param -notmatch '^[A-Za-z][A-Za-z0-9]*$') {
            continue
        }
        $attribute = '[Parameter()]'
        if ($param -eq 'Identity') {
            $attribute = '[Parameter(Position = 0, ValueFromPipeline = $true)]'
        }
        $type = '[object]'
        if ($info['switch'] -eq $true) {
            $type = '[switch]'
        }
        $declared.Add('        ' + $attribute + ' ' + $type + '$' + $param)
    }
    $lines = New-Object -TypeName 'System.Collections.Generic.List[string]'
    $lines.Add('function global:' + $Name + ' {')
    # A function that declares a ConfirmImpact (AdSyncConfig's High) asks
    # ShouldProcess as the real one does: PowerShell prompts when the impact
    # reaches $ConfirmPreference (this module's, so the global one: High by
    # default) unless -Confirm:$false was given; in a host without a console
    # (pwsh -NonInteractive) the prompt throws, so nothing is done.
    $impact = ''
    $ask = ''
    if ([string]$Entry['confirmImpact'] -ne '') {
        $impact = ', ConfirmImpact = ''' + [string]$Entry['confirmImpact'] + ''''
        $ask = 'if (-not $PSCmdlet.ShouldProcess(''' + $Name + ''')) { return }; '
    }
    $lines.Add('    [CmdletBinding(SupportsShouldProcess = $' + $shouldProcess.ToString().ToLowerInvariant() + $impact + ')]')
    $lines.Add('    param(')
    $lines.Add(($declared -join (",`n")))
    $lines.Add('    )')
    $lines.Add('    begin { $simPiped = New-Object -TypeName ''System.Collections.ArrayList''; $simBound = @{} }')
    $lines.Add('    process { foreach ($simKey in @($PSBoundParameters.Keys)) { $simBound[$simKey] = $PSBoundParameters[$simKey] }; if ($MyInvocation.ExpectingInput) { $null = $simPiped.Add($Identity) } }')
    # The time spent in the simulated cmdlets is measured (and the pipeline
    # commands their output feeds), so that a run's time can be told apart
    # from the engine's own.
    $lines.Add('    end { ' + $ask + '$simWatch = [System.Diagnostics.Stopwatch]::StartNew(); try { Invoke-SimCmdlet -Name ''' + $Name + ''' -Bound $simBound -Piped $simPiped -Caller $PSCmdlet } finally { Add-SimCmdletTime -Watch $simWatch } }')
    $lines.Add('}')
    return ($lines -join "`n")
}

function Assert-SimParameterSet {
    # Refuses a call whose parameters fit no parameter set of the cmdlet, or
    # lack a set's mandatory parameter, with PowerShell's messages.
    param([Parameter(Mandatory = $true)] [string]$Name, [string[]]$Given = @(), [Parameter(Mandatory = $true)] $Caller)
    $sets = $script:SimSets[$Name]
    if ($null -eq $sets -or $sets.Count -eq 0) {
        return
    }
    # The answer depends only on the environment's sets and the names given:
    # worked out once per process.
    $memoKey = 'sets|' + $script:Sim.Kind + '|' + $script:Sim.Version + '|' + $Name + '|' + ((@($Given) | Sort-Object) -join ',')
    if ($script:SimCache.ContainsKey($memoKey)) {
        $message = $script:SimCache[$memoKey]
    }
    else {
        $message = Get-SimParameterSetMessage -Sets $sets -Given $Given
        $script:SimCache[$memoKey] = $message
    }
    if ($message -ne '') {
        $exception = New-Object -TypeName 'System.Management.Automation.ParameterBindingException' -ArgumentList $message
        $Caller.ThrowTerminatingError((New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList $exception, ('AmbiguousParameterSet,' + $Name), ([System.Management.Automation.ErrorCategory]::InvalidArgument), $null))
    }
}

function Get-SimParameterSetMessage {
    # PowerShell's message for parameters that fit no set or lack a
    # mandatory one, or ''.
    param([Parameter(Mandatory = $true)] $Sets, [string[]]$Given = @())
    $sets = $Sets
    $fitting = @($sets | Where-Object { $set = $_; @($Given | Where-Object { $set.Params -notcontains $_ }).Count -eq 0 })
    $message = ''
    if ($fitting.Count -eq 0) {
        $message = 'Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.'
    }
    elseif (@($fitting | Where-Object { $set = $_; @($set.Required | Where-Object { $Given -notcontains $_ }).Count -eq 0 }).Count -eq 0) {
        $missing = @($fitting[0].Required | Where-Object { $Given -notcontains $_ })
        $message = 'Cannot process command because of one or more missing mandatory parameters: ' + ($missing -join ' ') + '.'
    }
    return $message
}

function Install-SimCmdlets {
    # Defines a function for every implemented cmdlet that exists in the
    # simulated environment; the others stay undefined, as in Exchange. The
    # functions of a previous run in this process are removed first; the
    # text of an environment's functions is built once per process.
    foreach ($name in $script:SimInstalled) {
        Remove-Item -LiteralPath ('Function:\' + $name) -ErrorAction SilentlyContinue
    }
    $key = $script:Sim.Kind + '|' + $script:Sim.Version
    if (-not $script:SimCache.ContainsKey($key)) {
        $script:SimSets = @{}
        $names = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $texts = New-Object -TypeName 'System.Collections.Generic.List[string]'
        foreach ($name in @($script:SimHandlers.Keys | Sort-Object)) {
            $entry = $script:Sim.Catalog[$name]
            if ($null -eq $entry) {
                $entry = $script:SimExtraCmdlets[$name]
            }
            if ($null -eq $entry -or -not (Test-SimInEnv -Env $entry['env'])) {
                continue
            }
            $texts.Add((Get-SimFunctionText -Name $name -Entry $entry))
            $names.Add($name)
        }
        $script:SimCache[$key] = @{ Block = [scriptblock]::Create($texts -join "`n`n"); Names = $names.ToArray(); Sets = $script:SimSets }
    }
    $cached = $script:SimCache[$key]
    $script:SimSets = $cached.Sets
    $script:SimInstalled = $cached.Names
    . $cached.Block
}

function ConvertTo-SimLogValue {
    # A parameter value as the call log shows it.
    param($Value)
    if ($null -eq $Value) {
        return $null
    }
    if ($Value -is [System.Management.Automation.SwitchParameter]) {
        return $Value.IsPresent
    }
    if ($Value -is [string] -or $Value -is [bool] -or $Value -is [int] -or $Value -is [long]) {
        return $Value
    }
    if ($Value -is [System.Collections.IDictionary]) {
        $out = [ordered]@{}
        foreach ($key in @($Value.Keys | Sort-Object)) {
            $out[[string]$key] = ConvertTo-SimLogValue -Value $Value[$key]
        }
        return $out
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        return , @(foreach ($entry in $Value) { ConvertTo-SimLogValue -Value $entry })
    }
    if ($Value -is [System.Management.Automation.PSCredential]) {
        return '(credential)'
    }
    return ('(object ' + (ConvertTo-SimIdentityText -Value $Value) + ')')
}

function Invoke-SimCmdlet {
    # One call: recorded, failed when a fault says so, then answered by the
    # cmdlet's handler, once for each piped identity (one remote call for
    # the whole pipeline, as implicit remoting sends it).
    param([Parameter(Mandatory = $true)] [string]$Name, [Parameter(Mandatory = $true)] [hashtable]$Bound, $Piped, [Parameter(Mandatory = $true)] $Caller)
    $params = @{}
    foreach ($key in $Bound.Keys) {
        if ($script:SimCommon -notcontains $key) {
            $params[$key] = $Bound[$key]
        }
    }
    # PowerShell's variable names ignore case: $piped would be $Piped.
    $pipedIn = $Piped
    $piped = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($entry in $pipedIn) {
        $null = $piped.Add($entry)
    }
    $given = @($params.Keys)
    if ($piped.Count -gt 0 -and $given -notcontains 'Identity') {
        $given += 'Identity'
    }
    Assert-SimParameterSet -Name $Name -Given $given -Caller $Caller
    if ($piped.Count -gt 0) {
        $params.Remove('Identity')
    }
    $log = [ordered]@{ cmdlet = $Name; parameters = [ordered]@{} }
    foreach ($key in @($params.Keys | Sort-Object)) {
        $log.parameters[$key] = ConvertTo-SimLogValue -Value $params[$key]
    }
    if ($piped.Count -gt 0) {
        $log.pipeline = @(foreach ($entry in $piped) { ConvertTo-SimIdentityText -Value $entry })
    }
    $null = $script:Sim.Calls.Add($log)
    $script:Sim.CurrentCmdlet = $Name
    $inputs = New-Object -TypeName 'System.Collections.ArrayList'
    $inputs.AddRange($piped)
    if ($inputs.Count -eq 0) {
        $null = $inputs.Add($null)
    }
    foreach ($entry in $inputs) {
        $call = $params.Clone()
        if ($piped.Count -gt 0) {
            $call['Identity'] = $entry
        }
        try {
            Invoke-SimFaults -Cmdlet $Name -Values @($call.Values)
            Assert-SimHydrated -Cmdlet $Name
            $output = & $script:SimHandlers[$Name] $call
            foreach ($object in @($output)) {
                if ($null -ne $object) {
                    $Caller.WriteObject($object)
                }
            }
        }
        catch {
            if ($_.Exception.Data['SimEmpty'] -eq $true) {
                continue
            }
            $record = $_.Exception.Data['SimRecord']
            if ($null -eq $record) {
                $record = New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList (New-Object -TypeName 'System.InvalidOperationException' -ArgumentList ('simulator: ' + $Name + ' failed: ' + $_.Exception.Message + ' at ' + $_.InvocationInfo.PositionMessage)), 'SimulatorDefect', ([System.Management.Automation.ErrorCategory]::NotSpecified), $null
                $null = $script:Sim.Defects.Add($record.Exception.Message)
            }
            $Caller.WriteError($record)
        }
    }
}

function Add-SimCmdletTime {
    # Adds a call's time to the run's time in simulated cmdlets.
    param([Parameter(Mandatory = $true)] [System.Diagnostics.Stopwatch]$Watch)
    $script:Sim.CmdletTicks += $Watch.Elapsed.Ticks
}

function New-SimObject {
    # An object as implicit remoting returns it: a property bag whose type
    # names start with 'Deserialized.', identities as strings, multi-valued
    # properties as lists of strings.
    param([Parameter(Mandatory = $true)] [string]$Type, [Parameter(Mandatory = $true)] [System.Collections.IDictionary]$Properties)
    $object = New-Object -TypeName 'System.Management.Automation.PSObject'
    foreach ($key in $Properties.Keys) {
        $value = $Properties[$key]
        if ($value -is [System.Collections.IList] -and $value -isnot [string]) {
            $list = New-Object -TypeName 'System.Collections.ArrayList'
            foreach ($entry in $value) {
                $null = $list.Add($entry)
            }
            $value = $list
        }
        $null = $object.PSObject.Properties.Add((New-Object -TypeName 'System.Management.Automation.PSNoteProperty' -ArgumentList $key, $value))
    }
    $object.PSObject.TypeNames.Clear()
    $null = $object.PSObject.TypeNames.Add('Deserialized.' + $Type)
    $null = $object.PSObject.TypeNames.Add('Deserialized.System.Object')
    return $object
}

function Test-SimChange {
    # Whether a state-changing call was made: the scenarios count them.
    param([Parameter(Mandatory = $true)] [string]$Name)
    return $Name -notmatch '^(Get|Test)-'
}
