#@ run the-dedicated-exchange: head Get-HybridcVerifiedKeys Get-HybridcForeignOwners Assert-HybridcGraphAppTrusted Sync-HybridcHybridApplication Sync-HybridcHybridServicePrincipal Sync-HybridcHybridAppPermission Sync-HybridcHybridKeyCredential Sync-HybridcFirstPartyKeyCredentials
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

#@ piece Get-HybridcVerifiedKeys
function Get-HybridcVerifiedKeys {
    # The application's key credentials read with their keys (Graph returns
    # a key only when one object's keyCredentials are selected), each with
    # Thumbprint (its customKeyIdentifier) and Verified: its key is the
    # certificate of that thumbprint, a declared auth certificate. One
    # whose identifier names a certificate but whose key is another, or
    # whose key Graph did not return, is not verified.
    param([Parameter(Mandatory = $true)] [string]$Id)
    $declared = @(Get-HybridcDeclaredThumbprints -Steps $HybridcDesired.Steps)
    $app = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgApplication -ApplicationId $Id -Property 'keyCredentials' -ErrorAction Stop })
    foreach ($credential in @(Get-HybridcValue -Object $app -Name 'KeyCredentials')) {
        if ($null -eq $credential) {
            continue
        }
        $thumbprint = ConvertTo-HybridcHex -Value (Get-HybridcValue -Object $credential -Name 'CustomKeyIdentifier')
        $ofKey = Get-HybridcKeyThumbprint -Key (Get-HybridcValue -Object $credential -Name 'Key')
        $isDeclared = @($declared | Where-Object { Test-HybridcSameName -A $_ -B $thumbprint }).Count -gt 0
        [pscustomobject]@{ Credential = $credential; Thumbprint = $thumbprint; Verified = ($isDeclared -and $ofKey -ne '' -and (Test-HybridcSameName -A $ofKey -B $thumbprint)) }
    }
}

#@ piece Get-HybridcForeignOwners
function Get-HybridcForeignOwners {
    # The application's owners other than the signed-in account, by user
    # principal name or, for a service principal or group, object id.
    param([Parameter(Mandatory = $true)] [string]$Id)
    $account = [string](Get-HybridcValue -Object (Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgContext -ErrorAction Stop })) -Name 'Account')
    foreach ($owner in @(Invoke-HybridcCall -Call { Get-MgApplicationOwner -ApplicationId $Id -All -ErrorAction Stop })) {
        if ($null -eq $owner) {
            continue
        }
        # AdditionalProperties is a Dictionary[string, object], which has
        # no Contains in Windows PowerShell 5.1: read it by its keys.
        $extra = Get-HybridcValue -Object $owner -Name 'AdditionalProperties'
        $upn = ''
        if ($extra -is [System.Collections.IDictionary]) {
            foreach ($key in @($extra.Keys)) {
                if ([string]$key -eq 'userPrincipalName') {
                    $upn = [string]$extra[$key]
                }
            }
        }
        if ($upn -eq '') {
            [string](Get-HybridcValue -Object $owner -Name 'Id')
        }
        elseif ($account -eq '' -or -not (Test-HybridcSameName -A $upn -B $account)) {
            $upn
        }
    }
}

#@ piece Assert-HybridcGraphAppTrusted
function Assert-HybridcGraphAppTrusted {
    # Refuses, before anything is granted, an application someone else can
    # act as or control: one with password credentials (client secrets),
    # with key credentials that are not a declared auth certificate
    # verified by its key, or with an owner other than the signed-in
    # account (an owner can add credentials).
    param([Parameter(Mandatory = $true)] $App)
    $id = [string]$App.Id
    $problems = New-Object -TypeName 'System.Collections.Generic.List[string]'
    $secrets = @(Get-HybridcValue -Object $App -Name 'PasswordCredentials' | Where-Object { $null -ne $_ })
    if ($secrets.Count -gt 0) {
        $null = $problems.Add([string]$secrets.Count + ' client secret(s) (passwordCredentials)')
    }
    $foreign = @(Get-HybridcVerifiedKeys -Id $id | Where-Object { -not $_.Verified } | ForEach-Object { $_.Thumbprint })
    if ($foreign.Count -gt 0) {
        $null = $problems.Add('key credentials that are no declared auth certificate, or whose key is not the certificate their identifier names: ' + (ConvertTo-HybridcText -Value $foreign))
    }
    $owners = @(Get-HybridcForeignOwners -Id $id)
    if ($owners.Count -gt 0) {
        $null = $problems.Add('owners other than the signed-in account: ' + (ConvertTo-HybridcText -Value $owners))
    }
    if ($problems.Count -gt 0) {
        throw ('the application ' + [string]$App.DisplayName + ' (appId ' + [string]$App.AppId + ') has ' + ($problems -join '; ') + ': whoever holds them could act as Exchange with the permissions this script grants. Check who added them and remove them in Entra ID. Nothing was granted')
    }
}

