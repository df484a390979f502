#@ run oauth-between-exchange: head Get-HybridcDeclaredValue Test-HybridcDomainOverlap Assert-HybridcEntraAuthServer Split-HybridcAuthServerSettings Get-HybridcMetadataTenant Find-HybridcAuthServer Sync-HybridcAuthServer Update-HybridcVariantConfiguration Test-HybridcTurnsOn Sync-HybridcDedicatedApplication ConvertFrom-HybridcDay Get-HybridcAuthCertificateExpiry Sync-HybridcAuthCertificate
#@ run oauth-between-exchange#2: head Get-HybridcDeclaredValue Test-HybridcDomainOverlap Sync-HybridcIntraOrganizationConnector
#@ run oauth-between-exchange#3: head Get-HybridcDeclaredValue Test-HybridcDomainOverlap Assert-HybridcEntraAuthServer Sync-HybridcIntraOrganizationConnector#2 Split-HybridcAuthServerSettings Get-HybridcMetadataTenant Find-HybridcAuthServer Sync-HybridcAuthServer Update-HybridcVariantConfiguration Test-HybridcTurnsOn Sync-HybridcDedicatedApplication Sync-HybridcPartnerApplication ConvertFrom-HybridcDay Get-HybridcAuthCertificateExpiry Sync-HybridcAuthCertificate
#@ piece head
# ---------------------------------------------------------------------------
# OAuth between Exchange Server and Exchange Online: the intra-organization
# connectors (free/busy, MailTips and photos over OAuth), the on-premises
# auth servers and the setting override of the dedicated Exchange hybrid
# application.

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

#@ piece Assert-HybridcEntraAuthServer
function Assert-HybridcEntraAuthServer {
    # Reads the auth servers back (a step before may have failed) and
    # throws unless an enabled Entra ID one (Type AzureAD) exists, with an
    # application identifier when AppId says so: what depends on it is not
    # turned on without it.
    param([Parameter(Mandatory = $true)] [string]$Purpose, [switch]$AppId)
    $servers = @(Invoke-HybridcCall -Call { Get-AuthServer -ErrorAction Stop })
    $usable = @($servers | Where-Object {
            (Test-HybridcSameName -A ([string](Get-HybridcValue -Object $_ -Name 'Type')) -B 'AzureAD') -and ((Get-HybridcValue -Object $_ -Name 'Enabled') -eq $true) -and
            (-not $AppId -or -not [string]::IsNullOrEmpty([string](Get-HybridcValue -Object $_ -Name 'ApplicationIdentifier')))
        })
    if ($usable.Count -gt 0) {
        return
    }
    $what = 'an enabled Entra ID auth server (Type AzureAD)'
    if ($AppId) {
        $what = $what + ' with the dedicated application''s ApplicationIdentifier'
    }
    throw ('refused to ' + $Purpose + ': no ' + $what + ' exists (did its step fail?). Declare it under oauth.authServers, fix what failed and run the script again.')
}

#@ piece Split-HybridcAuthServerSettings
function Split-HybridcAuthServerSettings {
    # ApplicationIdentifier is in another parameter set of New-AuthServer
    # and Set-AuthServer (AppSecret) than AuthMetadataUrl: it is set in a
    # call of its own. Returns the other settings and puts it in AppId.
    param([hashtable]$Settings, [ref]$AppId)
    $rest = @{}
    foreach ($name in @($Settings.Keys)) {
        if ([string]$name -eq 'ApplicationIdentifier') {
            $AppId.Value = $Settings[$name]
        }
        else {
            $rest[$name] = $Settings[$name]
        }
    }
    return $rest
}

