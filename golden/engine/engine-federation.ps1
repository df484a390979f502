#@ run engine-federation: head Sync-HybridcOrganizationCustomization Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship
#@ run engine-federation#2: head Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship#2
#@ run engine-federation#3: head Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship#3 Get-HybridcAddressSpaceCredentials Add-HybridcAddressSpace Sync-HybridcAvailabilityAddressSpace Get-HybridcAddressSpaceSettings Get-HybridcReplaceRefusal
#@ run engine-federation#4: head Sync-HybridcOrganizationCustomization#2
#@ run engine-federation#5: head Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship
#@ run engine-federation#6: head Get-HybridcFederationTrust Get-HybridcFederationProblem Sync-HybridcFederationTrust Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship
#@ run engine-federation#7: head Sync-HybridcOrganizationCustomization Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship#3
#@ run engine-federation#8: head Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship#4 Get-HybridcAddressSpaceCredentials Add-HybridcAddressSpace Sync-HybridcAvailabilityAddressSpace Get-HybridcAddressSpaceSettings Get-HybridcReplaceRefusal
#@ run engine-federation#9: head Sync-HybridcOrganizationCustomization Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship#2
#@ run engine-federation#10: head Test-HybridcDomainOverlap Test-HybridcWizardRelationship Find-HybridcRelationship Sync-HybridcOrganizationRelationship Get-HybridcAddressSpaceCredentials Add-HybridcAddressSpace Sync-HybridcAvailabilityAddressSpace Get-HybridcAddressSpaceSettings Get-HybridcReplaceRefusal
#@ piece head
# ---------------------------------------------------------------------------
# Federation: organization customization, organization relationships,
# availability address spaces (seeds 000 and 001).

#@ piece Sync-HybridcOrganizationCustomization
function Sync-HybridcOrganizationCustomization {
    # Exchange Online refuses new organization relationships, role groups
    # and other organization-wide changes until the tenant is customized
    # (IsDehydrated false). Enable-OrganizationCustomization starts it;
    # "not available in current service offer" (or "not required", "already
    # enabled") means it is done, whatever IsDehydrated says, "has been
    # enabled, but this has not yet taken effect" that it was started
    # earlier. Hydration can take hours: the engine re-reads IsDehydrated a
    # few times (half a minute), then reports the item 'pending' and defers
    # what needs it (Invoke-HybridcChange) to a later run, exit code 3.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        if (-not (Test-HybridcFlag -Item $script:HybridcOrganization -Name 'IsDehydrated')) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action 'Enable-OrganizationCustomization' -Done 'updated' -Change {
            try {
                $null = Invoke-HybridcCall -Change -Call { Enable-OrganizationCustomization -Confirm:$false -ErrorAction Stop }
            }
            catch {
                if ($_.Exception.Message -match 'not available in current service offer|not required|already enabled') {
                    # Exchange says customization is done or not needed:
                    # believe it over IsDehydrated, which may stay True. What
                    # needs customization is tried; a tenant that still
                    # refuses makes it pending (Invoke-HybridcItems).
                    return
                }
                if ([string]$_.Exception.Data['HybridcErrorKind'] -ne 'dehydrated') {
                    throw
                }
            }
            for ($wait = 0; $wait -lt 3; $wait++) {
                $script:HybridcOrganization = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-OrganizationConfig -ErrorAction Stop })
                if (-not (Test-HybridcFlag -Item $script:HybridcOrganization -Name 'IsDehydrated')) {
                    return
                }
                if ($wait -lt 2) {
                    Start-Sleep -Seconds 15
                }
            }
            $pending = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList 'Enable-OrganizationCustomization ran, and the tenant still reports IsDehydrated.'
            $pending.Data['HybridcErrorKind'] = 'dehydrated'
            throw $pending
        }
    }
}

