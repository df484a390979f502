# The organization's configuration: organization config, connection,
# federation, organization relationships, availability address spaces,
# accepted domains and send connectors (behaviour table rows of the same
# cmdlets). Configuration objects are found by name or Guid, ignoring case.

function ConvertTo-SimStateKey {
    # The state file's key for a cmdlet parameter: ACLableSyncedObjectEnabled
    # -> aclableSyncedObjectEnabled, DomainNames -> domainNames.
    param([Parameter(Mandatory = $true)] [string]$Name)
    if ($Name -ceq 'ACLableSyncedObjectEnabled') {
        return 'aclableSyncedObjectEnabled'
    }
    if ($Name -ceq 'DNSRoutingEnabled') {
        return 'dnsRoutingEnabled'
    }
    return $Name.Substring(0, 1).ToLowerInvariant() + $Name.Substring(1)
}

function Set-SimProperties {
    # Writes a call's parameters onto a state record: multi-valued ones
    # (Multi) replaced by an array or changed by @{ Add; Remove }, the others
    # as given; switches and booleans as booleans.
    param([Parameter(Mandatory = $true)] $Record, [Parameter(Mandatory = $true)] [hashtable]$Call, [string[]]$Skip = @(), [string[]]$Multi = @(), [hashtable]$Resolve = @{})
    foreach ($name in @($Call.Keys)) {
        if ($Skip -contains $name) {
            continue
        }
        $key = ConvertTo-SimStateKey -Name $name
        $value = $Call[$name]
        if ($Multi -contains $name) {
            $Record[$key] = @(Set-SimMultiValued -Current @(Get-SimField -Record $Record -Name $key) -Value $value -Resolve $Resolve[$name])
        }
        elseif ($value -is [System.Management.Automation.SwitchParameter]) {
            $Record[$key] = $value.IsPresent
        }
        elseif ($Resolve.ContainsKey($name)) {
            $Record[$key] = & $Resolve[$name] $value
        }
        else {
            $Record[$key] = $value
        }
    }
}

function Get-SimObjectGuid {
    # A configuration object's Guid, given when first asked for.
    param([Parameter(Mandatory = $true)] $Record, [Parameter(Mandatory = $true)] [string]$Seed)
    if ([string](Get-SimField -Record $Record -Name '_guid') -eq '') {
        $Record['_guid'] = New-SimGuid -Seed $Seed
    }
    return [string]$Record['_guid']
}

function ConvertTo-SimConfigObject {
    # A configuration record as its Get- cmdlet returns it: its fields with
    # capitalized names, Guid and Identity added.
    param([Parameter(Mandatory = $true)] $Record, [Parameter(Mandatory = $true)] [string]$Type, [Parameter(Mandatory = $true)] [string]$NameField)
    $properties = [ordered]@{}
    foreach ($key in $Record.Keys) {
        if (-not ([string]$key).StartsWith('_')) {
            $name = ([string]$key).Substring(0, 1).ToUpperInvariant() + ([string]$key).Substring(1)
            if ($name -ceq 'AclableSyncedObjectEnabled') {
                $name = 'ACLableSyncedObjectEnabled'
            }
            $properties[$name] = $Record[$key]
            if ($name -like 'Target*Uri' -or $name -like 'Target*Epr') {
                $properties[$name] = ConvertTo-SimUriText -Value $Record[$key]
            }
        }
    }
    $properties['Identity'] = [string]$Record[$NameField]
    $properties['Guid'] = Get-SimObjectGuid -Record $Record -Seed ($Type + '|' + [string]$Record[$NameField])
    if (-not $properties.Contains('Name')) {
        $properties['Name'] = [string]$Record[$NameField]
    }
    return New-SimObject -Type $Type -Properties $properties
}