#@ piece Get-HybridcMetadataTenant
function Get-HybridcMetadataTenant {
    # The tenant an Entra ID metadata URL names: its first path segment
    # (https://login.microsoftonline.com/<tenant>/federationmetadata/...).
    param([string]$Url)
    $match = [regex]::Match($Url, '^https://[^/]+/([^/]+)', [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
    if (-not $match.Success) {
        return ''
    }
    return $match.Groups[1].Value
}

#@ piece Find-HybridcAuthServer
function Find-HybridcAuthServer {
    # The auth servers an item matches: the one of its name, and every
    # Entra ID one (Type AzureAD) whose Realm, or the tenant of whose
    # metadata URL, is the tenant of the declared metadata URL, as
    # Microsoft's ConfigureExchangeHybridApplication.ps1 finds the tenant's
    # "EvoSts - <tenant id>" or legacy "EvoSTS" whatever its name.
    param($Item)
    $tenant = Get-HybridcMetadataTenant -Url ([string](Get-HybridcDeclaredValue -Item $Item -Name 'AuthMetadataUrl'))
    return @($script:HybridcAuthServers | Where-Object {
            (Test-HybridcSameName -A $_.Name -B $Item.Name) -or ($tenant -ne '' -and (Test-HybridcSameName -A ([string](Get-HybridcValue -Object $_ -Name 'Type')) -B 'AzureAD') -and
                ((Test-HybridcSameName -A ([string](Get-HybridcValue -Object $_ -Name 'Realm')) -B $tenant) -or
                    (Test-HybridcSameName -A (Get-HybridcMetadataTenant -Url ([string](Get-HybridcValue -Object $_ -Name 'AuthMetadataUrl'))) -B $tenant)))
        })
}

#@ piece Sync-HybridcAuthServer
function Sync-HybridcAuthServer {
    # Auth servers, read once, matched by name or, an Entra ID one, by its
    # realm (Find-HybridcAuthServer); two matches are refused. New-AuthServer
    # takes the settings but the application identifier; a new one is the
    # tenant's Entra ID (-Type AzureAD). The application identifier, in a
    # parameter set of its own, is set by a Set-AuthServer of its own.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcAuthServers = @(Invoke-HybridcCall -Call { Get-AuthServer -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @(Find-HybridcAuthServer -Item $item)
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several auth servers have the name ' + [string]$item.Name + ' or the realm of its metadata URL; remove all but one.')
        }
        $adopted = ''
        if ($current.Count -eq 1 -and -not (Test-HybridcSameName -A $current[0].Name -B $item.Name)) {
            $adopted = 'exists as ''' + [string]$current[0].Name + ''': adopted'
        }
        $appId = $null
        if ($current.Count -eq 0) {
            $settings = Split-HybridcAuthServerSettings -Settings (ConvertTo-HybridcSplat -Properties $item.Properties) -AppId ([ref]$appId)
            $shown = @(@($item.Properties) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.Name + '=' + (ConvertTo-HybridcText -Value $_.Value) })
            $null = Invoke-HybridcChange -Item $item -Action ('New-AuthServer -Type AzureAD; ' + ($shown -join '; ')) -Done 'created' -Change {
                $created = Select-HybridcFirst -Items (Invoke-HybridcCall -Change -Call { New-AuthServer -Name ([string]$item.Name) -Type 'AzureAD' @settings -Confirm:$false -ErrorAction Stop })
                if ($null -ne $appId) {
                    if ($null -eq $created) {
                        throw 'New-AuthServer returned no object to set the application identifier on.'
                    }
                    $key = Get-HybridcKey -Object $created
                    $null = Invoke-HybridcCall -Change -Call { Set-AuthServer -Identity $key -ApplicationIdentifier $appId -Confirm:$false -ErrorAction Stop }
                }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $adopted
            return
        }
        if ($adopted -ne '') {
            $details.Insert(0, $adopted)
        }
        $rest = Split-HybridcAuthServerSettings -Settings $drift -AppId ([ref]$appId)
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            if ($rest.Count -gt 0) {
                $null = Invoke-HybridcCall -Change -Call { Set-AuthServer -Identity $key @rest -Confirm:$false -ErrorAction Stop }
            }
            if ($null -ne $appId) {
                $null = Invoke-HybridcCall -Change -Call { Set-AuthServer -Identity $key -ApplicationIdentifier $appId -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}

#@ piece Update-HybridcVariantConfiguration
function Update-HybridcVariantConfiguration {
    # Makes the server the script runs on read the setting overrides now
    # (the others within about an hour), as Microsoft's "Deploy dedicated
    # Exchange hybrid app" says to after a change. It changes nothing but
    # that server's cache, so it is retried like a read; a failure fails
    # the item, saying what was done before it.
    param([Parameter(Mandatory = $true)] [string]$After)
    try {
        $null = Invoke-HybridcCall -Call { Get-ExchangeDiagnosticInfo -Process 'Microsoft.Exchange.Directory.TopologyService' -Component 'VariantConfiguration' -Argument 'Refresh' -ErrorAction Stop }
    }
    catch {
        throw ($After + ', but refreshing the variant configuration of this server failed (' + $_.Exception.Message + '): run the script again, which refreshes it again, or wait: the servers read setting overrides within about an hour.')
    }
}

#@ piece Test-HybridcTurnsOn
function Test-HybridcTurnsOn {
    # Whether override parameters turn the feature on (Enabled=true).
    param($Parameters)
    return (@(@($Parameters) | Where-Object { ([string]$_).Replace(' ', '') -eq 'Enabled=true' }).Count -gt 0)
}

#@ piece Sync-HybridcDedicatedApplication
function Sync-HybridcDedicatedApplication {
    # The organization-wide setting override of the dedicated Exchange
    # hybrid application, found by its component and section (Global,
    # ExchangeOnpremAsThirdPartyAppId) whatever its name; its Parameters
    # turn the feature on or off. It is turned on only while an enabled
    # Entra ID auth server has an application identifier (read back: its
    # step may have failed). Every run but -Check and -WhatIf refreshes the
    # variant configuration, changed or not: whether a server has read the
    # override cannot be read, and a refresh that failed after the change
    # would otherwise never be made again.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcSettingOverrides = @(Invoke-HybridcCall -Call { Get-SettingOverride -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcSettingOverrides | Where-Object { (Test-HybridcSameName -A $_.ComponentName -B 'Global') -and (Test-HybridcSameName -A $_.SectionName -B 'ExchangeOnpremAsThirdPartyAppId') })
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several setting overrides control the dedicated Exchange hybrid application; remove all but one.')
        }
        $parameters = @(Get-HybridcDeclaredValue -Item $item -Name 'Parameters')
        $on = Test-HybridcTurnsOn -Parameters $parameters
        $purpose = 'turn the dedicated Exchange hybrid application on'
        if ($current.Count -eq 0) {
            $null = Invoke-HybridcChange -Item $item -Action ('New-SettingOverride -Component Global -Section ExchangeOnpremAsThirdPartyAppId; Parameters=' + ($parameters -join ', ') + '; refresh the variant configuration') -Done 'created' -Change {
                if ($on) {
                    Assert-HybridcEntraAuthServer -Purpose $purpose -AppId
                }
                $null = Invoke-HybridcCall -Change -Call { New-SettingOverride -Name ([string]$item.Name) -Component 'Global' -Section 'ExchangeOnpremAsThirdPartyAppId' -Parameters $parameters -Reason 'Dedicated Exchange hybrid application (hybridc)' -Confirm:$false -ErrorAction Stop }
                Update-HybridcVariantConfiguration -After 'the setting override was created'
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            if ($Check -or $WhatIfPreference) {
                Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'whether the servers have read it cannot be verified; a run refreshes the variant configuration'
                return
            }
            Update-HybridcVariantConfiguration -After 'the setting override is in place'
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'variant configuration refreshed'
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ') + '; refresh the variant configuration') -Done 'updated' -Change {
            if ($on) {
                Assert-HybridcEntraAuthServer -Purpose $purpose -AppId
            }
            $null = Invoke-HybridcCall -Change -Call { Set-SettingOverride -Identity $key @drift -Confirm:$false -ErrorAction Stop }
            Update-HybridcVariantConfiguration -After 'the setting override was set'
        }
    }
}

#@ piece ConvertFrom-HybridcDay
function ConvertFrom-HybridcDay {
    # A declared day (yyyy-MM-dd) as a UTC DateTime at midnight.
    param([string]$Day)
    $styles = [System.Globalization.DateTimeStyles]::AssumeUniversal -bor [System.Globalization.DateTimeStyles]::AdjustToUniversal
    return [DateTime]::ParseExact($Day, 'yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture, $styles)
}

#@ piece Get-HybridcAuthCertificateExpiry
function Get-HybridcAuthCertificateExpiry {
    # The real NotAfter (UTC) of the certificate of a thumbprint on the
    # server the script runs on; fails when the server does not hold it.
    param([string]$Thumbprint)
    $certificate = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-ExchangeCertificate -Thumbprint $Thumbprint -ErrorAction Stop })
    $notAfter = Get-HybridcValue -Object $certificate -Name 'NotAfter'
    if ($null -eq $notAfter) {
        throw ('this server does not hold the current auth certificate ' + $Thumbprint + ': OAuth fails on it (Microsoft: "Maintain the Exchange Server OAuth certificate"). Nothing was changed for it.')
    }
    return ([DateTime]$notAfter).ToUniversalTime()
}

#@ piece Sync-HybridcAuthCertificate
function Sync-HybridcAuthCertificate {
    # Exchange's auth certificate (Get-AuthConfig). The current certificate
    # must be the declared one, or the declared next one once it took over;
    # hybridc never sets the current certificate directly. Its real expiry
    # (Get-ExchangeCertificate) fails the item once past, unless the next
    # certificate's date has come, and warns within WarnDays. A declared next
    # certificate the configuration lacks is set (Set-AuthConfig
    # -NewCertificateThumbprint -NewCertificateEffectiveDate -Force: -Force
    # accepts a date less than 48 hours away); once its date has come and it
    # is still not current, it is published (Set-AuthConfig
    # -PublishCertificate). The previous certificate is never cleared.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcAuthConfig = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-AuthConfig -ErrorAction Stop })
    } -Each {
        param($item)
        $current = [string](Get-HybridcValue -Object $script:HybridcAuthConfig -Name 'CurrentCertificateThumbprint')
        $next = [string](Get-HybridcDeclaredValue -Item $item -Name 'NewCertificateThumbprint')
        $rolled = ($next -ne '') -and (Test-HybridcSameName -A $current -B $next)
        if (-not $rolled -and -not (Test-HybridcSameName -A $current -B $item.Name)) {
            throw ('the current auth certificate is ''' + $current + ''', not the declared ' + [string]$item.Name + ': hybridc never replaces the current certificate directly; declare the certificate to move to as authCertificate.next, or the current one as thumbprint. Nothing was changed for it.')
        }
        $publish = $false
        $effective = $null
        if ($next -ne '' -and -not $rolled) {
            $effective = ConvertFrom-HybridcDay -Day ([string](Get-HybridcDeclaredValue -Item $item -Name 'NewCertificateEffectiveDate'))
            $publish = $effective -le [DateTime]::UtcNow
        }
        $notAfter = Get-HybridcAuthCertificateExpiry -Thumbprint $current
        $notice = ''
        if ($notAfter -lt [DateTime]::UtcNow -and -not $publish) {
            throw ('the current auth certificate ' + $current + ' expired on ' + $notAfter.ToString('yyyy-MM-dd') + ': OAuth with Exchange Online has stopped; create a new one and declare it as authCertificate.next with an effectiveDate of today (Microsoft: "Maintain the Exchange Server OAuth certificate"). Nothing was changed for it.')
        }
        if ($notAfter -lt [DateTime]::UtcNow.AddDays([int]$item.WarnDays)) {
            $notice = 'the current auth certificate expires on ' + $notAfter.ToString('yyyy-MM-dd')
            Write-Warning ('auth certificate ' + $current + ': ' + $notice)
        }
        if ($rolled) {
            $notice = (@($notice, 'the next certificate is current: declare it as authCertificate.thumbprint') | Where-Object { $_ -ne '' }) -join '; '
        }
        $setNext = ($next -ne '') -and -not $rolled -and -not (Test-HybridcSameName -A ([string](Get-HybridcValue -Object $script:HybridcAuthConfig -Name 'NextCertificateThumbprint')) -B $next)
        if (-not $setNext -and -not $publish) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $notice
            return
        }
        $actions = @()
        if ($setNext) {
            $actions += ('Set-AuthConfig -NewCertificateThumbprint ' + $next + ' -NewCertificateEffectiveDate ' + $effective.ToString('yyyy-MM-dd'))
        }
        if ($publish) {
            $actions += 'Set-AuthConfig -PublishCertificate'
        }
        if ($notice -ne '') {
            $actions += $notice
        }
        $null = Invoke-HybridcChange -Item $item -Action ($actions -join '; ') -Done 'updated' -Change {
            if ($setNext) {
                $null = Invoke-HybridcCall -Change -Call { Set-AuthConfig -NewCertificateThumbprint $next -NewCertificateEffectiveDate $effective -Force -Confirm:$false -ErrorAction Stop }
            }
            if ($publish) {
                $null = Invoke-HybridcCall -Change -Call { Set-AuthConfig -PublishCertificate -Confirm:$false -ErrorAction Stop }
            }
        }
    }
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

#@ piece Sync-HybridcIntraOrganizationConnector#2
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
                # New-IntraOrganizationConnector enables it unless told not to.
                if ($settings['Enabled'] -ne $false) {
                    Assert-HybridcEntraAuthServer -Purpose 'enable the intra-organization connector'
                }
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
            if ($drift.ContainsKey('Enabled') -and $drift['Enabled'] -eq $true) {
                Assert-HybridcEntraAuthServer -Purpose 'enable the intra-organization connector'
            }
            $null = Invoke-HybridcCall -Change -Call { Set-IntraOrganizationConnector -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcPartnerApplication
function Sync-HybridcPartnerApplication {
    # The on-premises partner application of Exchange Online, read once,
    # found by its application identifier whatever its name. It is never
    # created (the Hybrid Configuration Wizard creates it, with a linked
    # account hybridc does not manage): only Enabled is set.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcPartnerApplications = @(Invoke-HybridcCall -Call { Get-PartnerApplication -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcPartnerApplications | Where-Object { Test-HybridcSameName -A $_.ApplicationIdentifier -B $item.ApplicationIdentifier })
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several partner applications have the application identifier ' + [string]$item.ApplicationIdentifier + '; remove all but one.')
        }
        if ($current.Count -eq 0) {
            throw ('No partner application has the application identifier ' + [string]$item.ApplicationIdentifier + ': hybridc creates none; run the Hybrid Configuration Wizard, which creates it.')
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-PartnerApplication -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