#@ piece Sync-HybridcOrganizationCustomization#2
function Sync-HybridcOrganizationCustomization {
    # Exchange Online refuses new organization relationships, role groups
    # and other organization-wide changes until the tenant is customized
    # (IsDehydrated false). Enable-OrganizationCustomization starts it;
    # "not available in current service offer" (or "not required", "already
    # enabled") means it is done, whatever IsDehydrated says, "has been
    # enabled, but this has not yet taken effect" that it was started
    # earlier. Hydration can take hours: the engine re-reads IsDehydrated a
    # few times (half a minute), then reports the item 'pending' and defers
    # what needs it (Invoke-HybridcChange) to a later run, exit code 3.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        if (-not (Test-HybridcFlag -Item $script:HybridcOrganization -Name 'IsDehydrated')) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action 'Enable-OrganizationCustomization' -Done 'updated' -Change {
            try {
                $null = Invoke-HybridcCall -Change -Call { Enable-OrganizationCustomization -Confirm:$false -ErrorAction Stop }
            }
            catch {
                if ($_.Exception.Message -match 'not available in current service offer|not required|already enabled') {
                    # Exchange says customization is done or not needed:
                    # believe it over IsDehydrated, which may stay True. What
                    # needs customization is tried; a tenant that still
                    # refuses makes it pending (Invoke-HybridcItems).
                    return
                }
                if ([string]$_.Exception.Data['HybridcErrorKind'] -ne 'dehydrated') {
                    throw
                }
            }
            for ($wait = 0; $wait -lt 3; $wait++) {
                $script:HybridcOrganization = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-OrganizationConfig -ErrorAction Stop })
                if (-not (Test-HybridcFlag -Item $script:HybridcOrganization -Name 'IsDehydrated')) {
                    return
                }
                if ($wait -lt 2) {
                    Start-Sleep -Seconds 15
                }
            }
            $pending = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList 'Enable-OrganizationCustomization ran, and the tenant still reports IsDehydrated.'
            $pending.Data['HybridcErrorKind'] = 'dehydrated'
            throw $pending
        }
    }
}
#@ piece Test-HybridcDomainOverlap
function Test-HybridcDomainOverlap {
    # Whether two lists of domains share one, ignoring case.
    param($Have, $Want)
    $have = @(ConvertTo-HybridcStrings -Value $Have)
    foreach ($domain in @(ConvertTo-HybridcStrings -Value $Want)) {
        if ($have -contains $domain) {
            return $true
        }
    }
    return $false
}

#@ piece Test-HybridcWizardRelationship
function Test-HybridcWizardRelationship {
    # Whether a relationship is the wizard's of the item's direction
    # between the two organizations (WizardName: "On-premises to O365 - "
    # or "O365 to On-premises - ", then a GUID), or, online, points at the
    # on-premises federation application URI (FYDIBOHF25SPDLT.<namespace>)
    # the item declares.
    param([Parameter(Mandatory = $true)] $Relationship, [Parameter(Mandatory = $true)] $Item, $Uri)
    $prefix = [string]$Item.WizardName
    if ($prefix -eq '') {
        return $false
    }
    $name = [string]$Relationship.Name
    if ($name.Length -gt $prefix.Length -and $name.StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase) -and $name.Substring($prefix.Length) -match '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$') {
        return $true
    }
    $want = ([string]$Uri).TrimEnd('/')
    $have = ([string](Get-HybridcValue -Object $Relationship -Name 'TargetApplicationUri')).TrimEnd('/')
    return ($want.StartsWith('FYDIBOHF25SPDLT.', [StringComparison]::OrdinalIgnoreCase) -and [string]::Equals($have, $want, [StringComparison]::OrdinalIgnoreCase))
}