#@ piece Sync-HybridcHybridApplication
function Sync-HybridcHybridApplication {
    # The application: created with the declared permissions when no
    # application has its name and no appId is declared (Find-HybridcGraphApp
    # refuses one found by name); an existing one, found by appId, is first
    # checked (Assert-HybridcGraphAppTrusted), never renamed, and asks for
    # the declared permissions (requiredResourceAccess: added, others kept).
    # Later steps act only on an application this step accepted.
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
            $made = Invoke-HybridcChange -Item $item -Action ('New-MgApplication ' + $name + ' asking for ' + (ConvertTo-HybridcText -Value @($missing))) -Done 'created' -PendingKey 'hybridApplication' -Change {
                $script:HybridcGraphApp = Select-HybridcFirst -Items @(Invoke-HybridcCall -Change -Call { New-MgApplication -DisplayName $name -SignInAudience 'AzureADMyOrg' -RequiredResourceAccess $access -ErrorAction Stop })
            }
            if ($made -and $null -ne $script:HybridcGraphApp) {
                Write-Host ('The application ' + $name + ' has the appId ' + [string]$script:HybridcGraphApp.AppId + ': declare it as exchangeOnline.hybridApplication.appId (hybridc import writes it); later runs find the application by it and refuse one found by name.')
            }
            return
        }
        Assert-HybridcGraphAppTrusted -App $app
        $script:HybridcGraphApp = $app
        $access = @(Get-HybridcResourceAccess -Current (Get-HybridcValue -Object $app -Name 'RequiredResourceAccess') -Permissions $item.Permissions -Missing $missing)
        if ($missing.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $id = [string]$app.Id
        $null = Invoke-HybridcChange -Item $item -Action ('Update-MgApplication: RequiredResourceAccess: add ' + (ConvertTo-HybridcText -Value @($missing))) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Update-MgApplication -ApplicationId $id -RequiredResourceAccess $access -ErrorAction Stop }
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
    # application: one whose customKeyIdentifier is the thumbprint and
    # whose key is that certificate (Get-HybridcVerifiedKeys; an identifier
    # alone proves nothing, any owner can set it). A missing one is added
    # from the certificate file passed with -CertificateFile; the
    # application's other credentials are kept.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        if ($null -eq $script:HybridcGraphApp) {
            Add-HybridcPendingResult -Item $item -Key 'hybridApplication' -Detail ('add the key credential ' + [string]$item.Thumbprint + ' once the application exists')
            return
        }
        # Read again: an earlier item of this step may have added one.
        $id = [string]$script:HybridcGraphApp.Id
        $keys = @(Get-HybridcVerifiedKeys -Id $id)
        $current = @($keys | ForEach-Object { $_.Credential })
        $have = @($keys | Where-Object { $_.Verified -and (Test-HybridcSameName -A $_.Thumbprint -B $item.Thumbprint) })
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
    # does, once each is a key credential of the hybrid application
    # verified by its key (never before: Exchange would lose both), and only
    # when the operator passes -CleanUpFirstParty: after onprem.ps1 has
    # made Exchange use the application and Test-OAuthConnectivity
    # succeeds. Every other credential is kept.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        if ($null -eq $script:HybridcGraphApp) {
            Add-HybridcPendingResult -Item $item -Key 'hybridApplication' -Detail 'remove the auth certificates from Office 365 Exchange Online once the application holds them'
            return
        }
        $onApp = @(Get-HybridcVerifiedKeys -Id ([string]$script:HybridcGraphApp.Id) | Where-Object { $_.Verified } | ForEach-Object { $_.Thumbprint })
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
        if (-not $CleanUpFirstParty) {
            $wait = 'Office 365 Exchange Online still holds ' + (ConvertTo-HybridcText -Value $removable) + ': run again with -CleanUpFirstParty once onprem.ps1 has run and Test-OAuthConnectivity succeeds (Exchange uses the application)'
            if ($Check) {
                Add-HybridcResult -Item $item -Status 'drifted' -Detail $wait
            }
            else {
                Add-HybridcResult -Item $item -Status 'skipped' -Detail $wait
            }
            return
        }
        $kept = @(Get-HybridcKeyCredentialList -Current $current -Except $removable)
        $id = [string]$principal.Id
        $null = Invoke-HybridcChange -Item $item -Action ('Update-MgServicePrincipal Office 365 Exchange Online: remove the key credentials of ' + (ConvertTo-HybridcText -Value $removable) + ', keeping ' + [string]$kept.Count) -Done 'removed' -Change {
            $null = Invoke-HybridcCall -Change -Call { Update-MgServicePrincipal -ServicePrincipalId $id -KeyCredentials $kept -ErrorAction Stop }
        }
    }
}

