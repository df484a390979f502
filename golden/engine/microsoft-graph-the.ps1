#@ run microsoft-graph-the: head ConvertTo-HybridcODataText ConvertTo-HybridcHex Get-HybridcDeclaredThumbprints Read-HybridcCertificateFiles Assert-HybridcGraph Find-HybridcGraphApp Get-HybridcKeyThumbprint Get-HybridcResourceAccess Get-HybridcKeyCredentialList
#@ piece head
# ---------------------------------------------------------------------------
# Microsoft Graph: the preflight, the certificate files, and helpers of
# the Entra ID kinds.

#@ piece ConvertTo-HybridcODataText
function ConvertTo-HybridcODataText {
    # A value as an OData string literal for -Filter: quoted, a quote
    # doubled. The value stays data: Graph parses the filter, no shell.
    param([Parameter(Mandatory = $true)] [string]$Text)
    return ("'" + $Text.Replace("'", "''") + "'")
}

#@ piece ConvertTo-HybridcHex
function ConvertTo-HybridcHex {
    # A customKeyIdentifier (bytes, or the Base64 text a REST answer holds)
    # as upper-case hexadecimal: a certificate's thumbprint.
    param($Value)
    if ($null -eq $Value) {
        return ''
    }
    $bytes = $Value
    if ($Value -is [string]) {
        try {
            $bytes = [System.Convert]::FromBase64String($Value)
        }
        catch {
            return $Value.ToUpperInvariant()
        }
    }
    return ((@($bytes) | ForEach-Object { ([byte]$_).ToString('X2') }) -join '')
}

#@ piece Get-HybridcDeclaredThumbprints
function Get-HybridcDeclaredThumbprints {
    # The thumbprints of the data's hybridKeyCredential items.
    param($Steps)
    $out = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($step in @($Steps)) {
        if ([string]$step.Kind -ne 'hybridKeyCredential') {
            continue
        }
        foreach ($item in @($step.Items)) {
            $null = $out.Add([string]$item.Thumbprint)
        }
    }
    return $out.ToArray()
}

