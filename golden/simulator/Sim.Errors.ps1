# Errors as Exchange writes them, from the error shapes of the behaviour
# table (compiler/exchange/behaviour.json, "errors"), and faults on demand.
# A handler stops a call with Stop-SimCall; the cmdlet's function writes the
# error record as a module function does: a non-terminating error, which
# only -ErrorAction Stop turns into an exception.

# Which recorded error shape each class of failure uses: the first shape of
# the class for the environment whose message matches the pattern.
$script:SimErrorShapes = @{
    notFound  = @('notFound', '')
    ambiguous = @('ambiguous', '')
    denied    = @('accessDenied', 'Access is denied')
    throttled = @('transient', '\(429\)|backoff')
    transient = @('transient', 'PSRemotingTransportException|aborted|WinRM|connection was closed')
    benign    = @('benign', '')
    # Organization customization not done, or started and not yet in effect.
    dehydrated      = @('dehydrated', 'DehydratedContext')
    notYetEffective = @('dehydrated', 'not yet taken effect')
}

function New-SimErrorRecord {
    # An error record of a class ('notFound', 'ambiguous', 'denied',
    # 'throttled', 'transient') as the behaviour table records it for this
    # environment, its placeholders filled in.
    param([Parameter(Mandatory = $true)] [string]$Class, [string]$Identity = '', [string]$Cmdlet = '')
    $shape = $script:SimErrorShapes[$Class]
    $online = $script:Sim.Kind -ne 'onPremises'
    $chosen = $null
    foreach ($entry in $script:Sim.Errors) {
        if ($entry['class'] -ne $shape[0]) {
            continue
        }
        if (($online -and -not $entry['env']['online']) -or (-not $online -and -not $entry['env']['onPremises'])) {
            continue
        }
        $text = [string]$entry['exception'] + ' ' + [string]$entry['message']
        if ($shape[1] -ne '' -and $text -notmatch $shape[1]) {
            continue
        }
        if ($null -eq $chosen -or ($null -eq $chosen['fullyQualifiedErrorId'] -and $null -ne $entry['fullyQualifiedErrorId'])) {
            $chosen = $entry
        }
    }
    if ($null -eq $chosen) {
        # The table records some errors in one environment only (ambiguous:
        # Exchange Online); the other raises the same exception.
        foreach ($entry in $script:Sim.Errors) {
            if ($null -eq $chosen -and $entry['class'] -eq $shape[0] -and ($shape[1] -eq '' -or ([string]$entry['exception'] + ' ' + [string]$entry['message']) -match $shape[1])) {
                $chosen = $entry
            }
        }
    }
    if ($null -eq $chosen) {
        throw ('simulator: the behaviour table records no ' + $Class + ' error')
    }
    $fill = {
        param([string]$Text)
        $Text = $Text.Replace('<identity>', $Identity).Replace('<cmdlet>', $Cmdlet).Replace('<server>', 'SIM01').Replace('<guid>', '00000000-0000-0000-0000-000000000001')
        $Text = $Text.Replace('<time>', '1/1/2026 12:00:00 PM').Replace('<domain controller FQDN>', 'dc01.sim.local').Replace('<server FQDN>', 'dc01.sim.local')
        $Text = $Text.Replace('<dc>', 'sim01').Replace('<n>', '5').Replace('<...>', '')
        return $Text.Trim()
    }
    $message = & $fill ([string]$chosen['message'])
    $typeName = [string]$chosen['exception']
    $exception = $null
    switch ($typeName) {
        'PSRemotingTransportException' { $exception = New-Object -TypeName 'System.Management.Automation.Remoting.PSRemotingTransportException' -ArgumentList $message }
        'CommandNotFoundException' { $exception = New-Object -TypeName 'System.Management.Automation.CommandNotFoundException' -ArgumentList $message }
        default {
            if ($online) {
                $exception = New-Object -TypeName 'System.Exception' -ArgumentList $message
            }
            else {
                $exception = New-Object -TypeName 'System.Management.Automation.RemoteException' -ArgumentList $message
            }
        }
    }
    $fqid = [string]$chosen['fullyQualifiedErrorId']
    if ($fqid -eq '') {
        $fqid = $typeName
    }
    $category = [System.Management.Automation.ErrorCategory]::NotSpecified
    $categoryText = [string]$chosen['category']
    if ($categoryText -match '^(\w+):') {
        $category = [System.Management.Automation.ErrorCategory]$Matches[1]
    }
    $record = New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList $exception, (& $fill $fqid), $category, $Identity
    if ($typeName -ne '') {
        $record.CategoryInfo.Reason = $typeName
    }
    return $record
}