function Register-SimConfigKind {
    # Get-, New- (or Add-), Set- and Remove- handlers for a list of
    # configuration objects.
    param([Parameter(Mandatory = $true)] [string]$Noun, [Parameter(Mandatory = $true)] [string]$List, [Parameter(Mandatory = $true)] [string]$NameField, [Parameter(Mandatory = $true)] [string]$Type, [string]$New = 'New', [string[]]$Multi = @(), [hashtable]$Resolve = @{}, [hashtable]$Defaults = @{})
    $spec = @{ List = $List; NameField = $NameField; Type = $Type; Multi = $Multi; Resolve = $Resolve; Defaults = $Defaults }
    $script:SimConfigKinds[$Noun] = $spec
    $script:SimHandlers['Get-' + $Noun] = {
        param($Call)
        $spec = $script:SimConfigKinds[$script:Sim.CurrentCmdlet.Substring(4)]
        Assert-SimHandled -Call $Call -Names @('Identity')
        $all = $script:Sim.Org[$spec.List]
        if ($Call.ContainsKey('Identity') -and $null -ne $Call.Identity) {
            $all = @(Resolve-SimNamed -List $all -Field $spec.NameField -Value $Call.Identity)
        }
        foreach ($record in @($all)) {
            ConvertTo-SimConfigObject -Record $record -Type $spec.Type -NameField $spec.NameField
        }
    }
    $script:SimHandlers[$New + '-' + $Noun] = {
        param($Call)
        $spec = $script:SimConfigKinds[$script:Sim.CurrentCmdlet.Substring($script:Sim.CurrentCmdlet.IndexOf('-') + 1)]
        $name = [string]$Call[(ConvertTo-SimParameterName -Key $spec.NameField)]
        if (@(Find-SimNamed -List $script:Sim.Org[$spec.List] -Field $spec.NameField -Value $name).Count -gt 0) {
            throw ('an object named ''' + $name + ''' already exists')
        }
        $record = [ordered]@{}
        foreach ($key in $spec.Defaults.Keys) {
            $record[$key] = $spec.Defaults[$key]
        }
        Set-SimProperties -Record $record -Call $Call -Skip @('Credentials') -Multi $spec.Multi -Resolve $spec.Resolve
        $null = $script:Sim.Org[$spec.List].Add($record)
        ConvertTo-SimConfigObject -Record $record -Type $spec.Type -NameField $spec.NameField
    }
    $script:SimHandlers['Set-' + $Noun] = {
        param($Call)
        $spec = $script:SimConfigKinds[$script:Sim.CurrentCmdlet.Substring(4)]
        $record = Resolve-SimNamed -List $script:Sim.Org[$spec.List] -Field $spec.NameField -Value $Call.Identity
        Set-SimProperties -Record $record -Call $Call -Skip @('Identity') -Multi $spec.Multi -Resolve $spec.Resolve
    }
    $script:SimHandlers['Remove-' + $Noun] = {
        param($Call)
        $spec = $script:SimConfigKinds[$script:Sim.CurrentCmdlet.Substring(7)]
        Assert-SimHandled -Call $Call -Names @('Identity')
        $record = Resolve-SimNamed -List $script:Sim.Org[$spec.List] -Field $spec.NameField -Value $Call.Identity
        $null = $script:Sim.Org[$spec.List].Remove($record)
    }
}

function ConvertTo-SimParameterName {
    param([Parameter(Mandatory = $true)] [string]$Key)
    return $Key.Substring(0, 1).ToUpperInvariant() + $Key.Substring(1)
}

$script:SimConfigKinds = @{}
$scopeResolve = @{ FreeBusyAccessScope = { param($value) Get-SimIdentity -Recipient (Resolve-SimRecipient -Value $value -Cmdlet 'New-OrganizationRelationship' -Parameter 'FreeBusyAccessScope') } }
Register-SimConfigKind -Noun 'OrganizationRelationship' -List 'organizationRelationships' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship' -Multi @('DomainNames') -Resolve $scopeResolve -Defaults @{ enabled = $true; freeBusyAccessEnabled = $false; mailTipsAccessEnabled = $false; deliveryReportEnabled = $false }
Register-SimConfigKind -Noun 'AvailabilityAddressSpace' -List 'availabilityAddressSpaces' -NameField 'forestName' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.AvailabilityAddressSpace' -New 'Add' -Defaults @{ useServiceAccount = $false }
$script:SimGenericAddAddressSpace = $script:SimHandlers['Add-AvailabilityAddressSpace']
Register-SimConfigKind -Noun 'AcceptedDomain' -List 'acceptedDomains' -NameField 'domainName' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.AcceptedDomain' -Defaults @{ domainType = 'Authoritative'; default = $false }
# Smart hosts: an IP address shown in brackets, as Exchange shows it
# (behaviour table: Get-SendConnector SmartHosts, unconfirmed).
$smartHostResolve = { param($value) if ([string]$value -match '^\[?([0-9]{1,3}(\.[0-9]{1,3}){3})\]?$') { '[' + $Matches[1] + ']' } else { [string]$value } }
Register-SimConfigKind -Noun 'SendConnector' -List 'sendConnectors' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig' -Multi @('AddressSpaces', 'SourceTransportServers', 'SmartHosts') -Resolve @{ AddressSpaces = { param($value) if (([string]$value).Contains(':')) { [string]$value } else { 'SMTP:' + [string]$value + ';1' } }; SmartHosts = $smartHostResolve }
$script:SimGenericSetSendConnector = $script:SimHandlers['Set-SendConnector']
$script:SimHandlers['Set-SendConnector'] = {
    # The generic Set-, after Exchange's rule for TLS (Set-SendConnector
    # page): TlsAuthLevel can't be given while RequireTLS is $false, in the
    # same call or already on the connector.
    param($Call)
    if ($Call.ContainsKey('TlsAuthLevel') -and [string]$Call['TlsAuthLevel'] -ne '') {
        if ($Call.ContainsKey('RequireTLS')) {
            $require = [bool]$Call['RequireTLS']
        }
        else {
            $record = Resolve-SimNamed -List $script:Sim.Org.sendConnectors -Field 'name' -Value $Call.Identity
            $require = [bool](Get-SimField -Record $record -Name 'requireTLS')
        }
        if (-not $require) {
            Stop-SimRefusal -Message 'You can''t specify a value for the TlsAuthLevel parameter when RequireTLS is $false.'
        }
    }
    & $script:SimGenericSetSendConnector $Call
}
$script:SimHandlers.Remove('New-SendConnector')
$script:SimHandlers.Remove('Remove-SendConnector')
$script:SimHandlers.Remove('Set-AvailabilityAddressSpace')
$script:SimHandlers['Add-AvailabilityAddressSpace'] = {
    # The generic Add-, after Exchange's rule for credentials (PerUserFB and
    # OrgWideFB need -UseServiceAccount or -Credentials: Microsoft's
    # cmdlet page); the credentials' account is kept as UserName (the
    # password never comes back).
    param($Call)
    $method = [string]$Call['AccessMethod']
    $service = $Call.ContainsKey('UseServiceAccount') -and [bool]$Call['UseServiceAccount']
    $credentials = $Call['Credentials']
    if (@('PerUserFB', 'OrgWideFB') -contains $method -and -not $service -and $null -eq $credentials) {
        Stop-SimRefusal -Message ('The access method ' + $method + ' requires either UseServiceAccount or Credentials.')
    }
    $object = & $script:SimGenericAddAddressSpace $Call
    if ($null -ne $credentials) {
        $record = Resolve-SimNamed -List $script:Sim.Org.availabilityAddressSpaces -Field 'forestName' -Value ([string]$Call['ForestName'])
        $record['userName'] = [string]$credentials.UserName
    }
    $object
}
$script:SimHandlers.Remove('Remove-AcceptedDomain')
# A new remote domain's settings, as New-RemoteDomain leaves them
# (Microsoft's Set-RemoteDomain page: AllowedOOFType External,
# AutoReplyEnabled and AutoForwardEnabled $true, the others $false).
Register-SimConfigKind -Noun 'RemoteDomain' -List 'remoteDomains' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.DomainContentConfig' -Defaults @{ targetDeliveryDomain = $false; trustedMailOutboundEnabled = $false; trustedMailInboundEnabled = $false; allowedOOFType = 'External'; autoReplyEnabled = $true; autoForwardEnabled = $true }
$script:SimHandlers.Remove('Remove-RemoteDomain')
# Receive connectors: Get- and Set- only (hybridc never creates or removes
# one); found by their identity, <server>\<name>.
Register-SimConfigKind -Noun 'ReceiveConnector' -List 'receiveConnectors' -NameField 'identity' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector'
$script:SimHandlers.Remove('New-ReceiveConnector')
$script:SimHandlers.Remove('Remove-ReceiveConnector')
# Exchange Online's connectors: Get-, New- and Set- (hybridc never removes
# one), by name. New- leaves ConnectorType Partner and the settings off
# unless given (Microsoft's New-InboundConnector/New-OutboundConnector
# pages: ConnectorType defaults to Partner); sender domains shown as
# smtp:<domain>;1 (behaviour table: Get-InboundConnector SenderDomains).
Register-SimConfigKind -Noun 'InboundConnector' -List 'inboundConnectors' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantInboundConnector' -Multi @('SenderDomains') -Resolve @{ SenderDomains = { param($value) if (([string]$value).Contains(':')) { [string]$value } else { 'smtp:' + [string]$value + ';1' } } } -Defaults @{ connectorType = 'Partner'; cloudServicesMailEnabled = $false; requireTls = $false }
Register-SimConfigKind -Noun 'OutboundConnector' -List 'outboundConnectors' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantOutboundConnector' -Multi @('SmartHosts', 'RecipientDomains') -Resolve @{ SmartHosts = $smartHostResolve } -Defaults @{ connectorType = 'Partner'; cloudServicesMailEnabled = $false; useMXRecord = $true; routeAllMessagesViaOnPremises = $false }
$script:SimHandlers.Remove('Remove-InboundConnector')
$script:SimHandlers.Remove('Remove-OutboundConnector')
# Email address policies: the scripts read and add templates to existing
# ones (a list changed by @{ Add = ... }); they never create or remove one.
Register-SimConfigKind -Noun 'EmailAddressPolicy' -List 'emailAddressPolicies' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.EmailAddressPolicy' -Multi @('EnabledEmailAddressTemplates')
$script:SimHandlers.Remove('New-EmailAddressPolicy')
$script:SimHandlers.Remove('Remove-EmailAddressPolicy')
# The tenant's on-premises organization objects: created with every
# setting, found by OrganizationGuid; the scripts never remove one.
Register-SimConfigKind -Noun 'OnPremisesOrganization' -List 'onPremisesOrganizations' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.OnPremisesOrganization' -Multi @('HybridDomains')
$script:SimHandlers.Remove('Remove-OnPremisesOrganization')
# An intra-organization connector is enabled when created without Enabled
# (New-IntraOrganizationConnector page: Enabled defaults to $true).
Register-SimConfigKind -Noun 'IntraOrganizationConnector' -List 'intraOrganizationConnectors' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.IntraOrganizationConnector' -Multi @('TargetAddressDomains') -Defaults @{ enabled = $true }
$script:SimHandlers.Remove('Remove-IntraOrganizationConnector')
# An auth server is enabled when created (New-AuthServer page: Enabled
# defaults to $true); -Type is kept as given.
Register-SimConfigKind -Noun 'AuthServer' -List 'authServers' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthServer' -Defaults @{ enabled = $true }
$script:SimHandlers.Remove('Remove-AuthServer')
# Setting overrides: New-SettingOverride's -Component and -Section are
# shown as ComponentName and SectionName.
Register-SimConfigKind -Noun 'SettingOverride' -List 'settingOverrides' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.SettingOverride' -Multi @('Parameters')
$script:SimGenericNewSettingOverride = $script:SimHandlers['New-SettingOverride']
$script:SimHandlers['New-SettingOverride'] = {
    param($Call)
    $copy = @{}
    foreach ($key in $Call.Keys) {
        if (@('Component', 'Section', 'Reason') -notcontains [string]$key) {
            $copy[$key] = $Call[$key]
        }
    }
    $copy['ComponentName'] = [string]$Call['Component']
    $copy['SectionName'] = [string]$Call['Section']
    & $script:SimGenericNewSettingOverride $copy
}
$script:SimHandlers.Remove('Remove-SettingOverride')
# Partner applications: the wizard creates Exchange Online's; the scripts
# only read and set one (Set-PartnerApplication -Enabled).
Register-SimConfigKind -Noun 'PartnerApplication' -List 'partnerApplications' -NameField 'name' -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.PartnerApplication' -Defaults @{ enabled = $true }
$script:SimHandlers.Remove('New-PartnerApplication')
$script:SimHandlers.Remove('Remove-PartnerApplication')
$script:SimHandlers['Get-ExchangeDiagnosticInfo'] = {
    # The variant configuration refresh the dedicated application needs:
    # recorded in the call log, no state.
    param($Call)
    [pscustomobject]@{ Result = 'Refreshed' }
}

$script:SimHandlers['Get-OrganizationConfig'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @()
    $config = $script:Sim.Org.organizationConfig
    $properties = [ordered]@{ Name = [string]$config.name; Identity = [string]$config.name; Guid = Get-SimObjectGuid -Record $config -Seed 'organization' }
    if ($script:Sim.Kind -eq 'onPremises') {
        $properties.ACLableSyncedObjectEnabled = [bool](Get-SimField -Record $config -Name 'aclableSyncedObjectEnabled')
        $properties.AdminDisplayVersion = [string](Get-SimField -Record $script:Sim.Org -Name 'exchangeVersion')
    }
    else {
        $properties.IsDehydrated = [bool](Get-SimField -Record $config -Name 'isDehydrated')
    }
    New-SimObject -Type 'Microsoft.Exchange.Data.Directory.Management.OrganizationConfig' -Properties $properties
}

$script:SimHandlers['Set-OrganizationConfig'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('ACLableSyncedObjectEnabled')
    Set-SimProperties -Record $script:Sim.Org.organizationConfig -Call $Call
}

$script:SimHandlers['Enable-OrganizationCustomization'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @()
    # Variant hydration=stale: the answer of a customized tenant while
    # IsDehydrated stays True.
    if (-not [bool](Get-SimField -Record $script:Sim.Org.organizationConfig -Name 'isDehydrated') -or (Test-SimVariant -Name 'hydration' -Value 'stale')) {
        Stop-SimCall -Class 'benign'
    }
    # Hydration takes effect at once, or (variant hydration=delayed) not
    # within the run: the tenant keeps reporting IsDehydrated.
    if (-not (Test-SimVariant -Name 'hydration' -Value 'delayed')) {
        $script:Sim.Org.organizationConfig.isDehydrated = $false
    }
}

# What a dehydrated tenant refuses until customization takes effect:
# organization-wide objects (behaviour table, Enable-OrganizationCustomization:
# the list is unconfirmed beyond organization relationships).
$script:SimNeedsHydration = @('New-OrganizationRelationship', 'Set-OrganizationRelationship', 'New-RoleGroup', 'New-RoleAssignmentPolicy', 'Set-OrganizationConfig')

function Assert-SimHydrated {
    # Refuses a call a dehydrated tenant refuses, with the table's error.
    param([Parameter(Mandatory = $true)] [string]$Cmdlet)
    # Under hydration=stale the flag is stale: the tenant is customized.
    if ($script:Sim.Kind -ne 'onPremises' -and $script:SimNeedsHydration -contains $Cmdlet -and [bool](Get-SimField -Record $script:Sim.Org.organizationConfig -Name 'isDehydrated') -and -not (Test-SimVariant -Name 'hydration' -Value 'stale')) {
        Stop-SimCall -Class 'dehydrated'
    }
}

$script:SimHandlers['Get-WebServicesVirtualDirectory'] = {
    # The EWS virtual directories (read from Active Directory with
    # -ADPropertiesOnly): the state's webServicesVirtualDirectories (identity
    # <server>\<name>, the MRS proxy setting), then one per URL of the
    # state's ewsExternalUrls on a server EX0<n> none of them names, with
    # MRSProxyEnabled $false (Exchange's default).
    param($Call)
    Assert-SimHandled -Call $Call -Names @('ADPropertiesOnly')
    $named = @{}
    foreach ($record in @(Get-SimField -Record $script:Sim.Org -Name 'webServicesVirtualDirectories')) {
        $identity = [string]$record['identity']
        $named[$identity.ToUpperInvariant()] = $true
        $server = $identity.Substring(0, [Math]::Max(0, $identity.IndexOf('\')))
        $name = $identity.Substring($identity.IndexOf('\') + 1)
        New-SimObject -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ADWebServicesVirtualDirectory' -Properties ([ordered]@{ Identity = $identity; Name = $name; Server = $server; MRSProxyEnabled = [bool](Get-SimField -Record $record -Name 'mrsProxyEnabled'); ExternalUrl = $null })
    }
    $index = 0
    foreach ($url in @(Get-SimField -Record $script:Sim.Org -Name 'ewsExternalUrls' | Where-Object { [string]$_ -ne '' })) {
        $index++
        $identity = 'EX0' + [string]$index + '\EWS (Default Web Site)'
        if (-not $named.ContainsKey($identity.ToUpperInvariant())) {
            New-SimObject -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ADWebServicesVirtualDirectory' -Properties ([ordered]@{ Identity = $identity; Name = 'EWS (Default Web Site)'; Server = 'EX0' + [string]$index; MRSProxyEnabled = $false; ExternalUrl = [string]$url })
        }
    }
}

$script:SimHandlers['Set-WebServicesVirtualDirectory'] = {
    # The MRS proxy setting of a virtual directory of the state's
    # webServicesVirtualDirectories, found by identity ignoring case.
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'MRSProxyEnabled')
    $record = Resolve-SimNamed -List (Get-SimField -Record $script:Sim.Org -Name 'webServicesVirtualDirectories') -Field 'identity' -Value $Call.Identity
    if ($Call.ContainsKey('MRSProxyEnabled')) {
        $record['mrsProxyEnabled'] = [bool]$Call['MRSProxyEnabled']
    }
}

$script:SimHandlers['Set-ADServerSettings'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('ViewEntireForest')
}

$script:SimHandlers['Get-ConnectionInformation'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @()
    New-SimObject -Type 'Microsoft.Exchange.Management.ExoPowershellSnapin.ConnectionInformation' -Properties ([ordered]@{
            State = 'Connected'; IsEopSession = $false; UserPrincipalName = $script:Sim.RunningAccount
            Organization = [string]$script:Sim.Org.organization; ConnectionUri = 'https://outlook.office365.com'
        })
}

$script:SimHandlers['Get-FederatedOrganizationIdentifier'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @()
    New-SimObject -Type 'Microsoft.Exchange.Data.Directory.Management.FederatedOrganizationIdViewObject' -Properties ([ordered]@{
            AccountNamespace = [string](Get-SimField -Record $script:Sim.Org -Name 'accountNamespace'); Domains = @(Get-SimField -Record $script:Sim.Org -Name 'federatedDomains')
            Enabled = Test-SimFederationEnabled
        })
}

function Test-SimFederationEnabled {
    # The identifier's Enabled: the state's federationEnabled, else whether
    # it has federated domains (states of earlier exports).
    $enabled = Get-SimField -Record $script:Sim.Org -Name 'federationEnabled'
    if ($null -ne $enabled) {
        return [bool]$enabled
    }
    return @(Get-SimField -Record $script:Sim.Org -Name 'federatedDomains').Count -gt 0
}

# The federation trusts (state federationTrusts): Get-FederationTrust
# returns each with its certificate (OrgCertificate.NotAfter).
$script:SimHandlers['Get-FederationTrust'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @()
    foreach ($trust in @(Get-SimField -Record $script:Sim.Org -Name 'federationTrusts')) {
        if ($null -eq $trust) {
            continue
        }
        $certificate = $null
        $notAfter = [string](Get-SimField -Record $trust -Name 'certificateNotAfter')
        if ($notAfter -ne '') {
            $certificate = [pscustomobject]@{ NotAfter = [DateTime]::Parse($notAfter, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal) }
        }
        New-SimObject -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.FederationTrust' -Properties ([ordered]@{
                Name = [string]$trust.name; OrgCertificate = $certificate; ApplicationUri = 'FYDIBOHF25SPDLT.' + [string]$script:Sim.Org.organization
            })
    }
}

$script:SimHandlers['Set-FederatedOrganizationIdentifier'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Enabled')
    $script:Sim.Org['federationEnabled'] = [bool]$Call['Enabled']
}

# Add-FederatedDomain: Exchange checks the domain's proof TXT record, which
# the simulator cannot; an identifier without an account namespace refuses.
$script:SimHandlers['Add-FederatedDomain'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('DomainName')
    if ([string](Get-SimField -Record $script:Sim.Org -Name 'accountNamespace') -eq '') {
        Stop-SimCall -Class 'notFound' -Identity ([string]$Call['DomainName'])
    }
    $domain = ([string]$Call['DomainName']).ToLowerInvariant()
    if (@($script:Sim.Org.federatedDomains | Where-Object { ([string]$_).ToLowerInvariant() -eq $domain }).Count -eq 0) {
        $null = $script:Sim.Org.federatedDomains.Add($domain)
    }
}

# The auth configuration (state authCurrentCertificateThumbprint and the
# other auth* keys): Get-AuthConfig shows the
# current and the next certificate; Get-ExchangeCertificate -Thumbprint
# finds the current one (with currentCertificateNotAfter; none without)
# or the next one (valid five years, as a new self-signed certificate);
# Set-AuthConfig sets the next certificate, or publishes it as current.
function Get-SimAuthConfig {
    # The organization itself holds the auth* keys.
    return $script:Sim.Org
}

function ConvertTo-SimUtc {
    param([string]$Text)
    return [DateTime]::Parse($Text, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal)
}

$script:SimHandlers['Get-AuthConfig'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @()
    $config = Get-SimAuthConfig
    $effective = $null
    if ([string](Get-SimField -Record $config -Name 'authNextCertificateEffectiveDate') -ne '') {
        $effective = ConvertTo-SimUtc -Text ([string]$config['authNextCertificateEffectiveDate'])
    }
    New-SimObject -Type 'Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthConfig' -Properties ([ordered]@{
            CurrentCertificateThumbprint = [string](Get-SimField -Record $config -Name 'authCurrentCertificateThumbprint')
            NextCertificateThumbprint = [string](Get-SimField -Record $config -Name 'authNextCertificateThumbprint'); NextCertificateEffectiveDate = $effective
        })
}

$script:SimHandlers['Get-ExchangeCertificate'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Thumbprint')
    $config = Get-SimAuthConfig
    $thumbprint = [string]$Call['Thumbprint']
    $notAfter = ''
    if ($thumbprint -ne '' -and $thumbprint -eq [string](Get-SimField -Record $config -Name 'authCurrentCertificateThumbprint')) {
        $notAfter = [string](Get-SimField -Record $config -Name 'authCurrentCertificateNotAfter')
    }
    elseif ($thumbprint -ne '' -and $thumbprint -eq [string](Get-SimField -Record $config -Name 'authNextCertificateThumbprint')) {
        $notAfter = [DateTime]::UtcNow.AddYears(5).ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($notAfter -eq '') {
        Stop-SimCall -Class 'notFound' -Identity $thumbprint
    }
    New-SimObject -Type 'Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate' -Properties ([ordered]@{
            Thumbprint = $thumbprint; NotAfter = ConvertTo-SimUtc -Text $notAfter
        })
}

$script:SimHandlers['Set-AuthConfig'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('NewCertificateThumbprint', 'NewCertificateEffectiveDate', 'Force', 'PublishCertificate')
    $config = Get-SimAuthConfig
    if ($Call.ContainsKey('PublishCertificate')) {
        $next = [string](Get-SimField -Record $config -Name 'authNextCertificateThumbprint')
        if ($next -eq '') {
            Stop-SimRefusal -Message 'No next certificate is configured to publish.'
        }
        $config['authCurrentCertificateThumbprint'] = $next
        $config['authCurrentCertificateNotAfter'] = [DateTime]::UtcNow.AddYears(5).ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
        $config['authNextCertificateThumbprint'] = ''
        $config['authNextCertificateEffectiveDate'] = ''
        return
    }
    $config['authNextCertificateThumbprint'] = [string]$Call['NewCertificateThumbprint']
    $config['authNextCertificateEffectiveDate'] = ([DateTime]$Call['NewCertificateEffectiveDate']).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
}
