#@ run oauth-between-exchange: head Get-HybridcDeclaredValue Test-HybridcDomainOverlap Sync-HybridcIntraOrganizationConnector
#@ piece head
# ---------------------------------------------------------------------------
# OAuth between Exchange Server and Exchange Online: the intra-organization
# connectors (free/busy, MailTips and photos over OAuth).

#@ piece Get-HybridcDeclaredValue
function Get-HybridcDeclaredValue {
    # The declared value of one property of a data item, or $null.
    param($Item, [string]$Name)
    foreach ($property in @($Item.Properties)) {
        if ($null -ne $property -and [string]$property.Name -eq $Name) {
            return $property.Value
        }
    }
    return $null
}

#@ piece Test-HybridcDomainOverlap
function Test-HybridcDomainOverlap {
    # Whether any domain of Current is one of Declared (ordinal, ignoring
    # case, as Exchange compares domains).
    param($Current, $Declared)
    foreach ($have in @($Current)) {
        foreach ($want in @($Declared)) {
            if (Test-HybridcSameName -A ([string]$have) -B ([string]$want)) {
                return $true
            }
        }
    }
    return $false
}

#@ piece Sync-HybridcIntraOrganizationConnector
function Sync-HybridcIntraOrganizationConnector {
    # Intra-organization connectors, read once, matched by their target
    # address domains: a connector any of whose domains is declared is the
    # declared one (the wizard's "HybridIOC - <GUID>" is adopted, keeping
    # its name); two such connectors are refused. New- takes every setting.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcIntraOrganizationConnectors = @(Invoke-HybridcCall -Call { Get-IntraOrganizationConnector -ErrorAction Stop })
    } -Each {
        param($item)
        $domains = @(Get-HybridcDeclaredValue -Item $item -Name 'TargetAddressDomains')
        $current = @($script:HybridcIntraOrganizationConnectors | Where-Object { Test-HybridcDomainOverlap -Current $_.TargetAddressDomains -Declared $domains })
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several intra-organization connectors serve the declared domains; remove all but one.')
        }
        if ($current.Count -eq 0) {
            $settings = ConvertTo-HybridcSplat -Properties $item.Properties
            $shown = @(@($item.Properties) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.Name + '=' + (ConvertTo-HybridcText -Value $_.Value) })
            $null = Invoke-HybridcChange -Item $item -Action ('New-IntraOrganizationConnector; ' + ($shown -join '; ')) -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-IntraOrganizationConnector -Name ([string]$item.Name) @settings -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-IntraOrganizationConnector -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

