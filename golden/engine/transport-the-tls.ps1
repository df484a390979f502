#@ run transport-the-tls: head ConvertTo-HybridcCertificateName ConvertTo-HybridcDnText
#@ run transport-the-tls#2: head ConvertTo-HybridcCertificateName ConvertTo-HybridcDnText#2
#@ run transport-the-tls#3: head Find-HybridcOnlineConnector Test-HybridcWizardConnector Test-HybridcDeclaredName Get-HybridcOnlineConnectorView Get-HybridcOnlineConnectorChange Invoke-HybridcOnlineConnectorChange Sync-HybridcInboundConnector Sync-HybridcOutboundConnector
#@ run transport-the-tls#4: head ConvertTo-HybridcCertificateName ConvertTo-HybridcDnText Sync-HybridcReceiveConnector
#@ run transport-the-tls#5: head Find-HybridcOnlineConnector Test-HybridcWizardConnector Test-HybridcDeclaredName Get-HybridcOnlineConnectorView Get-HybridcOnlineConnectorChange Invoke-HybridcOnlineConnectorChange Sync-HybridcInboundConnector
#@ run transport-the-tls#6: head Find-HybridcOnlineConnector Test-HybridcWizardConnector Test-HybridcDeclaredName Get-HybridcOnlineConnectorView Get-HybridcOnlineConnectorChange Invoke-HybridcOnlineConnectorChange Sync-HybridcInboundConnector Sync-HybridcOutboundConnector#2
#@ piece head
# ---------------------------------------------------------------------------
# Transport: the TLS certificates connectors present, declared once
# (certificates:), and the on-premises receive connectors that present them.

#@ piece ConvertTo-HybridcCertificateName
function ConvertTo-HybridcCertificateName {
    # A TlsCertificateName as hybridc compares it (Go certificateName): the
    # issuer and subject split into their RDNs at unescaped commas, each
    # trimmed, joined with a comma, in lower case; Exchange may render the
    # spacing otherwise than the YAML.
    param($Value)
    $text = ([string]$Value).Trim()
    $upper = $text.ToUpperInvariant()
    $s = $upper.IndexOf('<S>')
    if (-not $upper.StartsWith('<I>') -or $s -lt 0) {
        return $text.ToLowerInvariant()
    }
    return '<i>' + (ConvertTo-HybridcDnText -Value $text.Substring(3, $s - 3)) + '<s>' + (ConvertTo-HybridcDnText -Value $text.Substring($s + 3))
}

#@ piece ConvertTo-HybridcDnText
function ConvertTo-HybridcDnText {
    # A distinguished name's RDNs, trimmed, joined with commas, in lower
    # case, split as RFC 4514 reads a DN (Go kinds.SplitDN): an escaped
    # comma (\,) or one inside a quoted value stays inside its RDN.
    param([string]$Value)
    $parts = New-Object -TypeName 'System.Collections.Generic.List[string]'
    $start = 0
    $quoted = $false
    for ($k = 0; $k -lt $Value.Length; $k++) {
        if ($Value[$k] -eq [char]'\') {
            $k++
        }
        elseif ($Value[$k] -eq [char]'"') {
            $quoted = -not $quoted
        }
        elseif ($Value[$k] -eq [char]',' -and -not $quoted) {
            $parts.Add($Value.Substring($start, $k - $start).Trim())
            $start = $k + 1
        }
    }
    $parts.Add($Value.Substring([Math]::Min($start, $Value.Length)).Trim())
    return ($parts -join ',').ToLowerInvariant()
}