#@ piece Find-HybridcRelationship
function Find-HybridcRelationship {
    # The relationship a data item names, or the wizard's one it adopts:
    # whose DomainNames overlap the declared ones, or the wizard's of its
    # direction (Test-HybridcWizardRelationship). Adopt (the default) manages
    # that one under its own name; adopt: false creates a second one, unless
    # the domains overlap (New-OrganizationRelationship would fail): then the
    # item fails naming it.
    param([Parameter(Mandatory = $true)] $Item, $All)
    $named = @($All | Where-Object { Test-HybridcSameName -A $_.Name -B $Item.Name })
    if ($named.Count -gt 0 -or (Test-HybridcAbsent -Item $Item)) {
        return $named
    }
    $domains = $null
    $uri = ''
    foreach ($property in @($Item.Properties)) {
        if ($property.Name -eq 'DomainNames') {
            $domains = $property.Value
        }
        if ($property.Name -eq 'TargetApplicationUri') {
            $uri = [string]$property.Value
        }
    }
    $overlap = @($All | Where-Object { Test-HybridcDomainOverlap -Have (Get-HybridcValue -Object $_ -Name 'DomainNames') -Want $domains })
    $similar = @($All | Where-Object { ($overlap -contains $_) -or (Test-HybridcWizardRelationship -Relationship $_ -Item $Item -Uri $uri) })
    if ($similar.Count -eq 0) {
        return @()
    }
    if ($similar.Count -gt 1) {
        throw ('exists as ''' + (@($similar | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several relationships serve its purpose; name one of them in the configuration.')
    }
    if (-not (Test-HybridcFlag -Item $Item -Name 'Adopt')) {
        if ($overlap.Count -gt 0) {
            throw ('exists as ''' + [string]$similar[0].Name + ''' (same domains) and adopt is false: New-OrganizationRelationship would fail; name it in the configuration, or leave adopt out to manage it under its own name.')
        }
        return @()
    }
    return $similar
}

#@ piece Sync-HybridcOrganizationRelationship
function Sync-HybridcOrganizationRelationship {
    # Organization relationships, read once; matched by name, or adopted.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcRelationships = @(Invoke-HybridcCall -Call { Get-OrganizationRelationship -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @(Find-HybridcRelationship -Item $item -All $script:HybridcRelationships)
        if ($current.Count -eq 0) {
            $create = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action 'New-OrganizationRelationship' -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-OrganizationRelationship -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        $adopted = ''
        if ([string]$current[0].Name -ne [string]$item.Name) {
            $adopted = 'exists as ''' + [string]$current[0].Name + ''': adopted'
        }
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $adopted
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        if ($adopted -ne '') {
            $adopted = ' (' + $adopted + ')'
        }
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ') + $adopted) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-OrganizationRelationship -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcOrganizationRelationship#2
function Sync-HybridcOrganizationRelationship {
    # Organization relationships, read once; matched by name, or adopted.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcRelationships = @(Invoke-HybridcCall -Call { Get-OrganizationRelationship -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @(Find-HybridcRelationship -Item $item -All $script:HybridcRelationships)
        if ($current.Count -eq 0) {
            $create = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action 'New-OrganizationRelationship' -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-OrganizationRelationship -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        $adopted = ''
        if ([string]$current[0].Name -ne [string]$item.Name) {
            $adopted = 'exists as ''' + [string]$current[0].Name + ''': adopted'
        }
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $adopted
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        if ($adopted -ne '') {
            $adopted = ' (' + $adopted + ')'
        }
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ') + $adopted) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-OrganizationRelationship -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}
#@ piece Sync-HybridcOrganizationRelationship#3
function Sync-HybridcOrganizationRelationship {
    # Organization relationships, read once; matched by name, or adopted.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcRelationships = @(Invoke-HybridcCall -Call { Get-OrganizationRelationship -ErrorAction Stop })
        Initialize-HybridcDirectory -Recipients
    } -Each {
        param($item)
        $current = @(Find-HybridcRelationship -Item $item -All $script:HybridcRelationships)
        if ($current.Count -eq 0) {
            $create = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action 'New-OrganizationRelationship' -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-OrganizationRelationship -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        $adopted = ''
        if ([string]$current[0].Name -ne [string]$item.Name) {
            $adopted = 'exists as ''' + [string]$current[0].Name + ''': adopted'
        }
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $adopted
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        if ($adopted -ne '') {
            $adopted = ' (' + $adopted + ')'
        }
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ') + $adopted) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-OrganizationRelationship -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcOrganizationRelationship#4
function Sync-HybridcOrganizationRelationship {
    # Organization relationships, read once; matched by name, or adopted.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcRelationships = @(Invoke-HybridcCall -Call { Get-OrganizationRelationship -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @(Find-HybridcRelationship -Item $item -All $script:HybridcRelationships)
        if (Test-HybridcAbsent -Item $item) {
            if ($current.Count -eq 0) {
                Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'absent'
                return
            }
            $key = Get-HybridcKey -Object $current[0]
            $null = Invoke-HybridcChange -Item $item -Action 'Remove-OrganizationRelationship' -Done 'removed' -Change {
                $null = Invoke-HybridcCall -Change -Call { Remove-OrganizationRelationship -Identity $key -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        if ($current.Count -eq 0) {
            $create = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action 'New-OrganizationRelationship' -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-OrganizationRelationship -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        $adopted = ''
        if ([string]$current[0].Name -ne [string]$item.Name) {
            $adopted = 'exists as ''' + [string]$current[0].Name + ''': adopted'
        }
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $adopted
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        if ($adopted -ne '') {
            $adopted = ' (' + $adopted + ')'
        }
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ') + $adopted) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-OrganizationRelationship -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Get-HybridcAddressSpaceCredentials
function Get-HybridcAddressSpaceCredentials {
    # Asks the operator for an address space's credentials when the data
    # says to (credentials never come from the configuration), or $null.
    param([Parameter(Mandatory = $true)] $Item)
    if (Test-HybridcFlag -Item $Item -Name 'PromptForCredentials') {
        return (Get-Credential -Message ('Credentials for the availability address space ' + [string]$Item.Name))
    }
    return $null
}

#@ piece Add-HybridcAddressSpace
function Add-HybridcAddressSpace {
    # Adds one availability address space, with credentials when given.
    param([Parameter(Mandatory = $true)] [System.Collections.IDictionary]$Settings, $Credentials)
    if ($null -ne $Credentials) {
        $null = Invoke-HybridcCall -Change -Call { Add-AvailabilityAddressSpace @Settings -Credentials $Credentials -Confirm:$false -ErrorAction Stop }
        return
    }
    $null = Invoke-HybridcCall -Change -Call { Add-AvailabilityAddressSpace @Settings -Confirm:$false -ErrorAction Stop }
}

#@ piece Sync-HybridcAvailabilityAddressSpace
function Sync-HybridcAvailabilityAddressSpace {
    # Availability address spaces, read once. Exchange has no Set- cmdlet:
    # a change removes the address space and adds it again; if adding fails,
    # the previous one is added back, so that free/busy is never left
    # without one.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcAddressSpaces = @(Invoke-HybridcCall -Call { Get-AvailabilityAddressSpace -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcAddressSpaces | Where-Object { Test-HybridcSameName -A $_.ForestName -B $item.Name })
        if (Test-HybridcAbsent -Item $item) {
            if ($current.Count -eq 0) {
                Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'absent'
                return
            }
            $key = Get-HybridcKey -Object $current[0]
            $null = Invoke-HybridcChange -Item $item -Action 'Remove-AvailabilityAddressSpace' -Done 'removed' -Change {
                $null = Invoke-HybridcCall -Change -Call { Remove-AvailabilityAddressSpace -Identity $key -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $settings = ConvertTo-HybridcSplat -Properties $item.Properties
        if ($current.Count -eq 0) {
            $null = Invoke-HybridcChange -Item $item -Action 'Add-AvailabilityAddressSpace' -Done 'created' -Change {
                Add-HybridcAddressSpace -Settings $settings -Credentials (Get-HybridcAddressSpaceCredentials -Item $item)
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $old = $current[0]
        $refusal = Get-HybridcReplaceRefusal -Item $item -Old $old
        if ($refusal -ne '') {
            Skip-HybridcItem -Item $item -Problem (($details -join '; ') + ': ' + $refusal)
            return
        }
        $key = Get-HybridcKey -Object $old
        $null = Invoke-HybridcChange -Item $item -Action ('replace (no Set- cmdlet exists): ' + ($details -join '; ')) -Done 'updated' -Change {
            # Everything that can fail before the removal is done before it:
            # the credentials are asked for first, the previous settings read.
            $credentials = Get-HybridcAddressSpaceCredentials -Item $item
            $previous = Get-HybridcAddressSpaceSettings -Old $old
            $null = Invoke-HybridcCall -Change -Call { Remove-AvailabilityAddressSpace -Identity $key -Confirm:$false -ErrorAction Stop }
            try {
                Add-HybridcAddressSpace -Settings $settings -Credentials $credentials
            }
            catch {
                $failure = $_.Exception.Message
                # The previous address space comes back with its own settings
                # only: never with the credentials entered for the new one.
                try {
                    Add-HybridcAddressSpace -Settings $previous -Credentials $null
                }
                catch {
                    throw ('adding the new address space failed (' + $failure + ') and restoring the previous one failed too: ' + $_.Exception.Message + '. Free/busy through this forest is down: add it again by hand.')
                }
                throw ('adding the new address space failed, the previous one was restored: ' + $failure)
            }
        }
    }
}

#@ piece Get-HybridcAddressSpaceSettings
function Get-HybridcAddressSpaceSettings {
    # The settings that add an address space back as Exchange returned it:
    # UseServiceAccount only when it was set (on-premises; Exchange Online
    # has no such parameter), and the endpoints it had.
    param([Parameter(Mandatory = $true)] $Old)
    $previous = @{ ForestName = [string]$Old.ForestName; AccessMethod = [string]$Old.AccessMethod }
    if ([string](Get-HybridcValue -Object $Old -Name 'UseServiceAccount') -eq 'True') {
        $previous['UseServiceAccount'] = $true
    }
    foreach ($name in @('ProxyUrl', 'TargetAutodiscoverEpr', 'TargetServiceEpr', 'TargetTenantId')) {
        $value = [string](Get-HybridcValue -Object $Old -Name $name)
        if ($value -ne '') {
            $previous[$name] = $value
        }
    }
    return $previous
}

#@ piece Get-HybridcReplaceRefusal
function Get-HybridcReplaceRefusal {
    # Why an address space must not be replaced, or '': one that holds
    # credentials (access method PerUserFB or OrgWideFB without the service
    # account, whatever UserName says: its rendering is unconfirmed) loses
    # them when it is removed, and Exchange never returns the password, so
    # it is replaced only when the new one gets credentials of its own (the
    # operator is asked for them) or uses the service account.
    param([Parameter(Mandatory = $true)] $Item, [Parameter(Mandatory = $true)] $Old)
    $method = [string](Get-HybridcValue -Object $Old -Name 'AccessMethod')
    if (@('PerUserFB', 'OrgWideFB') -notcontains $method -or [string](Get-HybridcValue -Object $Old -Name 'UseServiceAccount') -eq 'True') {
        return ''
    }
    $user = [string](Get-HybridcValue -Object $Old -Name 'UserName')
    if ($user -eq '') {
        $user = '(an account Exchange does not show)'
    }
    if (Test-HybridcFlag -Item $Item -Name 'PromptForCredentials') {
        return ''
    }
    foreach ($property in @($Item.Properties)) {
        if ($property.Name -eq 'UseServiceAccount' -and $property.Value -eq $true) {
            return ''
        }
    }
    return ('not replaced: it holds credentials for ''' + $user + ''', which Exchange never returns, so replacing it (Exchange has no Set- cmdlet) would lose them; set promptForCredentials: true to enter them for the new one, or useServiceAccount: true.')
}

#@ piece Get-HybridcFederationTrust
function Get-HybridcFederationTrust {
    # The federation trust of the item's name, or $null.
    param([Parameter(Mandatory = $true)] $Item)
    return Select-HybridcFirst -Items @($script:HybridcFederationTrusts | Where-Object { Test-HybridcSameName -A (Get-HybridcValue -Object $_ -Name 'Name') -B $Item.Name })
}

#@ piece Get-HybridcFederationProblem
function Get-HybridcFederationProblem {
    # What would break free/busy and MailTips over the organization
    # relationships: no federation trust of the declared name, an expired
    # certificate, no or another account namespace than declared (Exchange
    # shows it after FYDIBOHF25SPDLT.), a disabled identifier the YAML does
    # not turn on. Empty when none.
    param([Parameter(Mandatory = $true)] $Item, $Trust, $Identifier)
    if ($null -eq $Trust) {
        return ('there is no federation trust ''' + [string]$Item.Name + ''': run the Hybrid Configuration Wizard, which creates it (New-FederationTrust, with the organization''s certificate, contacts Microsoft''s federation gateway; this script does not)')
    }
    $notAfter = Get-HybridcValue -Object (Get-HybridcValue -Object $Trust -Name 'OrgCertificate') -Name 'NotAfter'
    if ($null -ne $notAfter -and ([DateTime]$notAfter).ToUniversalTime() -lt [DateTime]::UtcNow) {
        return ('the certificate of the federation trust ''' + [string]$Item.Name + ''' expired on ' + ([DateTime]$notAfter).ToUniversalTime().ToString('yyyy-MM-dd') + ': renew it (Set-FederationTrust -Thumbprint, then -PublishFederationCertificate)')
    }
    $namespace = ([string](Get-HybridcValue -Object $Identifier -Name 'AccountNamespace')).ToLowerInvariant()
    if ($namespace.StartsWith('fydibohf25spdlt.', [System.StringComparison]::Ordinal)) {
        $namespace = $namespace.Substring(16)
    }
    if ($namespace -eq '') {
        return 'the federated organization identifier has no account namespace: run the Hybrid Configuration Wizard'
    }
    if (-not (Test-HybridcSameName -A $namespace -B $Item.AccountNamespace)) {
        return ('the federated organization identifier''s account namespace is ''' + $namespace + ''', not ''' + [string]$Item.AccountNamespace + ''' (federatedDelegationNamespace); this script does not change it')
    }
    $declared = @($Item.Properties | Where-Object { $null -ne $_ -and $_.Name -eq 'Enabled' })
    if ($declared.Count -eq 0 -and -not (Test-HybridcFlag -Item $Identifier -Name 'Enabled')) {
        return 'the federated organization identifier is disabled (declare federation.enabled: true to turn it on)'
    }
    return ''
}

#@ piece Sync-HybridcFederationTrust
function Sync-HybridcFederationTrust {
    # Reads the federation trust and the federated organization identifier
    # first, and reports what would break free/busy and MailTips over the
    # organization relationships (Get-HybridcFederationProblem): then the
    # item fails and nothing is changed for it. A certificate that expires
    # within CertificateDays is a warning. Otherwise Enabled is set as
    # declared and the declared federated domains the identifier lacks are
    # added (Add-FederatedDomain); a domain it has and the YAML does not list
    # is kept.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcFederationTrusts = @(Invoke-HybridcCall -Call { Get-FederationTrust -ErrorAction Stop })
        $script:HybridcFederationIdentifier = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-FederatedOrganizationIdentifier -ErrorAction Stop })
    } -Each {
        param($item)
        $identifier = $script:HybridcFederationIdentifier
        $trust = Get-HybridcFederationTrust -Item $item
        $problem = Get-HybridcFederationProblem -Item $item -Trust $trust -Identifier $identifier
        if ($problem -ne '') {
            throw ($problem + '. Free/busy and MailTips over the organization relationships fail until it is fixed; nothing was changed for it.')
        }
        $notAfter = Get-HybridcValue -Object (Get-HybridcValue -Object $trust -Name 'OrgCertificate') -Name 'NotAfter'
        $notice = ''
        if ($null -ne $notAfter -and ([DateTime]$notAfter).ToUniversalTime() -lt [DateTime]::UtcNow.AddDays([int]$item.CertificateDays)) {
            $notice = 'its certificate expires on ' + ([DateTime]$notAfter).ToUniversalTime().ToString('yyyy-MM-dd') + ', and free/busy over the organization relationships stops then: renew it (Set-FederationTrust -Thumbprint, then -PublishFederationCertificate)'
            Write-Warning ('federation trust ''' + [string]$item.Name + ''': ' + $notice)
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $identifier -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $notice
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action ($details -join '; ') -Done 'updated' -Change {
            if ($drift.ContainsKey('Enabled')) {
                $enabled = [bool]$drift['Enabled']
                $null = Invoke-HybridcCall -Change -Call { Set-FederatedOrganizationIdentifier -Enabled $enabled -Confirm:$false -ErrorAction Stop }
            }
            if ($drift.ContainsKey('Domains')) {
                foreach ($domain in @($drift['Domains']['Add'])) {
                    $null = Invoke-HybridcCall -Change -Call { Add-FederatedDomain -DomainName $domain -Confirm:$false -ErrorAction Stop }
                }
            }
        }
    }
}