function Stop-SimCall {
    # Ends the current call with Exchange's error of a class.
    param([Parameter(Mandatory = $true)] [string]$Class, [string]$Identity = '')
    $row = $script:Sim.Behaviour[$script:Sim.CurrentCmdlet]
    if ($Class -eq 'notFound' -and (Test-SimVariant -Name 'notFound' -Value 'empty') -and $null -ne $row -and $row.Contains('read') -and $row['read']['confirmed'] -ne $true) {
        $empty = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList 'simulated empty answer'
        $empty.Data['SimEmpty'] = $true
        throw $empty
    }
    $record = New-SimErrorRecord -Class $Class -Identity $Identity -Cmdlet $script:Sim.CurrentCmdlet
    $stop = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList 'simulated Exchange error'
    $stop.Data['SimRecord'] = $record
    throw $stop
}

function Stop-SimRefusal {
    # Ends the current call as Exchange refuses an operation it validates
    # (a rule of the object, not a failure of the call): an error of the
    # category InvalidOperation with Exchange's message.
    param([Parameter(Mandatory = $true)] [string]$Message)
    $exception = New-Object -TypeName 'System.Management.Automation.RemoteException' -ArgumentList $Message
    $record = New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList $exception, ('[Server=SIM01] ' + $script:Sim.CurrentCmdlet), ([System.Management.Automation.ErrorCategory]::InvalidOperation), $null
    $stop = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList 'simulated Exchange refusal'
    $stop.Data['SimRecord'] = $record
    throw $stop
}

function Import-SimFaults {
    # Reads faults: a JSON array of { "cmdlet": name ('*': every cmdlet,
    # e.g. an expired session: "after" calls, every call denied), "identity": value the
    # call names (optional), "kind": notFound|ambiguous|denied|throttled|
    # transient, "times": how often (optional, default always), "after":
    # matching calls to let through first (optional) }.
    param([Parameter(Mandatory = $true)] [string]$Path)
    $faults = New-Object -TypeName 'System.Collections.ArrayList'
    $parsed = Get-Content -LiteralPath $Path -Raw -Encoding UTF8 | ConvertFrom-Json -AsHashtable
    foreach ($fault in @($parsed)) {
        if (-not $script:SimErrorShapes.ContainsKey([string]$fault['kind'])) {
            throw ('simulator: unknown fault kind ''' + [string]$fault['kind'] + '''')
        }
        $times = -1
        if ($fault.ContainsKey('times')) {
            $times = [int]$fault['times']
        }
        $after = 0
        if ($fault.ContainsKey('after')) {
            $after = [int]$fault['after']
        }
        $null = $faults.Add(@{ Cmdlet = [string]$fault['cmdlet']; Identity = [string]$fault['identity']; Kind = [string]$fault['kind']; Times = $times; After = $after; Seen = 0 })
    }
    return , $faults
}

function Invoke-SimFaults {
    # Fails the call when a fault matches it: its cmdlet, and the identity
    # it names in any parameter (ignoring case).
    param([Parameter(Mandatory = $true)] [string]$Cmdlet, [Parameter(Mandatory = $true)] $Values)
    foreach ($fault in $script:Sim.Faults) {
        if (($fault.Cmdlet -ne '*' -and -not [string]::Equals($fault.Cmdlet, $Cmdlet, [System.StringComparison]::OrdinalIgnoreCase)) -or $fault.Times -eq 0) {
            continue
        }
        if ($fault.Identity -ne '' -and -not (Test-SimNames -Values $Values -Name $fault.Identity)) {
            continue
        }
        $fault.Seen++
        if ($fault.Seen -le $fault.After) {
            continue
        }
        if ($fault.Times -gt 0) {
            $fault.Times--
        }
        Stop-SimCall -Class $fault.Kind -Identity $fault.Identity
    }
}

function Test-SimNames {
    # Whether any of the call's values names an object that a fault's
    # identity names: the same text, or the same recipient. A list, and a
    # multi-valued parameter's @{ Add = ...; Remove = ... }, name each of
    # their entries.
    param($Values, [Parameter(Mandatory = $true)] [string]$Name)
    Update-SimIndex
    $target = @(Find-SimRecipients -Value $Name -Cmdlet '' -Parameter '')
    foreach ($value in @(Expand-SimValues -Values $Values)) {
        $text = ConvertTo-SimIdentityText -Value $value
        if ([string]::Equals($text, $Name, [System.StringComparison]::OrdinalIgnoreCase)) {
            return $true
        }
        if ($target.Count -gt 0) {
            foreach ($found in (Find-SimRecipients -Value $text -Cmdlet '' -Parameter '')) {
                if ($target -contains $found) {
                    return $true
                }
            }
        }
    }
    return $false
}

function Expand-SimValues {
    # The single values of a call's parameter values: a dictionary's values
    # and a list's entries, recursively; a string or an object as it is.
    param($Values)
    foreach ($value in @($Values)) {
        if ($value -is [System.Collections.IDictionary]) {
            Expand-SimValues -Values @($value.Values)
        }
        elseif ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) {
            Expand-SimValues -Values @($value)
        }
        else {
            $value
        }
    }
}
