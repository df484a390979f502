# The handlers of the Graph cmdlets Sim.Graph.ps1 declares.

$script:SimHandlers['Get-MgContext'] = {
    param($Call)
    $org = $script:Sim.Org
    if ($org.Contains('connected') -and -not [bool]$org['connected']) {
        return
    }
    $scopes = @('Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'Organization.Read.All')
    if ($org.Contains('scopes')) {
        $scopes = @($org['scopes'])
    }
    $authType = 'Delegated'
    if ($org.Contains('authType')) {
        $authType = [string]$org['authType']
    }
    [pscustomobject]@{ TenantId = '6a000000-0000-4000-8000-00000000feed'; Scopes = $scopes; AuthType = $authType; Account = (Get-SimGraphAccount) }
}

$script:SimHandlers['Get-MgOrganization'] = {
    param($Call)
    $domains = @([string]$script:Sim.Org.organization)
    if ($script:Sim.Org.Contains('verifiedDomains')) {
        $domains = @($script:Sim.Org['verifiedDomains'])
    }
    [pscustomobject]@{ Id = '6a000000-0000-4000-8000-00000000feed'; VerifiedDomains = @($domains | ForEach-Object { [pscustomobject]@{ Name = [string]$_ } }) }
}

$script:SimHandlers['Get-MgApplication'] = {
    param($Call)
    $apps = Get-SimGraphList -Name 'applications'
    if ($Call.ContainsKey('ApplicationId')) {
        $found = @($apps | Where-Object { $_.id -eq [string]$Call.ApplicationId })
        if ($found.Count -eq 0) {
            Stop-SimGraph -Code 'Request_ResourceNotFound' -Message ('Resource ''' + [string]$Call.ApplicationId + ''' does not exist or one of its queried reference-property objects are not present.')
        }
    }
    else {
        $found = Select-SimGraphFilter -Entries $apps -Filter ([string]$Call['Filter'])
    }
    # Graph returns keys only when one application's keyCredentials are
    # selected.
    $withKey = $Call.ContainsKey('ApplicationId') -and @([string]$Call['Property'] -split ',' | Where-Object { $_.Trim() -eq 'keyCredentials' }).Count -gt 0
    foreach ($app in $found) {
        ConvertTo-SimGraphObject -Entry $app -IncludeKey:$withKey
    }
}

function Get-SimGraphAccount {
    # The signed-in user of the session.
    if ($script:Sim.Org.Contains('account')) {
        return [string]$script:Sim.Org['account']
    }
    return ('admin@' + [string]$script:Sim.Org.organization)
}

$script:SimHandlers['Get-MgApplicationOwner'] = {
    param($Call)
    $app = @((Get-SimGraphList -Name 'applications') | Where-Object { $_.id -eq [string]$Call.ApplicationId })
    if ($app.Count -eq 0) {
        Stop-SimGraph -Code 'Request_ResourceNotFound' -Message ('Resource ''' + [string]$Call.ApplicationId + ''' does not exist or one of its queried reference-property objects are not present.')
    }
    if (-not $app[0].Contains('owners')) {
        return
    }
    foreach ($owner in @($app[0].owners)) {
        # The SDK's AdditionalProperties: a Dictionary[string, object].
        $properties = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]'
        $properties['@odata.type'] = '#microsoft.graph.servicePrincipal'
        if ([string]$owner['userPrincipalName'] -ne '') {
            $properties['@odata.type'] = '#microsoft.graph.user'
            $properties['userPrincipalName'] = [string]$owner['userPrincipalName']
        }
        [pscustomobject]@{ Id = [string]$owner['id']; AdditionalProperties = $properties }
    }
}

function ConvertFrom-SimGraphAccess {
    # requiredResourceAccess as the SDK takes it (hashtables or objects) in
    # the state's form.
    param($Value)
    $out = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($resource in @($Value)) {
        $access = @(foreach ($grant in @($resource.ResourceAccess)) { [ordered]@{ id = [string]$grant.Id; type = [string]$grant.Type } })
        $null = $out.Add([ordered]@{ resourceAppId = [string]$resource.ResourceAppId; resourceAccess = $access })
    }
    return , $out
}

$script:SimHandlers['New-MgApplication'] = {
    param($Call)
    $apps = Get-SimGraphList -Name 'applications'
    $app = [ordered]@{ id = (New-SimGraphId); appId = (New-SimGraphId); displayName = [string]$Call.DisplayName; signInAudience = [string]$Call['SignInAudience']
        requiredResourceAccess = (ConvertFrom-SimGraphAccess -Value $Call['RequiredResourceAccess']); keyCredentials = (New-Object -TypeName 'System.Collections.ArrayList')
        passwordCredentials = @(); owners = @([ordered]@{ id = (New-SimGraphId); userPrincipalName = (Get-SimGraphAccount) })
    }
    $null = $apps.Add($app)
    ConvertTo-SimGraphObject -Entry $app
}

function ConvertFrom-SimGraphKeys {
    # A keyCredentials list sent to Update-Mg*: Graph replaces the object's
    # list with it. A credential named by an existing keyId without a key is
    # kept as it is; one with a key is added (its customKeyIdentifier the
    # certificate's thumbprint); a keyId Graph does not hold is refused.
    param($Current, $Value)
    $out = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($credential in @($Value)) {
        if ($null -eq $credential) {
            continue
        }
        $key = $credential['Key']
        if ($null -eq $key) {
            $existing = @($Current | Where-Object { [string]$_.keyId -eq [string]$credential['KeyId'] })
            if ($existing.Count -ne 1) {
                Stop-SimGraph -Code 'Request_BadRequest' -Message ('Key credential ' + [string]$credential['KeyId'] + ' has no key and names no existing credential.')
            }
            $null = $out.Add($existing[0])
            continue
        }
        $certificate = New-Object -TypeName 'System.Security.Cryptography.X509Certificates.X509Certificate2' -ArgumentList (, [byte[]]$key)
        # customKeyIdentifier defaults to the thumbprint; any other value
        # is kept as sent.
        $identifier = $certificate.Thumbprint
        if ($null -ne $credential['CustomKeyIdentifier']) {
            $identifier = (@($credential['CustomKeyIdentifier']) | ForEach-Object { ([byte]$_).ToString('X2') }) -join ''
        }
        $null = $out.Add([ordered]@{ keyId = (New-SimGraphId); customKeyIdentifier = $identifier; type = [string]$credential['Type']; usage = [string]$credential['Usage']; displayName = [string]$credential['DisplayName']; key = [System.Convert]::ToBase64String([byte[]]$key) })
    }
    return , $out
}

$script:SimHandlers['Update-MgApplication'] = {
    param($Call)
    $app = @((Get-SimGraphList -Name 'applications') | Where-Object { $_.id -eq [string]$Call.ApplicationId })
    if ($app.Count -eq 0) {
        Stop-SimGraph -Code 'Request_ResourceNotFound' -Message ('Resource ''' + [string]$Call.ApplicationId + ''' does not exist or one of its queried reference-property objects are not present.')
    }
    $app = $app[0]
    if ($Call.ContainsKey('DisplayName')) {
        $app.displayName = [string]$Call.DisplayName
    }
    if ($Call.ContainsKey('RequiredResourceAccess')) {
        $app.requiredResourceAccess = ConvertFrom-SimGraphAccess -Value $Call.RequiredResourceAccess
    }
    if ($Call.ContainsKey('KeyCredentials')) {
        $app.keyCredentials = ConvertFrom-SimGraphKeys -Current $app.keyCredentials -Value $Call.KeyCredentials
    }
}

$script:SimHandlers['Get-MgServicePrincipal'] = {
    param($Call)
    $principals = Get-SimGraphList -Name 'servicePrincipals'
    if ($Call.ContainsKey('ServicePrincipalId')) {
        $found = @($principals | Where-Object { $_.id -eq [string]$Call.ServicePrincipalId })
    }
    else {
        $found = Select-SimGraphFilter -Entries $principals -Filter ([string]$Call['Filter'])
    }
    foreach ($principal in $found) {
        ConvertTo-SimGraphObject -Entry $principal
    }
}

$script:SimHandlers['New-MgServicePrincipal'] = {
    param($Call)
    $app = @((Get-SimGraphList -Name 'applications') | Where-Object { $_.appId -eq [string]$Call.AppId })
    if ($app.Count -eq 0) {
        Stop-SimGraph -Code 'Request_BadRequest' -Message ('The appId ''' + [string]$Call.AppId + ''' of the service principal does not reference a valid application object.')
    }
    $principals = Get-SimGraphList -Name 'servicePrincipals'
    if (@($principals | Where-Object { $_.appId -eq [string]$Call.AppId }).Count -gt 0) {
        Stop-SimGraph -Code 'Request_MultipleObjectsWithSameKeyValue' -Message 'Another object with the same value for property servicePrincipalNames already exists.'
    }
    $principal = [ordered]@{ id = (New-SimGraphId); appId = [string]$Call.AppId; displayName = [string]$app[0].displayName; appRoles = @(); keyCredentials = (New-Object -TypeName 'System.Collections.ArrayList') }
    $null = $principals.Add($principal)
    ConvertTo-SimGraphObject -Entry $principal
}

$script:SimHandlers['Update-MgServicePrincipal'] = {
    param($Call)
    $principal = @((Get-SimGraphList -Name 'servicePrincipals') | Where-Object { $_.id -eq [string]$Call.ServicePrincipalId })
    if ($principal.Count -eq 0) {
        Stop-SimGraph -Code 'Request_ResourceNotFound' -Message ('Resource ''' + [string]$Call.ServicePrincipalId + ''' does not exist or one of its queried reference-property objects are not present.')
    }
    if ($Call.ContainsKey('KeyCredentials')) {
        $principal[0].keyCredentials = ConvertFrom-SimGraphKeys -Current $principal[0].keyCredentials -Value $Call.KeyCredentials
    }
}

$script:SimHandlers['Get-MgServicePrincipalAppRoleAssignment'] = {
    param($Call)
    foreach ($assignment in @((Get-SimGraphList -Name 'appRoleAssignments') | Where-Object { $_.principalId -eq [string]$Call.ServicePrincipalId })) {
        ConvertTo-SimGraphObject -Entry $assignment
    }
}

$script:SimHandlers['New-MgServicePrincipalAppRoleAssignment'] = {
    param($Call)
    $principals = Get-SimGraphList -Name 'servicePrincipals'
    $resource = @($principals | Where-Object { $_.id -eq [string]$Call.ResourceId })
    if ($resource.Count -eq 0 -or @($resource[0].appRoles | Where-Object { $_.id -eq [string]$Call.AppRoleId }).Count -eq 0) {
        Stop-SimGraph -Code 'Request_BadRequest' -Message 'Permission being assigned was not found on application.'
    }
    $assignments = Get-SimGraphList -Name 'appRoleAssignments'
    if (@($assignments | Where-Object { $_.principalId -eq [string]$Call.PrincipalId -and $_.resourceId -eq [string]$Call.ResourceId -and $_.appRoleId -eq [string]$Call.AppRoleId }).Count -gt 0) {
        Stop-SimGraph -Code 'Request_BadRequest' -Message 'Permission being assigned already exists on the object.'
    }
    $assignment = [ordered]@{ id = (New-SimGraphId); principalId = [string]$Call.PrincipalId; resourceId = [string]$Call.ResourceId; appRoleId = [string]$Call.AppRoleId }
    $null = $assignments.Add($assignment)
    ConvertTo-SimGraphObject -Entry $assignment
}