#@ piece ConvertTo-HybridcDnText#2
function ConvertTo-HybridcDnText {
    # A distinguished name's RDNs, trimmed, joined with commas, in lower
    # case, split as RFC 4514 reads a DN (Go kinds.SplitDN): an escaped
    # comma (\,) or one inside a quoted value stays inside its RDN.
    param([string]$Value)
    $parts = New-Object -TypeName 'System.Collections.Generic.List[string]'
    $start = 0
    $quoted = $false
    for ($k = 0; $k -lt $Value.Length; $k++) {
        if ($Value[$k] -eq [char]'\') {
            $k++
        }
        elseif ($Value[$k] -eq [char]'"') {
            $quoted = -not $quoted
        }
        elseif ($Value[$k] -eq [char]',' -and -not $quoted) {
            $parts.Add($Value.Substring($start, $k - $start).Trim())
            $start = $k + 1
        }
    }
    $parts.Add($Value.Substring([Math]::Min($start, $Value.Length)).Trim())
    return ($parts -join ',').ToLowerInvariant()
}
#@ piece Find-HybridcOnlineConnector
function Find-HybridcOnlineConnector {
    # An Exchange Online connector by its declared name; else the one the
    # wizard created (ConnectorType OnPremises, CloudServicesMailEnabled,
    # named 'Inbound from <GUID>' or 'Outbound to <GUID>'), adopted and
    # managed under its own name -- never one another declared item names
    # ($Items) nor one an earlier item already took over ($Taken, by name);
    # several are refused, naming them ($null: none, the script creates it).
    param([Parameter(Mandatory = $true)] $Item, $All, [Parameter(Mandatory = $true)] [string]$What, $Items, [hashtable]$Taken)
    $named = @(@($All) | Where-Object { Test-HybridcSameName -A ([string]$_.Name) -B $Item.Name })
    if ($named.Count -gt 0) {
        return $named[0]
    }
    $wizard = @(@($All) | Where-Object { (Test-HybridcWizardConnector -Connector $_ -What $What) -and -not ($null -ne $Taken -and $Taken.ContainsKey(([string]$_.Name).ToUpperInvariant())) -and -not (Test-HybridcDeclaredName -Items $Items -Name ([string]$_.Name)) })
    if ($wizard.Count -gt 1) {
        throw ('no ' + $What.ToLowerInvariant() + ' connector is named ' + [string]$Item.Name + ' and several are the wizard''s (OnPremises, CloudServicesMailEnabled): ''' + (@($wizard | ForEach-Object { [string]$_.Name }) -join ''', ''') + '''; rename the one to manage to the declared name or remove the others.')
    }
    $found = Select-HybridcFirst -Items $wizard
    if ($null -ne $found -and $null -ne $Taken) {
        $Taken[([string]$found.Name).ToUpperInvariant()] = $true
    }
    return $found
}

#@ piece Test-HybridcWizardConnector
function Test-HybridcWizardConnector {
    # Whether a connector is one the wizard creates: ConnectorType
    # OnPremises, CloudServicesMailEnabled, named 'Inbound from <GUID>' or
    # 'Outbound to <GUID>' (Go kinds.WizardConnectorName).
    param($Connector, [string]$What)
    $prefix = 'Outbound to '
    if ($What -eq 'Inbound') {
        $prefix = 'Inbound from '
    }
    $name = [string]$Connector.Name
    $guid = [guid]::Empty
    if ($name.Length -le $prefix.Length -or -not $name.StartsWith($prefix, [System.StringComparison]::OrdinalIgnoreCase)) {
        return $false
    }
    if (-not [guid]::TryParseExact($name.Substring($prefix.Length), 'D', [ref]$guid)) {
        return $false
    }
    return ([string](Get-HybridcValue -Object $Connector -Name 'ConnectorType') -eq 'OnPremises' -and [string](Get-HybridcValue -Object $Connector -Name 'CloudServicesMailEnabled') -eq 'True')
}

#@ piece Test-HybridcDeclaredName
function Test-HybridcDeclaredName {
    # Whether a declared item of the kind has the name (ignoring case).
    param($Items, [string]$Name)
    foreach ($other in @($Items)) {
        if ($null -ne $other -and (Test-HybridcSameName -A $Name -B $other.Name)) {
            return $true
        }
    }
    return $false
}

#@ piece Get-HybridcOnlineConnectorView
function Get-HybridcOnlineConnectorView {
    # The settings of an Exchange Online connector hybridc compares,
    # normalized as the data declares them (plan --state compares the same
    # way): sender domains as domains (Exchange shows smtp:*;1), smart
    # hosts without an address's brackets.
    param([Parameter(Mandatory = $true)] $Connector, $Properties)
    $view = @{}
    foreach ($property in @($Properties)) {
        if ($null -eq $property) {
            continue
        }
        $value = Get-HybridcValue -Object $Connector -Name $property.Name
        if ($property.Name -eq 'SenderDomains') {
            $value = @(@($value) | Where-Object { $null -ne $_ -and [string]$_ -ne '' } | ForEach-Object { ((([string]$_) -replace '^[^:]*:', '') -replace ';.*$', '').ToLowerInvariant() })
        }
        elseif ($property.Name -eq 'SmartHosts') {
            $value = @(@($value) | Where-Object { $null -ne $_ -and [string]$_ -ne '' } | ForEach-Object { ([string]$_).Trim().TrimStart('[').TrimEnd(']') })
        }
        $view[$property.Name] = $value
    }
    return [pscustomobject]$view
}

#@ piece Get-HybridcOnlineConnectorChange
function Get-HybridcOnlineConnectorChange {
    # What one Exchange Online connector needs: $null when nothing (its
    # result recorded), else the change: Key '' and every setting to create
    # it, or the key and drifted settings of the one found (the adopted
    # one too, whose Action says it exists under its own name).
    param([Parameter(Mandatory = $true)] $Item, $All, [Parameter(Mandatory = $true)] [string]$What, $Items, [hashtable]$Taken)
    $current = Find-HybridcOnlineConnector -Item $Item -All $All -What $What -Items $Items -Taken $Taken
    if ($null -eq $current) {
        return @{ Key = ''; Drift = (ConvertTo-HybridcSplat -Properties $Item.Properties); Action = ('New-' + $What + 'Connector') }
    }
    $adopted = ''
    if (-not (Test-HybridcSameName -A ([string]$current.Name) -B $Item.Name)) {
        $adopted = 'exists as ''' + [string]$current.Name + ''''
    }
    $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
    $drift = Get-HybridcDrift -Current (Get-HybridcOnlineConnectorView -Connector $current -Properties $Item.Properties) -Properties $Item.Properties -Details $details
    if ($drift.Count -eq 0) {
        Add-HybridcResult -Item $Item -Status 'unchanged' -Detail $adopted
        return $null
    }
    $action = 'set ' + ($details -join '; ')
    if ($adopted -ne '') {
        $action = $adopted + ': ' + $action
    }
    return @{ Key = (Get-HybridcKey -Object $current); Drift = $drift; Action = $action }
}

#@ piece Invoke-HybridcOnlineConnectorChange
function Invoke-HybridcOnlineConnectorChange {
    # Makes the change Get-HybridcOnlineConnectorChange returned: New
    # creates the connector, Set updates the one found; both see $drift
    # (the settings to pass) and Set sees $key.
    param([Parameter(Mandatory = $true)] $Item, [Parameter(Mandatory = $true)] $Change, [Parameter(Mandatory = $true)] [scriptblock]$New, [Parameter(Mandatory = $true)] [scriptblock]$Set)
    $drift = $Change.Drift
    $key = [string]$Change.Key
    if ($key -eq '') {
        $null = Invoke-HybridcChange -Item $Item -Action $Change.Action -Done 'created' -Change $New
        return
    }
    $null = Invoke-HybridcChange -Item $Item -Action $Change.Action -Done 'updated' -Change $Set
}

#@ piece Sync-HybridcInboundConnector
function Sync-HybridcInboundConnector {
    # Inbound connectors (from on-premises), read once.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcInboundConnectors = @(Invoke-HybridcCall -Call { Get-InboundConnector -ErrorAction Stop })
        $script:HybridcInboundTaken = @{}
    } -Each {
        param($item)
        $change = Get-HybridcOnlineConnectorChange -Item $item -All $script:HybridcInboundConnectors -What 'Inbound' -Items $Items -Taken $script:HybridcInboundTaken
        if ($null -ne $change) {
            Invoke-HybridcOnlineConnectorChange -Item $item -Change $change -New {
                $null = Invoke-HybridcCall -Change -Call { New-InboundConnector -Name ([string]$item.Name) @drift -Confirm:$false -ErrorAction Stop }
            } -Set {
                $null = Invoke-HybridcCall -Change -Call { Set-InboundConnector -Identity $key @drift -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}

#@ piece Sync-HybridcOutboundConnector
function Sync-HybridcOutboundConnector {
    # Outbound connectors (to on-premises), read once.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcOutboundConnectors = @(Invoke-HybridcCall -Call { Get-OutboundConnector -ErrorAction Stop })
        $script:HybridcOutboundTaken = @{}
    } -Each {
        param($item)
        $change = Get-HybridcOnlineConnectorChange -Item $item -All $script:HybridcOutboundConnectors -What 'Outbound' -Items $Items -Taken $script:HybridcOutboundTaken
        if ($null -ne $change) {
            Invoke-HybridcOnlineConnectorChange -Item $item -Change $change -New {
                $null = Invoke-HybridcCall -Change -Call { New-OutboundConnector -Name ([string]$item.Name) @drift -Confirm:$false -ErrorAction Stop }
            } -Set {
                $null = Invoke-HybridcCall -Change -Call { Set-OutboundConnector -Identity $key @drift -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}
#@ piece Sync-HybridcOutboundConnector#2
function Sync-HybridcOutboundConnector {
    # Outbound connectors (to on-premises), read once.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcOutboundConnectors = @(Invoke-HybridcCall -Call { Get-OutboundConnector -ErrorAction Stop })
        $script:HybridcOutboundTaken = @{}
    } -Each {
        param($item)
        $change = Get-HybridcOnlineConnectorChange -Item $item -All $script:HybridcOutboundConnectors -What 'Outbound' -Items $Items -Taken $script:HybridcOutboundTaken
        if ($null -ne $change) {
            Invoke-HybridcOnlineConnectorChange -Item $item -Change $change -New {
                $null = Invoke-HybridcCall -Change -Call { New-OutboundConnector -Name ([string]$item.Name) @drift -Confirm:$false -ErrorAction Stop }
            } -Set {
                $null = Invoke-HybridcCall -Change -Call { Set-OutboundConnector -Identity $key @drift -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}

#@ piece Sync-HybridcReceiveConnector
function Sync-HybridcReceiveConnector {
    # Receive connectors, read once, found by identity (<server>\<name>,
    # ignoring case). hybridc never creates one: a missing connector is
    # reported (-Check: drifted, -WhatIf: skipped, a run: failed). The
    # certificate is compared as ConvertTo-HybridcCertificateName renders it.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcReceiveConnectors = @(Invoke-HybridcCall -Call { Get-ReceiveConnector -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcReceiveConnectors | Where-Object { Test-HybridcSameName -A ([string]$_.Identity) -B $item.Name })
        if ($current.Count -gt 1) {
            throw ('several receive connectors have the identity ' + [string]$item.Name + ': ''' + (@($current | ForEach-Object { [string]$_.Identity }) -join ''', ''') + '''.')
        }
        if ($current.Count -eq 0) {
            Skip-HybridcItem -Item $item -Problem 'missing: hybridc sets receive connectors, it never creates one (check the server and the name)'
            return
        }
        $have = [string](Get-HybridcValue -Object $current[0] -Name 'TlsCertificateName')
        $view = [pscustomobject]@{ TlsCertificateName = $have }
        foreach ($property in @($item.Properties)) {
            # The same certificate rendered with other spacing or case.
            if ($null -ne $property -and $property.Name -eq 'TlsCertificateName' -and $have -ne '' -and (ConvertTo-HybridcCertificateName -Value $have) -eq (ConvertTo-HybridcCertificateName -Value $property.Value)) {
                $view.TlsCertificateName = $property.Value
            }
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $view -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-ReceiveConnector -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

