#@ run the-dedicated-exchange: head Sync-HybridcHybridApplication Sync-HybridcHybridServicePrincipal Sync-HybridcHybridAppPermission Sync-HybridcHybridKeyCredential Sync-HybridcFirstPartyKeyCredentials
#@ piece head
# ---------------------------------------------------------------------------
# The dedicated Exchange hybrid application in Microsoft Entra ID
# (Microsoft Learn, "Deploy dedicated Exchange hybrid app"), through the
# Microsoft Graph PowerShell SDK. Graph lists such as requiredResourceAccess
# and keyCredentials are replaced whole by Update-Mg*: the engine always
# sends what Entra ID holds plus what is declared, and removes only the
# first-party key credentials the configuration names.

# The application and its service principal as this run found or made
# them; the auth certificates the operator passed (-CertificateFile), by
# thumbprint.
$script:HybridcGraphApp = $null
$script:HybridcGraphPrincipal = $null
$script:HybridcCertificates = New-HybridcNameTable

#@ piece Sync-HybridcHybridApplication
function Sync-HybridcHybridApplication {
    # The application: created with the declared permissions when missing;
    # its display name (when found by appId) and the permissions it asks
    # for (requiredResourceAccess: declared ones added, others kept).
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        $app = Find-HybridcGraphApp -Item $item
        $missing = New-Object -TypeName 'System.Collections.ArrayList'
        if ($null -eq $app) {
            if ([string](Get-HybridcValue -Object $item -Name 'AppId') -ne '') {
                $script:HybridcPending['hybridApplication'] = $true
                Skip-HybridcItem -Item $item -Problem ('no application has the appId ' + [string]$item.AppId + ' in this tenant: check appId, or remove it to create the application')
                return
            }
            $access = @(Get-HybridcResourceAccess -Current @() -Permissions $item.Permissions -Missing $missing)
            $name = [string]$item.Name
            $null = Invoke-HybridcChange -Item $item -Action ('New-MgApplication ' + $name + ' asking for ' + (ConvertTo-HybridcText -Value @($missing))) -Done 'created' -PendingKey 'hybridApplication' -Change {
                $script:HybridcGraphApp = Select-HybridcFirst -Items @(Invoke-HybridcCall -Change -Call { New-MgApplication -DisplayName $name -SignInAudience 'AzureADMyOrg' -RequiredResourceAccess $access -ErrorAction Stop })
            }
            return
        }
        $script:HybridcGraphApp = $app
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $update = @{}
        if (-not (Test-HybridcSameName -A (Get-HybridcValue -Object $app -Name 'DisplayName') -B $item.Name)) {
            $update['DisplayName'] = [string]$item.Name
            $null = $details.Add('DisplayName: ' + (ConvertTo-HybridcText -Value (Get-HybridcValue -Object $app -Name 'DisplayName')) + ' -> ' + (ConvertTo-HybridcText -Value $item.Name))
        }
        $access = @(Get-HybridcResourceAccess -Current (Get-HybridcValue -Object $app -Name 'RequiredResourceAccess') -Permissions $item.Permissions -Missing $missing)
        if ($missing.Count -gt 0) {
            $update['RequiredResourceAccess'] = $access
            $null = $details.Add('RequiredResourceAccess: add ' + (ConvertTo-HybridcText -Value @($missing)))
        }
        if ($update.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $id = [string]$app.Id
        $null = Invoke-HybridcChange -Item $item -Action ('Update-MgApplication: ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Update-MgApplication -ApplicationId $id @update -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcHybridServicePrincipal
function Sync-HybridcHybridServicePrincipal {
    # The application's service principal (enterprise application),
    # created when missing.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        if ($null -eq $script:HybridcGraphApp) {
            Add-HybridcPendingResult -Item $item -Key 'hybridApplication' -Detail 'New-MgServicePrincipal for the application once it exists'
            $script:HybridcPending['hybridServicePrincipal'] = $true
            return
        }
        $appId = [string]$script:HybridcGraphApp.AppId
        $filter = 'appId eq ' + (ConvertTo-HybridcODataText -Text $appId)
        $principal = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgServicePrincipal -Filter $filter -ErrorAction Stop })
        if ($null -ne $principal) {
            $script:HybridcGraphPrincipal = $principal
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action ('New-MgServicePrincipal -AppId ' + $appId) -Done 'created' -PendingKey 'hybridServicePrincipal' -Change {
            $script:HybridcGraphPrincipal = Select-HybridcFirst -Items @(Invoke-HybridcCall -Change -Call { New-MgServicePrincipal -AppId $appId -ErrorAction Stop })
        }
    }
}