#@ piece Read-HybridcCertificateFiles
function Read-HybridcCertificateFiles {
    # Loads each -CertificateFile: the public part of an auth certificate
    # (.cer, exported on an Exchange server), which must be one the data
    # declares and must hold no private key. Throws otherwise.
    param($Steps)
    $declared = @(Get-HybridcDeclaredThumbprints -Steps $Steps)
    foreach ($path in @($CertificateFile)) {
        if ($null -eq $path -or [string]$path -eq '') {
            continue
        }
        $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath([string]$path)
        try {
            $bytes = [System.IO.File]::ReadAllBytes($full)
            $certificate = New-Object -TypeName 'System.Security.Cryptography.X509Certificates.X509Certificate2' -ArgumentList (, $bytes)
        }
        catch {
            throw ('The certificate file ''' + [string]$path + ''' could not be read as a certificate: ' + $_.Exception.Message + ' Nothing was changed.')
        }
        if ($certificate.HasPrivateKey) {
            throw ('The certificate file ''' + [string]$path + ''' holds a private key: export the auth certificate without it (.cer). Nothing was changed.')
        }
        $thumbprint = $certificate.Thumbprint.ToUpperInvariant()
        if (@($declared | Where-Object { Test-HybridcSameName -A $_ -B $thumbprint }).Count -eq 0) {
            throw ('The certificate file ''' + [string]$path + ''' is the certificate ' + $thumbprint + ', which onPremises.authCertificate does not declare (' + (ConvertTo-HybridcText -Value $declared) + '). Nothing was changed.')
        }
        $script:HybridcCertificates[$thumbprint] = $certificate
    }
}

#@ piece Assert-HybridcGraph
function Assert-HybridcGraph {
    # Refuses to change anything unless the Graph cmdlets this script calls
    # are present, the session is connected with the delegated scopes it
    # needs, to the tenant the data names, and every certificate file is a
    # declared auth certificate without its private key.
    param($Steps)
    $missing = @($HybridcRequiredCommands | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
    if ($missing.Count -gt 0) {
        $needs = @($missing | ForEach-Object { $_ + ' (' + [string]$HybridcCommandUses[$_] + ')' })
        throw ($HybridcShell + ' is needed; missing cmdlets: ' + ($needs -join ', ') + '. Nothing was changed.')
    }
    $context = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgContext -ErrorAction Stop })
    if ($null -eq $context) {
        throw ('Not connected to Microsoft Graph: run Connect-MgGraph -TenantId ' + [string]$HybridcDesired.Organization + ' -Scopes ' + ($HybridcDesired.Scopes -join ',') + ' first. Nothing was changed.')
    }
    if (Test-HybridcSameName -A ([string](Get-HybridcValue -Object $context -Name 'AuthType')) -B 'AppOnly') {
        throw ('The Microsoft Graph session is app-only (an application''s own permissions): this script is run by an administrator, connected with delegated scopes: run Connect-MgGraph -TenantId ' + [string]$HybridcDesired.Organization + ' -Scopes ' + ($HybridcDesired.Scopes -join ',') + ' as a Privileged Role Administrator or Global Administrator. Nothing was changed.')
    }
    $scopes = @(Get-HybridcValue -Object $context -Name 'Scopes')
    # A broader delegated scope covers a needed one (Microsoft Graph
    # permissions reference, and the API pages' "higher privileged
    # permissions"): Directory.ReadWrite.All covers Application.ReadWrite.All;
    # Organization.ReadWrite.All, Directory.Read.All and
    # Directory.ReadWrite.All cover Organization.Read.All.
    # AppRoleAssignment.ReadWrite.All has no broader scope.
    $broader = @{ 'Application.ReadWrite.All' = @('Directory.ReadWrite.All'); 'Organization.Read.All' = @('Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All') }
    $lacking = @($HybridcDesired.Scopes | Where-Object {
            $accepted = @([string]$_) + @($broader[[string]$_])
            @($scopes | Where-Object { $have = $_; @($accepted | Where-Object { Test-HybridcSameName -A $have -B $_ }).Count -gt 0 }).Count -eq 0
        })
    if ($lacking.Count -gt 0) {
        throw ('The Microsoft Graph session lacks the scopes ' + (ConvertTo-HybridcText -Value $lacking) + ' (delegated, or a broader one): run Connect-MgGraph -Scopes ' + ($HybridcDesired.Scopes -join ',') + ' again; app-only sessions are refused. Nothing was changed.')
    }
    $organization = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgOrganization -ErrorAction Stop })
    $domains = @(Get-HybridcValue -Object $organization -Name 'VerifiedDomains' | ForEach-Object { [string](Get-HybridcValue -Object $_ -Name 'Name') })
    if (@($domains | Where-Object { Test-HybridcSameName -A $_ -B $HybridcDesired.Organization }).Count -eq 0) {
        throw ('Connected to the tenant of ' + (ConvertTo-HybridcText -Value $domains) + ', but this script is for ''' + [string]$HybridcDesired.Organization + '''. Nothing was changed.')
    }
    Read-HybridcCertificateFiles -Steps $Steps
}

#@ piece Find-HybridcGraphApp
function Find-HybridcGraphApp {
    # The application of an item, by its appId when declared: it must have
    # the declared display name (never renamed). Without appId the script
    # only creates: $null when no application has the name, and a refusal
    # when one has it, since any user of the tenant may register an
    # application of that name first; hybridc never takes one over.
    param($Item)
    $appId = [string](Get-HybridcValue -Object $Item -Name 'AppId')
    if ($appId -ne '') {
        $filter = 'appId eq ' + (ConvertTo-HybridcODataText -Text $appId)
        $app = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MgApplication -Filter $filter -All -ErrorAction Stop })
        if ($null -ne $app -and -not (Test-HybridcSameName -A (Get-HybridcValue -Object $app -Name 'DisplayName') -B $Item.Name)) {
            throw ('the application of appId ' + $appId + ' is named ' + (ConvertTo-HybridcText -Value (Get-HybridcValue -Object $app -Name 'DisplayName')) + ', not ''' + [string]$Item.Name + ''': hybridc never renames an application; check appId in Entra ID, and declare the name the Exchange hybrid application has. Nothing was granted')
        }
        return $app
    }
    $filter = 'displayName eq ' + (ConvertTo-HybridcODataText -Text ([string]$Item.Name))
    # Graph compares displayName ignoring case; Entra ID allows two
    # applications of one name.
    $found = @(Invoke-HybridcCall -Call { Get-MgApplication -Filter $filter -All -ErrorAction Stop } | Where-Object { Test-HybridcSameName -A (Get-HybridcValue -Object $_ -Name 'DisplayName') -B $Item.Name })
    if ($found.Count -gt 0) {
        $ids = @($found | ForEach-Object { [string](Get-HybridcValue -Object $_ -Name 'AppId') })
        throw ('an application named ''' + [string]$Item.Name + ''' exists (appId ' + ($ids -join ', ') + ') and hybridc never takes over an application found by its name: anyone in the tenant can register one. Verify in Entra ID that it is the Exchange hybrid application (owners, certificates and secrets, permissions), then declare its appId in exchangeOnline.hybridApplication. Nothing was granted')
    }
    return $null
}

#@ piece Get-HybridcKeyThumbprint
function Get-HybridcKeyThumbprint {
    # The thumbprint (SHA-1, upper-case hexadecimal) of a key credential's
    # key, the certificate's raw data: '' when Graph did not return it.
    param($Key)
    if ($null -eq $Key) {
        return ''
    }
    $bytes = $Key
    if ($Key -is [string]) {
        try {
            $bytes = [System.Convert]::FromBase64String($Key)
        }
        catch {
            return ''
        }
    }
    $sha = [System.Security.Cryptography.SHA1]::Create()
    try {
        return ((@($sha.ComputeHash([byte[]]@($bytes))) | ForEach-Object { $_.ToString('X2') }) -join '')
    }
    finally {
        $sha.Dispose()
    }
}

#@ piece Get-HybridcResourceAccess
function Get-HybridcResourceAccess {
    # An application's requiredResourceAccess as hashtables, with the
    # declared permissions added where missing; Missing receives them.
    param($Current, $Permissions, [System.Collections.ArrayList]$Missing)
    $out = New-Object -TypeName 'System.Collections.ArrayList'
    $byResource = @{}
    foreach ($entry in @($Current)) {
        if ($null -eq $entry) {
            continue
        }
        $access = New-Object -TypeName 'System.Collections.ArrayList'
        foreach ($grant in @(Get-HybridcValue -Object $entry -Name 'ResourceAccess')) {
            if ($null -ne $grant) {
                $null = $access.Add(@{ Id = [string](Get-HybridcValue -Object $grant -Name 'Id'); Type = [string](Get-HybridcValue -Object $grant -Name 'Type') })
            }
        }
        $resource = @{ ResourceAppId = [string](Get-HybridcValue -Object $entry -Name 'ResourceAppId'); ResourceAccess = $access }
        $byResource[$resource.ResourceAppId.ToLowerInvariant()] = $resource
        $null = $out.Add($resource)
    }
    foreach ($permission in @($Permissions)) {
        $key = ([string]$permission.ResourceAppId).ToLowerInvariant()
        if (-not $byResource.ContainsKey($key)) {
            $byResource[$key] = @{ ResourceAppId = [string]$permission.ResourceAppId; ResourceAccess = (New-Object -TypeName 'System.Collections.ArrayList') }
            $null = $out.Add($byResource[$key])
        }
        $resource = $byResource[$key]
        $have = @($resource.ResourceAccess | Where-Object { (Test-HybridcSameName -A $_.Id -B $permission.AppRoleId) -and $_.Type -eq 'Role' })
        if ($have.Count -eq 0) {
            $null = $resource.ResourceAccess.Add(@{ Id = [string]$permission.AppRoleId; Type = 'Role' })
            $null = $Missing.Add([string]$permission.Api + ': ' + [string]$permission.Value)
        }
    }
    foreach ($resource in $out) {
        $resource.ResourceAccess = $resource.ResourceAccess.ToArray()
    }
    return $out.ToArray()
}

#@ piece Get-HybridcKeyCredentialList
function Get-HybridcKeyCredentialList {
    # An object's keyCredentials as hashtables Update-Mg* keeps: each
    # existing credential by its keyId, without its key (Graph never
    # returns it); Except leaves out those whose customKeyIdentifier is one
    # of these thumbprints.
    param($Current, [string[]]$Except = @())
    $out = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($credential in @($Current)) {
        if ($null -eq $credential) {
            continue
        }
        $thumbprint = ConvertTo-HybridcHex -Value (Get-HybridcValue -Object $credential -Name 'CustomKeyIdentifier')
        if (@($Except | Where-Object { Test-HybridcSameName -A $_ -B $thumbprint }).Count -gt 0) {
            continue
        }
        $kept = @{}
        foreach ($name in @('KeyId', 'CustomKeyIdentifier', 'DisplayName', 'Type', 'Usage', 'StartDateTime', 'EndDateTime')) {
            $value = Get-HybridcValue -Object $credential -Name $name
            if ($null -ne $value) {
                $kept[$name] = $value
            }
        }
        $null = $out.Add($kept)
    }
    return $out.ToArray()
}
