#@ run transport-the-tls: head ConvertTo-HybridcCertificateName ConvertTo-HybridcDnText
#@ run transport-the-tls#2: head ConvertTo-HybridcCertificateName ConvertTo-HybridcDnText#2
#@ run transport-the-tls#3: head ConvertTo-HybridcCertificateName ConvertTo-HybridcDnText Sync-HybridcReceiveConnector
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
    # case; an escaped comma (\,) stays inside its RDN.
    param([string]$Value)
    $parts = New-Object -TypeName 'System.Collections.Generic.List[string]'
    $start = 0
    for ($k = 0; $k -lt $Value.Length; $k++) {
        if ($Value[$k] -eq [char]'\') {
            $k++
        }
        elseif ($Value[$k] -eq [char]',') {
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
    # case; an escaped comma (\,) stays inside its RDN.
    param([string]$Value)
    $parts = New-Object -TypeName 'System.Collections.Generic.List[string]'
    $start = 0
    for ($k = 0; $k -lt $Value.Length; $k++) {
        if ($Value[$k] -eq [char]'\') {
            $k++
        }
        elseif ($Value[$k] -eq [char]',') {
            $parts.Add($Value.Substring($start, $k - $start).Trim())
            $start = $k + 1
        }
    }
    $parts.Add($Value.Substring([Math]::Min($start, $Value.Length)).Trim())
    return ($parts -join ',').ToLowerInvariant()
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