#@ piece Sync-HybridcHybridAppPermission
function Sync-HybridcHybridAppPermission {
    # Each declared application permission, granted by an app role
    # assignment to the service principal (admin consent) after checking
    # the app role id against the resource's service principal. Granted
    # only: assignments the configuration does not declare are kept.
    param($Items)
    $script:HybridcAssigned = @()
    Invoke-HybridcStep -Items $Items -Read {
        if ($null -ne $script:HybridcGraphPrincipal) {
            $principalId = [string]$script:HybridcGraphPrincipal.Id
            $script:HybridcAssigned = @(Invoke-HybridcCall -Call { Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $principalId -All -ErrorAction Stop })
        }
    } -Each {
        param($item)
        if ($null -eq $script:HybridcGraphPrincipal) {
            Add-HybridcPendingResult -Item $item -Key 'hybridServicePrincipal' -Detail ('New-MgServicePrincipalAppRoleAssignment ' + [string]$item.Value + ' once the service principal exists')
            return
        }
        $filter = 'appId eq ' + (ConvertTo-HybridcODataText -Text ([string]$item.ResourceAppId))
        $resource = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgServicePrincipal -Filter $filter -ErrorAction Stop })
        if ($null -eq $resource) {
            throw ('the tenant has no service principal of ' + [string]$item.Api + ' (' + [string]$item.ResourceAppId + ')')
        }
        $roles = @(Get-HybridcValue -Object $resource -Name 'AppRoles' | Where-Object { [string]::Equals([string](Get-HybridcValue -Object $_ -Name 'Value'), [string]$item.Value, [System.StringComparison]::Ordinal) })
        if ($roles.Count -ne 1 -or -not (Test-HybridcSameName -A $roles[0].Id -B $item.AppRoleId)) {
            throw ([string]$item.Api + ' has no app role ' + [string]$item.Value + ' with the id ' + [string]$item.AppRoleId + ' that hybridc knows: nothing was granted')
        }
        $resourceId = [string]$resource.Id
        $have = @($script:HybridcAssigned | Where-Object { (Test-HybridcSameName -A $_.ResourceId -B $resourceId) -and (Test-HybridcSameName -A $_.AppRoleId -B $item.AppRoleId) })
        if ($have.Count -gt 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $principalId = [string]$script:HybridcGraphPrincipal.Id
        $roleId = [string]$item.AppRoleId
        $null = Invoke-HybridcChange -Item $item -Action ('New-MgServicePrincipalAppRoleAssignment ' + [string]$item.Api + ': ' + [string]$item.Value + ' (admin consent)') -Done 'created' -Change {
            $null = Invoke-HybridcCall -Change -Call { New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $principalId -PrincipalId $principalId -ResourceId $resourceId -AppRoleId $roleId -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcHybridKeyCredential
function Sync-HybridcHybridKeyCredential {
    # Each declared auth certificate as a key credential of the
    # application, matched by customKeyIdentifier (the thumbprint). A
    # missing one is added from the certificate file passed with
    # -CertificateFile; the application's other credentials are kept.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        if ($null -eq $script:HybridcGraphApp) {
            Add-HybridcPendingResult -Item $item -Key 'hybridApplication' -Detail ('add the key credential ' + [string]$item.Thumbprint + ' once the application exists')
            return
        }
        # Read again: an earlier item of this step may have added one.
        $id = [string]$script:HybridcGraphApp.Id
        $app = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgApplication -ApplicationId $id -ErrorAction Stop })
        $current = @(Get-HybridcValue -Object $app -Name 'KeyCredentials')
        $have = @($current | Where-Object { $null -ne $_ -and (Test-HybridcSameName -A (ConvertTo-HybridcHex -Value (Get-HybridcValue -Object $_ -Name 'CustomKeyIdentifier')) -B $item.Thumbprint) })
        if ($have.Count -gt 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $thumbprint = [string]$item.Thumbprint
        if (-not $script:HybridcCertificates.ContainsKey($thumbprint)) {
            Skip-HybridcItem -Item $item -Problem ('the ' + [string]$item.Role + ' auth certificate ' + $thumbprint + ' is not a key credential of the application: export it without its private key on an Exchange server (.cer) and pass it with -CertificateFile')
            return
        }
        $certificate = $script:HybridcCertificates[$thumbprint]
        $credentials = New-Object -TypeName 'System.Collections.ArrayList'
        foreach ($kept in @(Get-HybridcKeyCredentialList -Current $current)) {
            $null = $credentials.Add($kept)
        }
        $null = $credentials.Add(@{ Type = 'AsymmetricX509Cert'; Usage = 'Verify'; Key = $certificate.GetRawCertData(); DisplayName = $certificate.Subject; StartDateTime = $certificate.NotBefore.ToUniversalTime(); EndDateTime = $certificate.NotAfter.ToUniversalTime() })
        $all = $credentials.ToArray()
        $null = Invoke-HybridcChange -Item $item -Action ('Update-MgApplication: add the ' + [string]$item.Role + ' auth certificate ' + $thumbprint + ' as a key credential, keeping ' + [string]$current.Count) -Done 'created' -Change {
            $null = Invoke-HybridcCall -Change -Call { Update-MgApplication -ApplicationId $id -KeyCredentials $all -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcFirstPartyKeyCredentials
function Sync-HybridcFirstPartyKeyCredentials {
    # Removes from the shared Office 365 Exchange Online service principal
    # the key credentials of the declared auth certificates, matched by
    # thumbprint, as Microsoft's -ResetFirstPartyServicePrincipalKeyCredentials
    # does, once each is a key credential of the hybrid application (never
    # before: Exchange would lose both); every other credential is kept.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        if ($null -eq $script:HybridcGraphApp) {
            Add-HybridcPendingResult -Item $item -Key 'hybridApplication' -Detail 'remove the auth certificates from Office 365 Exchange Online once the application holds them'
            return
        }
        $appObjectId = [string]$script:HybridcGraphApp.Id
        $app = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgApplication -ApplicationId $appObjectId -ErrorAction Stop })
        $onApp = @(Get-HybridcValue -Object $app -Name 'KeyCredentials' | Where-Object { $null -ne $_ } | ForEach-Object { ConvertTo-HybridcHex -Value (Get-HybridcValue -Object $_ -Name 'CustomKeyIdentifier') })
        $filter = 'appId eq ' + (ConvertTo-HybridcODataText -Text ([string]$item.ResourceAppId))
        $principal = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgServicePrincipal -Filter $filter -ErrorAction Stop })
        if ($null -eq $principal) {
            throw ('the tenant has no service principal of Office 365 Exchange Online (' + [string]$item.ResourceAppId + ')')
        }
        $current = @(Get-HybridcValue -Object $principal -Name 'KeyCredentials' | Where-Object { $null -ne $_ })
        $held = @($current | ForEach-Object { ConvertTo-HybridcHex -Value (Get-HybridcValue -Object $_ -Name 'CustomKeyIdentifier') })
        $declared = @($item.Thumbprints | Where-Object { $thumbprint = $_; @($held | Where-Object { Test-HybridcSameName -A $_ -B $thumbprint }).Count -gt 0 })
        $removable = [string[]]@($declared | Where-Object { $thumbprint = $_; @($onApp | Where-Object { Test-HybridcSameName -A $_ -B $thumbprint }).Count -gt 0 })
        $waiting = @($declared | Where-Object { $removable -notcontains $_ })
        if ($waiting.Count -gt 0) {
            Skip-HybridcItem -Item $item -Problem ('Office 365 Exchange Online still holds ' + (ConvertTo-HybridcText -Value $waiting) + ', not yet a key credential of the hybrid application: kept until the application holds it')
            return
        }
        if ($removable.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $kept = @(Get-HybridcKeyCredentialList -Current $current -Except $removable)
        $id = [string]$principal.Id
        $null = Invoke-HybridcChange -Item $item -Action ('Update-MgServicePrincipal Office 365 Exchange Online: remove the key credentials of ' + (ConvertTo-HybridcText -Value $removable) + ', keeping ' + [string]$kept.Count) -Done 'removed' -Change {
            $null = Invoke-HybridcCall -Change -Call { Update-MgServicePrincipal -ServicePrincipalId $id -KeyCredentials $kept -ErrorAction Stop }
        }
    }
}

