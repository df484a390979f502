#@ run export-reads: head ConvertTo-HybridcList Get-HybridcText Get-HybridcCount Get-HybridcBool ConvertTo-HybridcReferences Write-HybridcPhase Write-HybridcItemProgress New-HybridcPermission Read-HybridcOrganization Read-HybridcRecipients Read-HybridcRbac Get-HybridcFolderScope Read-HybridcPermissions Read-HybridcUnifiedGroups Read-HybridcState Write-HybridcEndpoints Write-HybridcState
#@ run export-reads#2: head ConvertTo-HybridcList Get-HybridcText Get-HybridcCount Get-HybridcBool ConvertTo-HybridcReferences Write-HybridcPhase Write-HybridcItemProgress New-HybridcPermission Read-HybridcOrganization#2 Read-HybridcRecipients#2 Read-HybridcRbac Get-HybridcFolderScope Read-HybridcPermissions#2 Read-HybridcState#2 Write-HybridcEndpoints Write-HybridcState
#@ piece head
# ---------------------------------------------------------------------------
# The export: every read hybridc's state format holds. Fixed code: it only
# calls Get- cmdlets, each with -ErrorAction Stop through Invoke-HybridcCall,
# and builds no code from what it reads.

#@ piece ConvertTo-HybridcList
function ConvertTo-HybridcList {
    # The non-empty values of a property as strings.
    param($Value)
    $out = New-Object -TypeName 'System.Collections.Generic.List[string]'
    foreach ($entry in @($Value)) {
        if ($null -ne $entry -and [string]$entry -ne '') {
            $null = $out.Add([string]$entry)
        }
    }
    return $out.ToArray()
}

#@ piece Get-HybridcText
function Get-HybridcText {
    # A property as a string, '' when it has none.
    param($Object, [Parameter(Mandatory = $true)] [string]$Name)
    $value = Get-HybridcValue -Object $Object -Name $Name
    if ($null -eq $value) {
        return ''
    }
    return [string]$value
}

#@ piece Get-HybridcCount
function Get-HybridcCount {
    # A count (an Unlimited number) as an integer, 0 when it has none or is
    # Unlimited.
    param($Object, [Parameter(Mandatory = $true)] [string]$Name)
    $text = Get-HybridcText -Object $Object -Name $Name
    if ($text -match '^[0-9]{1,9}$') {
        return [int]$text
    }
    return 0
}

#@ piece Get-HybridcBool
function Get-HybridcBool {
    # A property as a boolean, $null when it has none (a deserialized
    # boolean may arrive as text).
    param($Object, [Parameter(Mandatory = $true)] [string]$Name)
    $value = Get-HybridcValue -Object $Object -Name $Name
    if ($null -eq $value) {
        return $null
    }
    if ($value -is [bool]) {
        return $value
    }
    return ([string]$value -eq 'True')
}

#@ piece ConvertTo-HybridcReferences
function ConvertTo-HybridcReferences {
    # Identities Exchange returned, each as the Guid of the directory object
    # it names, or as returned when it names none or several.
    param($Values)
    $out = New-Object -TypeName 'System.Collections.Generic.List[string]'
    foreach ($entry in @($Values)) {
        if ($null -eq $entry) {
            continue
        }
        $guid = [string](Get-HybridcValue -Object $entry -Name 'Guid')
        if ($guid -eq '' -or $entry -is [string]) {
            $record = Find-HybridcPrincipal -Value ([string]$entry)
            if ($null -eq $record) {
                if ([string]$entry -ne '') {
                    $null = $out.Add([string]$entry)
                }
                continue
            }
            $guid = $record.Guid
        }
        $null = $out.Add($guid)
    }
    return $out.ToArray()
}

#@ piece Write-HybridcPhase
function Write-HybridcPhase {
    # Shows which part of the export runs.
    param([Parameter(Mandatory = $true)] [string]$Status, [int]$Percent = 0)
    Write-Progress -Activity 'hybridc export' -Status $Status -PercentComplete $Percent
    Write-Verbose $Status
}

#@ piece Write-HybridcItemProgress
function Write-HybridcItemProgress {
    # Shows progress through a loop over many objects, every 1%.
    param([Parameter(Mandatory = $true)] [string]$Activity, [int]$Index, [int]$Count)
    $every = [Math]::Max(1, [int]($Count / 100))
    if ($Count -gt 1 -and $Index % $every -eq 0) {
        Write-Progress -Id 1 -ParentId 0 -Activity $Activity -Status ([string]($Index + 1) + ' of ' + [string]$Count) -PercentComplete ([int](100 * $Index / $Count))
    }
}

#@ piece New-HybridcPermission
function New-HybridcPermission {
    # One permission entry of the state.
    param([Parameter(Mandatory = $true)] [string]$Access, [Parameter(Mandatory = $true)] [string]$Mailbox, $Entry, [string]$UserProperty = 'User', [string]$Folder = '', $Rights)
    $user = Get-HybridcValue -Object $Entry -Name $UserProperty
    $record = Find-HybridcAceUser -User $user
    $trusteeGuid = ''
    if ($null -ne $record -and $record -isnot [string]) {
        # 'skip' (NT AUTHORITY\SELF, Default, ...) names no trustee.
        $trusteeGuid = $record.Guid
    }
    $deny = Get-HybridcBool -Object $Entry -Name 'Deny'
    if ([string](Get-HybridcValue -Object $Entry -Name 'AccessControlType') -eq 'Deny') {
        $deny = $true
    }
    return [ordered]@{
        access       = $Access
        mailbox      = $Mailbox
        trustee      = [string]$user
        trusteeGuid  = $trusteeGuid
        folder       = $Folder
        accessRights = @(ConvertTo-HybridcList -Value $Rights)
        isInherited  = [bool](Get-HybridcBool -Object $Entry -Name 'IsInherited')
        deny         = [bool]$deny
    }
}

#@ piece Read-HybridcOrganization
function Read-HybridcOrganization {
    # Organization settings, accepted domains, relationships.
    param([Parameter(Mandatory = $true)] $State)
    $organization = $script:HybridcOrganization
    $State.organizationConfig = [ordered]@{
        name                       = Get-HybridcText -Object $organization -Name 'Name'
        isDehydrated               = Get-HybridcBool -Object $organization -Name 'IsDehydrated'
        aclableSyncedObjectEnabled = Get-HybridcBool -Object $organization -Name 'ACLableSyncedObjectEnabled'
    }
    Write-HybridcPhase -Status 'accepted domains' -Percent 4
    $State.acceptedDomains = @(Invoke-HybridcCall -Call { Get-AcceptedDomain -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name          = Get-HybridcText -Object $_ -Name 'Name'
                domainName    = Get-HybridcText -Object $_ -Name 'DomainName'
                domainType    = Get-HybridcText -Object $_ -Name 'DomainType'
                default       = [bool](Get-HybridcBool -Object $_ -Name 'Default')
                initialDomain = [bool](Get-HybridcBool -Object $_ -Name 'InitialDomain')
            }
        })
    $State.remoteDomains = @(Invoke-HybridcCall -Call { Get-RemoteDomain -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                       = Get-HybridcText -Object $_ -Name 'Name'
                domainName                 = Get-HybridcText -Object $_ -Name 'DomainName'
                targetDeliveryDomain       = Get-HybridcBool -Object $_ -Name 'TargetDeliveryDomain'
                trustedMailOutboundEnabled = Get-HybridcBool -Object $_ -Name 'TrustedMailOutboundEnabled'
                trustedMailInboundEnabled  = Get-HybridcBool -Object $_ -Name 'TrustedMailInboundEnabled'
                allowedOOFType             = Get-HybridcText -Object $_ -Name 'AllowedOOFType'
                autoReplyEnabled           = Get-HybridcBool -Object $_ -Name 'AutoReplyEnabled'
                autoForwardEnabled         = Get-HybridcBool -Object $_ -Name 'AutoForwardEnabled'
            }
        })
    $State.onPremisesOrganizations = @(Invoke-HybridcCall -Call { Get-OnPremisesOrganization -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                     = Get-HybridcText -Object $_ -Name 'Name'
                organizationGuid         = Get-HybridcText -Object $_ -Name 'OrganizationGuid'
                organizationName         = Get-HybridcText -Object $_ -Name 'OrganizationName'
                hybridDomains            = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'HybridDomains'))
                inboundConnector         = Get-HybridcText -Object $_ -Name 'InboundConnector'
                outboundConnector        = Get-HybridcText -Object $_ -Name 'OutboundConnector'
                organizationRelationship = Get-HybridcText -Object $_ -Name 'OrganizationRelationship'
            }
        })
    # The remote move migration endpoints (never their credentials).
    $State.migrationEndpoints = @(Invoke-HybridcCall -Call { Get-MigrationEndpoint -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                          = Get-HybridcText -Object $_ -Name 'Identity'
                endpointType                  = Get-HybridcText -Object $_ -Name 'EndpointType'
                remoteServer                  = Get-HybridcText -Object $_ -Name 'RemoteServer'
                maxConcurrentMigrations       = Get-HybridcCount -Object $_ -Name 'MaxConcurrentMigrations'
                maxConcurrentIncrementalSyncs = Get-HybridcCount -Object $_ -Name 'MaxConcurrentIncrementalSyncs'
            }
        })
    $State.intraOrganizationConnectors = @(Invoke-HybridcCall -Call { Get-IntraOrganizationConnector -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                 = Get-HybridcText -Object $_ -Name 'Name'
                targetAddressDomains = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'TargetAddressDomains'))
                discoveryEndpoint    = Get-HybridcText -Object $_ -Name 'DiscoveryEndpoint'
                enabled              = Get-HybridcBool -Object $_ -Name 'Enabled'
            }
        })
    Write-HybridcPhase -Status 'organization relationships' -Percent 6
    $State.organizationRelationships = @(Invoke-HybridcCall -Call { Get-OrganizationRelationship -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                  = Get-HybridcText -Object $_ -Name 'Name'
                enabled               = Get-HybridcBool -Object $_ -Name 'Enabled'
                domainNames           = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'DomainNames'))
                freeBusyAccessEnabled = Get-HybridcBool -Object $_ -Name 'FreeBusyAccessEnabled'
                freeBusyAccessLevel   = Get-HybridcText -Object $_ -Name 'FreeBusyAccessLevel'
                freeBusyAccessScope   = Get-HybridcText -Object $_ -Name 'FreeBusyAccessScope'
                mailTipsAccessEnabled = Get-HybridcBool -Object $_ -Name 'MailTipsAccessEnabled'
                mailTipsAccessLevel   = Get-HybridcText -Object $_ -Name 'MailTipsAccessLevel'
                deliveryReportEnabled = Get-HybridcBool -Object $_ -Name 'DeliveryReportEnabled'
                targetApplicationUri  = Get-HybridcText -Object $_ -Name 'TargetApplicationUri'
                targetAutodiscoverEpr = Get-HybridcText -Object $_ -Name 'TargetAutodiscoverEpr'
                targetSharingEpr      = Get-HybridcText -Object $_ -Name 'TargetSharingEpr'
            }
        })
    Write-HybridcPhase -Status 'connectors' -Percent 10
    $State.inboundConnectors = @(Invoke-HybridcCall -Call { Get-InboundConnector -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                     = Get-HybridcText -Object $_ -Name 'Name'
                connectorType            = Get-HybridcText -Object $_ -Name 'ConnectorType'
                cloudServicesMailEnabled = Get-HybridcBool -Object $_ -Name 'CloudServicesMailEnabled'
                requireTls               = Get-HybridcBool -Object $_ -Name 'RequireTls'
                senderDomains            = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'SenderDomains'))
                tlsSenderCertificateName = Get-HybridcText -Object $_ -Name 'TlsSenderCertificateName'
            }
        })
    $State.outboundConnectors = @(Invoke-HybridcCall -Call { Get-OutboundConnector -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                          = Get-HybridcText -Object $_ -Name 'Name'
                connectorType                 = Get-HybridcText -Object $_ -Name 'ConnectorType'
                cloudServicesMailEnabled      = Get-HybridcBool -Object $_ -Name 'CloudServicesMailEnabled'
                smartHosts                    = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'SmartHosts'))
                tlsDomain                     = Get-HybridcText -Object $_ -Name 'TlsDomain'
                tlsSettings                   = Get-HybridcText -Object $_ -Name 'TlsSettings'
                recipientDomains              = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'RecipientDomains'))
                routeAllMessagesViaOnPremises = Get-HybridcBool -Object $_ -Name 'RouteAllMessagesViaOnPremises'
                useMXRecord                   = Get-HybridcBool -Object $_ -Name 'UseMXRecord'
            }
        })
}

#@ piece Read-HybridcOrganization#2
function Read-HybridcOrganization {
    # Organization settings, accepted domains, relationships,
    # availability address spaces, send connectors and the federation
    # identifier.
    param([Parameter(Mandatory = $true)] $State)
    $organization = $script:HybridcOrganization
    $State.organizationConfig = [ordered]@{
        name                       = Get-HybridcText -Object $organization -Name 'Name'
        isDehydrated               = Get-HybridcBool -Object $organization -Name 'IsDehydrated'
        aclableSyncedObjectEnabled = Get-HybridcBool -Object $organization -Name 'ACLableSyncedObjectEnabled'
    }
    $State.exchangeVersion = Get-HybridcText -Object $organization -Name 'AdminDisplayVersion'
    Write-HybridcPhase -Status 'federation identifier' -Percent 2
    $identifier = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-FederatedOrganizationIdentifier -ErrorAction Stop })
    $State.accountNamespace = Get-HybridcText -Object $identifier -Name 'AccountNamespace'
    $State.federatedDomains = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $identifier -Name 'Domains'))
    $State.federationEnabled = Get-HybridcBool -Object $identifier -Name 'Enabled'
    # The federation trusts, with when their certificate expires (UTC).
    $State.federationTrusts = @(Invoke-HybridcCall -Call { Get-FederationTrust -ErrorAction Stop } | ForEach-Object {
            $notAfter = Get-HybridcValue -Object (Get-HybridcValue -Object $_ -Name 'OrgCertificate') -Name 'NotAfter'
            $expires = ''
            if ($null -ne $notAfter) {
                $expires = ([DateTime]$notAfter).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
            }
            [ordered]@{ name = Get-HybridcText -Object $_ -Name 'Name'; certificateNotAfter = $expires }
        })
    # The external EWS URLs: where Exchange Online reaches on-premises
    # free/busy. -ADPropertiesOnly reads Active Directory, not each
    # server's IIS.
    $directories = @(Invoke-HybridcCall -Call { Get-WebServicesVirtualDirectory -ADPropertiesOnly -ErrorAction Stop })
    $State.ewsExternalUrls = @($directories | ForEach-Object { Get-HybridcText -Object $_ -Name 'ExternalUrl' } | Where-Object { $_ -ne '' } | Sort-Object -Unique)
    # Their MRS proxy endpoint, which hybrid mailbox moves use.
    $State.webServicesVirtualDirectories = @($directories | ForEach-Object {
            [ordered]@{
                identity        = Get-HybridcText -Object $_ -Name 'Identity'
                mrsProxyEnabled = Get-HybridcBool -Object $_ -Name 'MRSProxyEnabled'
            }
        })
    Write-HybridcPhase -Status 'accepted domains' -Percent 4
    $State.acceptedDomains = @(Invoke-HybridcCall -Call { Get-AcceptedDomain -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name          = Get-HybridcText -Object $_ -Name 'Name'
                domainName    = Get-HybridcText -Object $_ -Name 'DomainName'
                domainType    = Get-HybridcText -Object $_ -Name 'DomainType'
                default       = [bool](Get-HybridcBool -Object $_ -Name 'Default')
                initialDomain = [bool](Get-HybridcBool -Object $_ -Name 'InitialDomain')
            }
        })
    $State.remoteDomains = @(Invoke-HybridcCall -Call { Get-RemoteDomain -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                       = Get-HybridcText -Object $_ -Name 'Name'
                domainName                 = Get-HybridcText -Object $_ -Name 'DomainName'
                targetDeliveryDomain       = Get-HybridcBool -Object $_ -Name 'TargetDeliveryDomain'
                trustedMailOutboundEnabled = Get-HybridcBool -Object $_ -Name 'TrustedMailOutboundEnabled'
                trustedMailInboundEnabled  = Get-HybridcBool -Object $_ -Name 'TrustedMailInboundEnabled'
                allowedOOFType             = Get-HybridcText -Object $_ -Name 'AllowedOOFType'
                autoReplyEnabled           = Get-HybridcBool -Object $_ -Name 'AutoReplyEnabled'
                autoForwardEnabled         = Get-HybridcBool -Object $_ -Name 'AutoForwardEnabled'
            }
        })
    $State.emailAddressPolicies = @(Invoke-HybridcCall -Call { Get-EmailAddressPolicy -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                         = Get-HybridcText -Object $_ -Name 'Name'
                enabledEmailAddressTemplates = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'EnabledEmailAddressTemplates'))
            }
        })
    $State.intraOrganizationConnectors = @(Invoke-HybridcCall -Call { Get-IntraOrganizationConnector -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                 = Get-HybridcText -Object $_ -Name 'Name'
                targetAddressDomains = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'TargetAddressDomains'))
                discoveryEndpoint    = Get-HybridcText -Object $_ -Name 'DiscoveryEndpoint'
                enabled              = Get-HybridcBool -Object $_ -Name 'Enabled'
            }
        })
    $State.authServers = @(Invoke-HybridcCall -Call { Get-AuthServer -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                  = Get-HybridcText -Object $_ -Name 'Name'
                type                  = Get-HybridcText -Object $_ -Name 'Type'
                authMetadataUrl       = Get-HybridcText -Object $_ -Name 'AuthMetadataUrl'
                enabled               = Get-HybridcBool -Object $_ -Name 'Enabled'
                applicationIdentifier = Get-HybridcText -Object $_ -Name 'ApplicationIdentifier'
                realm                 = Get-HybridcText -Object $_ -Name 'Realm'
            }
        })
    $State.settingOverrides = @(Invoke-HybridcCall -Call { Get-SettingOverride -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name          = Get-HybridcText -Object $_ -Name 'Name'
                componentName = Get-HybridcText -Object $_ -Name 'ComponentName'
                sectionName   = Get-HybridcText -Object $_ -Name 'SectionName'
                parameters    = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'Parameters'))
            }
        })
    # The auth configuration, with when its current certificate expires on
    # this server (UTC; empty when the server does not hold it).
    $authConfig = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-AuthConfig -ErrorAction Stop })
    $authCurrent = Get-HybridcText -Object $authConfig -Name 'CurrentCertificateThumbprint'
    $authExpires = ''
    if ($authCurrent -ne '') {
        try {
            $authNotAfter = Get-HybridcValue -Object (Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-ExchangeCertificate -Thumbprint $authCurrent -ErrorAction Stop })) -Name 'NotAfter'
            if ($null -ne $authNotAfter) {
                $authExpires = ([DateTime]$authNotAfter).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
            }
        }
        catch {
            Write-Warning ('the current auth certificate ' + $authCurrent + ' is not on this server: ' + $_.Exception.Message)
        }
    }
    $authEffective = Get-HybridcValue -Object $authConfig -Name 'NextCertificateEffectiveDate'
    $State.authCurrentCertificateThumbprint = $authCurrent
    $State.authCurrentCertificateNotAfter = $authExpires
    $State.authNextCertificateThumbprint = Get-HybridcText -Object $authConfig -Name 'NextCertificateThumbprint'
    $State.authNextCertificateEffectiveDate = ''
    if ($null -ne $authEffective -and [string]$authEffective -ne '') {
        $State.authNextCertificateEffectiveDate = ([DateTime]$authEffective).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    $State.partnerApplications = @(Invoke-HybridcCall -Call { Get-PartnerApplication -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                  = Get-HybridcText -Object $_ -Name 'Name'
                applicationIdentifier = Get-HybridcText -Object $_ -Name 'ApplicationIdentifier'
                enabled               = Get-HybridcBool -Object $_ -Name 'Enabled'
            }
        })
    Write-HybridcPhase -Status 'organization relationships' -Percent 6
    $State.organizationRelationships = @(Invoke-HybridcCall -Call { Get-OrganizationRelationship -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                  = Get-HybridcText -Object $_ -Name 'Name'
                enabled               = Get-HybridcBool -Object $_ -Name 'Enabled'
                domainNames           = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'DomainNames'))
                freeBusyAccessEnabled = Get-HybridcBool -Object $_ -Name 'FreeBusyAccessEnabled'
                freeBusyAccessLevel   = Get-HybridcText -Object $_ -Name 'FreeBusyAccessLevel'
                freeBusyAccessScope   = Get-HybridcText -Object $_ -Name 'FreeBusyAccessScope'
                mailTipsAccessEnabled = Get-HybridcBool -Object $_ -Name 'MailTipsAccessEnabled'
                mailTipsAccessLevel   = Get-HybridcText -Object $_ -Name 'MailTipsAccessLevel'
                deliveryReportEnabled = Get-HybridcBool -Object $_ -Name 'DeliveryReportEnabled'
                targetApplicationUri  = Get-HybridcText -Object $_ -Name 'TargetApplicationUri'
                targetAutodiscoverEpr = Get-HybridcText -Object $_ -Name 'TargetAutodiscoverEpr'
                targetSharingEpr      = Get-HybridcText -Object $_ -Name 'TargetSharingEpr'
            }
        })
    Write-HybridcPhase -Status 'availability address spaces' -Percent 8
    $State.availabilityAddressSpaces = @(Invoke-HybridcCall -Call { Get-AvailabilityAddressSpace -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                forestName        = Get-HybridcText -Object $_ -Name 'ForestName'
                accessMethod      = Get-HybridcText -Object $_ -Name 'AccessMethod'
                useServiceAccount = Get-HybridcBool -Object $_ -Name 'UseServiceAccount'
                userName          = Get-HybridcText -Object $_ -Name 'UserName'
            }
        })
    Write-HybridcPhase -Status 'send connectors' -Percent 10
    $State.sendConnectors = @(Invoke-HybridcCall -Call { Get-SendConnector -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name                     = Get-HybridcText -Object $_ -Name 'Name'
                addressSpaces            = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'AddressSpaces'))
                cloudServicesMailEnabled = [bool](Get-HybridcBool -Object $_ -Name 'CloudServicesMailEnabled')
                sourceTransportServers   = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'SourceTransportServers'))
                tlsAuthLevel             = Get-HybridcText -Object $_ -Name 'TlsAuthLevel'
                tlsDomain                = Get-HybridcText -Object $_ -Name 'TlsDomain'
                tlsCertificateName       = Get-HybridcText -Object $_ -Name 'TlsCertificateName'
                requireTLS               = Get-HybridcBool -Object $_ -Name 'RequireTLS'
                smartHosts               = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'SmartHosts'))
                dnsRoutingEnabled        = Get-HybridcBool -Object $_ -Name 'DNSRoutingEnabled'
            }
        })
    $State.receiveConnectors = @(Invoke-HybridcCall -Call { Get-ReceiveConnector -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                identity           = Get-HybridcText -Object $_ -Name 'Identity'
                tlsCertificateName = Get-HybridcText -Object $_ -Name 'TlsCertificateName'
            }
        })
}

#@ piece Read-HybridcRecipients
function Read-HybridcRecipients {
    # The directory, read once in bulk, as the state's recipients.
    param([Parameter(Mandatory = $true)] $State)
    Write-HybridcPhase -Status 'recipients, users, groups and mailboxes' -Percent 15
    Initialize-HybridcDirectory -Recipients -Users -Groups -Mailboxes
    foreach ($group in (Invoke-HybridcCall -Call { Get-UnifiedGroup -ResultSize Unlimited -ErrorAction Stop })) {
        Add-HybridcDirectoryObject -Object $group -Type 'unifiedGroup'
    }
    $records = @($script:HybridcObjects.Values | Sort-Object -Property { $_.Guid })
    $recipients = New-Object -TypeName 'System.Collections.ArrayList'
    for ($i = 0; $i -lt $records.Count; $i++) {
        Write-HybridcItemProgress -Activity 'recipients' -Index $i -Count $records.Count
        $record = $records[$i]
        $object = $record.Object
        foreach ($type in @('recipient', 'remoteMailbox', 'mailbox', 'unifiedGroup')) {
            if ($record.ContainsKey($type)) {
                $object = $record[$type]
                break
            }
        }
        $mailbox = $null
        if ($record.ContainsKey('mailbox')) {
            $mailbox = $record['mailbox']
        }
        $displayType = Get-HybridcText -Object $object -Name 'RecipientDisplayType'
        if ($record.ContainsKey('remoteMailbox')) {
            $displayType = Get-HybridcText -Object $record['remoteMailbox'] -Name 'RecipientDisplayType'
        }
        $entry = [ordered]@{
                guid                      = $record.Guid
                externalDirectoryObjectId = Get-HybridcRecordValue -Record $record -Name 'ExternalDirectoryObjectId'
                distinguishedName         = Get-HybridcRecordValue -Record $record -Name 'DistinguishedName'
                identity                  = Get-HybridcRecordValue -Record $record -Name 'Identity'
                name                      = Get-HybridcRecordValue -Record $record -Name 'Name'
                alias                     = Get-HybridcRecordValue -Record $record -Name 'Alias'
                primarySmtpAddress        = Get-HybridcRecordValue -Record $record -Name 'PrimarySmtpAddress'
                userPrincipalName         = Get-HybridcRecordValue -Record $record -Name 'UserPrincipalName'
                windowsLiveID             = Get-HybridcRecordValue -Record $record -Name 'WindowsLiveID'
                samAccountName            = Get-HybridcRecordValue -Record $record -Name 'SamAccountName'
                sid                       = Get-HybridcRecordValue -Record $record -Name 'Sid'
                emailAddresses            = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $object -Name 'EmailAddresses'))
                recipientTypeDetails      = Get-HybridcText -Object $object -Name 'RecipientTypeDetails'
                recipientDisplayType      = $displayType
                grantSendOnBehalfTo       = @(ConvertTo-HybridcReferences -Values (Get-HybridcValue -Object $mailbox -Name 'GrantSendOnBehalfTo'))
                roleAssignmentPolicy      = Get-HybridcText -Object $mailbox -Name 'RoleAssignmentPolicy'
                inAddressLists            = (@(Get-HybridcValue -Object $object -Name 'AddressListMembership' | Where-Object { $null -ne $_ }).Count -gt 0)
                hiddenFromAddressListsEnabled = (Test-HybridcFlag -Item $object -Name 'HiddenFromAddressListsEnabled')
            }
        if ($record.ContainsKey('remoteMailbox')) {
            $routing = Get-HybridcText -Object $record['remoteMailbox'] -Name 'RemoteRoutingAddress'
            if ($routing -ne '') {
                $entry['remoteRoutingAddress'] = $routing
            }
        }
        $null = $recipients.Add($entry)
    }
    Write-Progress -Id 1 -ParentId 0 -Activity 'recipients' -Completed
    $State.recipients = $recipients.ToArray()
}

#@ piece Read-HybridcRecipients#2
function Read-HybridcRecipients {
    # The directory, read once in bulk, as the state's recipients.
    param([Parameter(Mandatory = $true)] $State)
    Write-HybridcPhase -Status 'recipients, users, groups and mailboxes' -Percent 15
    Initialize-HybridcDirectory -Recipients -Users -Groups -Mailboxes
    foreach ($object in (Invoke-HybridcCall -Call { Get-RemoteMailbox -ResultSize Unlimited -ErrorAction Stop })) {
        Add-HybridcDirectoryObject -Object $object -Type 'remoteMailbox'
    }
    $records = @($script:HybridcObjects.Values | Sort-Object -Property { $_.Guid })
    $recipients = New-Object -TypeName 'System.Collections.ArrayList'
    for ($i = 0; $i -lt $records.Count; $i++) {
        Write-HybridcItemProgress -Activity 'recipients' -Index $i -Count $records.Count
        $record = $records[$i]
        $object = $record.Object
        foreach ($type in @('recipient', 'remoteMailbox', 'mailbox', 'unifiedGroup')) {
            if ($record.ContainsKey($type)) {
                $object = $record[$type]
                break
            }
        }
        $mailbox = $null
        if ($record.ContainsKey('mailbox')) {
            $mailbox = $record['mailbox']
        }
        $displayType = Get-HybridcText -Object $object -Name 'RecipientDisplayType'
        if ($record.ContainsKey('remoteMailbox')) {
            $displayType = Get-HybridcText -Object $record['remoteMailbox'] -Name 'RecipientDisplayType'
        }
        $entry = [ordered]@{
                guid                      = $record.Guid
                externalDirectoryObjectId = Get-HybridcRecordValue -Record $record -Name 'ExternalDirectoryObjectId'
                distinguishedName         = Get-HybridcRecordValue -Record $record -Name 'DistinguishedName'
                identity                  = Get-HybridcRecordValue -Record $record -Name 'Identity'
                name                      = Get-HybridcRecordValue -Record $record -Name 'Name'
                alias                     = Get-HybridcRecordValue -Record $record -Name 'Alias'
                primarySmtpAddress        = Get-HybridcRecordValue -Record $record -Name 'PrimarySmtpAddress'
                userPrincipalName         = Get-HybridcRecordValue -Record $record -Name 'UserPrincipalName'
                windowsLiveID             = Get-HybridcRecordValue -Record $record -Name 'WindowsLiveID'
                samAccountName            = Get-HybridcRecordValue -Record $record -Name 'SamAccountName'
                sid                       = Get-HybridcRecordValue -Record $record -Name 'Sid'
                emailAddresses            = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $object -Name 'EmailAddresses'))
                recipientTypeDetails      = Get-HybridcText -Object $object -Name 'RecipientTypeDetails'
                recipientDisplayType      = $displayType
                grantSendOnBehalfTo       = @(ConvertTo-HybridcReferences -Values (Get-HybridcValue -Object $mailbox -Name 'GrantSendOnBehalfTo'))
                roleAssignmentPolicy      = Get-HybridcText -Object $mailbox -Name 'RoleAssignmentPolicy'
                inAddressLists            = (@(Get-HybridcValue -Object $object -Name 'AddressListMembership' | Where-Object { $null -ne $_ }).Count -gt 0)
                hiddenFromAddressListsEnabled = (Test-HybridcFlag -Item $object -Name 'HiddenFromAddressListsEnabled')
            }
        if ($record.ContainsKey('remoteMailbox')) {
            $routing = Get-HybridcText -Object $record['remoteMailbox'] -Name 'RemoteRoutingAddress'
            if ($routing -ne '') {
                $entry['remoteRoutingAddress'] = $routing
            }
        }
        $null = $recipients.Add($entry)
    }
    Write-Progress -Id 1 -ParentId 0 -Activity 'recipients' -Completed
    $State.recipients = $recipients.ToArray()
}

#@ piece Read-HybridcRbac
function Read-HybridcRbac {
    # Role groups with their members and roles, and role assignment
    # policies with their roles.
    param([Parameter(Mandatory = $true)] $State)
    Write-HybridcPhase -Status 'role assignments' -Percent 30
    $roles = @{}
    foreach ($assignment in (Invoke-HybridcCall -Call { Get-ManagementRoleAssignment -Delegating:$false -ErrorAction Stop })) {
        $assignee = ([string](Get-HybridcValue -Object $assignment -Name 'RoleAssigneeName')).ToLowerInvariant()
        if (-not $roles.ContainsKey($assignee)) {
            $roles[$assignee] = New-Object -TypeName 'System.Collections.Generic.List[string]'
        }
        $null = $roles[$assignee].Add([string](Get-HybridcValue -Object $assignment -Name 'Role'))
    }
    Write-HybridcPhase -Status 'role groups' -Percent 32
    $groups = @(Invoke-HybridcCall -Call { Get-RoleGroup -ResultSize Unlimited -ErrorAction Stop })
    $out = New-Object -TypeName 'System.Collections.ArrayList'
    for ($i = 0; $i -lt $groups.Count; $i++) {
        Write-HybridcItemProgress -Activity 'role group members' -Index $i -Count $groups.Count
        $name = [string]$groups[$i].Name
        $members = Invoke-HybridcCall -Call { Get-RoleGroupMember -Identity $name -ResultSize Unlimited -ErrorAction Stop }
        $assigned = @()
        if ($roles.ContainsKey($name.ToLowerInvariant())) {
            $assigned = @($roles[$name.ToLowerInvariant()] | Sort-Object -Unique)
        }
        $null = $out.Add([ordered]@{ name = $name; members = @(ConvertTo-HybridcReferences -Values $members); roles = @($assigned) })
    }
    $State.roleGroups = $out.ToArray()
    Write-HybridcPhase -Status 'role assignment policies' -Percent 34
    $State.roleAssignmentPolicies = @(Invoke-HybridcCall -Call { Get-RoleAssignmentPolicy -ErrorAction Stop } | ForEach-Object {
            [ordered]@{
                name          = Get-HybridcText -Object $_ -Name 'Name'
                isDefault     = [bool](Get-HybridcBool -Object $_ -Name 'IsDefault')
                assignedRoles = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $_ -Name 'AssignedRoles'))
            }
        })
}

#@ piece Get-HybridcFolderScope
function Get-HybridcFolderScope {
    # The FolderScope of a -Folders name whose top folder is a default
    # folder (Calendar\Team: Calendar), or '': the data section's table,
    # which hybridc writes from the one the compiler resolves declared
    # folders by.
    param([string]$Folder = '')
    $top = $Folder
    $at = $Folder.IndexOf('\')
    if ($at -ge 0) {
        $top = $Folder.Substring(0, $at)
    }
    $top = $top.Trim().ToLowerInvariant()
    if ($top -eq '') {
        return ''
    }
    $scope = Get-HybridcValue -Object $HybridcExport.FolderScopes -Name $top
    if ($null -eq $scope) {
        return ''
    }
    return [string]$scope
}

#@ piece Read-HybridcPermissions
function Read-HybridcPermissions {
    # Full Access, Send As and folder permission entries of every mailbox,
    # inherited and Deny entries included (hybridc import leaves them out).
    param([Parameter(Mandatory = $true)] $State)
    $entries = New-Object -TypeName 'System.Collections.ArrayList'
    $mailboxes = @($script:HybridcObjects.Values | Where-Object { $_.ContainsKey('mailbox') } | Sort-Object -Property { $_.Guid })
    Write-HybridcPhase -Status ('Full Access of ' + [string]$mailboxes.Count + ' mailboxes') -Percent 40
    # Without -Identity it reads every mailbox's permissions at once.
    $read = @(Invoke-HybridcCall -Call { Get-EXOMailboxPermission -ResultSize Unlimited -ErrorAction Stop })
    foreach ($entry in $read) {
        $record = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $entry -Name 'Identity'))
        if ($null -ne $record) {
            $null = $entries.Add((New-HybridcPermission -Access 'FullAccess' -Mailbox $record.Guid -Entry $entry -Rights (Get-HybridcValue -Object $entry -Name 'AccessRights')))
        }
    }
    Write-HybridcPhase -Status 'Send As' -Percent 55
    foreach ($entry in (Invoke-HybridcCall -Call { Get-RecipientPermission -AccessRights 'SendAs' -ResultSize Unlimited -ErrorAction Stop })) {
        $record = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $entry -Name 'Identity'))
        if ($null -ne $record) {
            $null = $entries.Add((New-HybridcPermission -Access 'SendAs' -Mailbox $record.Guid -Entry $entry -UserProperty 'Trustee' -Rights (Get-HybridcValue -Object $entry -Name 'AccessRights')))
        }
    }
    if (@($Folders).Count -gt 0) {
        # A default folder is read by its name in the mailbox's language
        # (Resolve-HybridcFolder, the engine's), its entries recorded under
        # the name given, as a configuration declares it.
        $items = @(foreach ($folderName in @($Folders)) { @{ Folder = [string]$folderName; FolderScope = Get-HybridcFolderScope -Folder ([string]$folderName) } })
        $folderNames = New-HybridcNameTable
        for ($i = 0; $i -lt $mailboxes.Count; $i++) {
            Write-HybridcItemProgress -Activity 'folder permissions' -Index $i -Count $mailboxes.Count
            $record = $mailboxes[$i]
            $address = Get-HybridcRecordValue -Record $record -Name 'PrimarySmtpAddress'
            if ($address -eq '') {
                continue
            }
            foreach ($item in $items) {
                $folder = Resolve-HybridcFolder -Mailbox $address -Item $item -Cache $folderNames -AllowNotFound
                if ($folder -eq '') {
                    Write-Host ('Skipped the ' + [string]$item.Folder + ' folder of ' + $address + ': its name holds a backslash, so it cannot be addressed by path.')
                    continue
                }
                foreach ($entry in (Invoke-HybridcCall -AllowNotFound -Call { Get-MailboxFolderPermission -Identity $folder -ErrorAction Stop })) {
                    $null = $entries.Add((New-HybridcPermission -Access 'Folder' -Mailbox $record.Guid -Entry $entry -Folder $item.Folder -Rights (Get-HybridcValue -Object $entry -Name 'AccessRights')))
                }
            }
        }
        Write-Progress -Id 1 -ParentId 0 -Activity 'folder permissions' -Completed
    }
    $State.permissions = $entries.ToArray()
}

#@ piece Read-HybridcPermissions#2
function Read-HybridcPermissions {
    # Full Access, Send As and folder permission entries of every mailbox,
    # inherited and Deny entries included (hybridc import leaves them out).
    param([Parameter(Mandatory = $true)] $State)
    $entries = New-Object -TypeName 'System.Collections.ArrayList'
    $mailboxes = @($script:HybridcObjects.Values | Where-Object { $_.ContainsKey('mailbox') } | Sort-Object -Property { $_.Guid })
    Write-HybridcPhase -Status ('Full Access of ' + [string]$mailboxes.Count + ' mailboxes') -Percent 40
    # 500 mailboxes a call, only what the state keeps of each entry.
    $keys = [string[]]@($mailboxes | Where-Object { (Get-HybridcRecordValue -Record $_ -Name 'RecipientType') -eq 'UserMailbox' } | ForEach-Object { $_.Guid })
    $read = @(Read-HybridcInChunks -Keys $keys -Failed $script:HybridcExportFailures -Read {
            $Chunk | Get-MailboxPermission -ErrorAction Stop | Select-Object -Property Identity, User, AccessRights, Deny, IsInherited
        } -Single {
            Get-MailboxPermission -Identity $Key -ErrorAction Stop | Select-Object -Property Identity, User, AccessRights, Deny, IsInherited
        })
    foreach ($entry in $read) {
        $record = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $entry -Name 'Identity'))
        if ($null -ne $record) {
            $null = $entries.Add((New-HybridcPermission -Access 'FullAccess' -Mailbox $record.Guid -Entry $entry -Rights (Get-HybridcValue -Object $entry -Name 'AccessRights')))
        }
    }
    Write-HybridcPhase -Status 'Send As' -Percent 55
    # Get-ADPermission takes the distinguished name; only Send As entries
    # are kept. Remote mailboxes too: a cloud mailbox's Send As is granted
    # on its on-premises object as well.
    # 500 objects a call, Send As entries only, only what the state keeps.
    $sendAsObjects = @($script:HybridcObjects.Values | Where-Object { $_.ContainsKey('mailbox') -or $_.ContainsKey('remoteMailbox') } | Sort-Object -Property { $_.Guid })
    $dns = [string[]]@($sendAsObjects | ForEach-Object { Get-HybridcRecordValue -Record $_ -Name 'DistinguishedName' } | Where-Object { $_ -ne '' })
    $read = @(Read-HybridcInChunks -Keys $dns -Failed $script:HybridcExportFailures -Read {
            $Chunk | Get-ADPermission -ErrorAction Stop | Where-Object { (@($_.ExtendedRights) -join ',') -match 'Send.As' } | Select-Object -Property Identity, User, ExtendedRights, AccessRights, Deny, IsInherited
        } -Single {
            Get-ADPermission -Identity $Key -ErrorAction Stop | Where-Object { (@($_.ExtendedRights) -join ',') -match 'Send.As' } | Select-Object -Property Identity, User, ExtendedRights, AccessRights, Deny, IsInherited
        })
    foreach ($entry in $read) {
        if ((@(Get-HybridcValue -Object $entry -Name 'ExtendedRights') -join ',') -notmatch 'Send.As') {
            continue
        }
        $record = Find-HybridcPrincipal -Value ([string](Get-HybridcValue -Object $entry -Name 'Identity'))
        if ($null -ne $record) {
            $null = $entries.Add((New-HybridcPermission -Access 'SendAs' -Mailbox $record.Guid -Entry $entry -Rights (Get-HybridcValue -Object $entry -Name 'AccessRights')))
        }
    }
    if (@($Folders).Count -gt 0) {
        # A default folder is read by its name in the mailbox's language
        # (Resolve-HybridcFolder, the engine's), its entries recorded under
        # the name given, as a configuration declares it.
        $items = @(foreach ($folderName in @($Folders)) { @{ Folder = [string]$folderName; FolderScope = Get-HybridcFolderScope -Folder ([string]$folderName) } })
        $folderNames = New-HybridcNameTable
        for ($i = 0; $i -lt $mailboxes.Count; $i++) {
            Write-HybridcItemProgress -Activity 'folder permissions' -Index $i -Count $mailboxes.Count
            $record = $mailboxes[$i]
            $address = Get-HybridcRecordValue -Record $record -Name 'PrimarySmtpAddress'
            if ($address -eq '') {
                continue
            }
            foreach ($item in $items) {
                $folder = Resolve-HybridcFolder -Mailbox $address -Item $item -Cache $folderNames -AllowNotFound
                if ($folder -eq '') {
                    Write-Host ('Skipped the ' + [string]$item.Folder + ' folder of ' + $address + ': its name holds a backslash, so it cannot be addressed by path.')
                    continue
                }
                foreach ($entry in (Invoke-HybridcCall -AllowNotFound -Call { Get-MailboxFolderPermission -Identity $folder -ErrorAction Stop })) {
                    $null = $entries.Add((New-HybridcPermission -Access 'Folder' -Mailbox $record.Guid -Entry $entry -Folder $item.Folder -Rights (Get-HybridcValue -Object $entry -Name 'AccessRights')))
                }
            }
        }
        Write-Progress -Id 1 -ParentId 0 -Activity 'folder permissions' -Completed
    }
    $State.permissions = $entries.ToArray()
}

#@ piece Read-HybridcUnifiedGroups
function Read-HybridcUnifiedGroups {
    # Microsoft 365 groups with their members, owners and subscribers (one
    # read per group and link type: Exchange has no bulk form), and the echo
    # setting of every mail user that is a member of one.
    param([Parameter(Mandatory = $true)] $State)
    $groups = @($script:HybridcObjects.Values | Where-Object { $_.ContainsKey('unifiedGroup') } | Sort-Object -Property { $_.Guid })
    Write-HybridcPhase -Status ('links of ' + [string]$groups.Count + ' Microsoft 365 groups') -Percent 70
    $out = New-Object -TypeName 'System.Collections.ArrayList'
    $memberGuids = @{}
    for ($i = 0; $i -lt $groups.Count; $i++) {
        Write-HybridcItemProgress -Activity 'Microsoft 365 groups' -Index $i -Count $groups.Count
        $group = $groups[$i]['unifiedGroup']
        $key = $groups[$i].Guid
        $links = @{}
        foreach ($linkType in @('Members', 'Owners', 'Subscribers')) {
            $links[$linkType] = @(ConvertTo-HybridcReferences -Values (Invoke-HybridcCall -Call { Get-UnifiedGroupLinks -Identity $key -LinkType $linkType -ResultSize Unlimited -ErrorAction Stop }))
        }
        foreach ($member in $links['Members']) {
            $memberGuids[$member] = $true
        }
        $null = $out.Add([ordered]@{
                guid                               = $key
                name                               = Get-HybridcText -Object $group -Name 'Name'
                displayName                        = Get-HybridcText -Object $group -Name 'DisplayName'
                alias                              = Get-HybridcText -Object $group -Name 'Alias'
                primarySmtpAddress                 = Get-HybridcText -Object $group -Name 'PrimarySmtpAddress'
                emailAddresses                     = @(ConvertTo-HybridcList -Value (Get-HybridcValue -Object $group -Name 'EmailAddresses'))
                accessType                         = Get-HybridcText -Object $group -Name 'AccessType'
                requireSenderAuthenticationEnabled = Get-HybridcBool -Object $group -Name 'RequireSenderAuthenticationEnabled'
                members                            = $links['Members']
                owners                             = $links['Owners']
                subscribers                        = $links['Subscribers']
            })
    }
    $State.unifiedGroups = $out.ToArray()
    Write-HybridcPhase -Status 'message configuration of group members' -Percent 85
    $configurations = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($guid in @($memberGuids.Keys | Sort-Object)) {
        $record = $script:HybridcObjects[$guid]
        if ($null -eq $record -or [string](Get-HybridcValue -Object $record.Object -Name 'RecipientTypeDetails') -ne 'MailUser') {
            continue
        }
        $mailUser = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { Get-MailUser -Identity $guid -ErrorAction Stop })
        # Exchange may refuse this read for a mail user (unconfirmed: seed 002
        # only sets it): the member is then left out, and plan --state
        # reports the setting as the default (off), which a run sets.
        try {
            $configuration = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { $mailUser | Get-MailboxMessageConfiguration -ErrorAction Stop })
        }
        catch {
            if (@('other', 'notFound', 'ambiguous') -notcontains [string]$_.Exception.Data['HybridcErrorKind']) {
                throw
            }
            Write-Warning ('The message configuration of the mail user ' + $guid + ' cannot be read (' + $_.Exception.Message + '): left out of the state.')
            continue
        }
        $null = $configurations.Add([ordered]@{ recipient = $guid; echoGroupMessageBackToSubscribedSender = Get-HybridcBool -Object $configuration -Name 'EchoGroupMessageBackToSubscribedSender' })
    }
    $State.messageConfigurations = $configurations.ToArray()
}

#@ piece Read-HybridcState
function Read-HybridcState {
    # Everything the state format holds, as an ordered hashtable.
    $state = [ordered]@{
        '$schema'                 = 'https://hybridc.dev/schema/state.schema.json'
        formatVersion             = 1
        kind                      = 'exchangeOnline'
        organization              = [string]$HybridcDesired.Organization
        exchangeVersion           = ''
        exportedBy                = 'devel'
        exportedUtc               = $script:HybridcStarted.ToString('o')
        folders                   = @(ConvertTo-HybridcList -Value $Folders)
        organizationConfig        = $null
        federatedDomains          = @()
        accountNamespace          = ''
        ewsExternalUrls           = @()
        acceptedDomains           = @()
        organizationRelationships = @()
        availabilityAddressSpaces = @()
        sendConnectors            = @()
        recipients                = @()
        unifiedGroups             = @()
        roleGroups                = @()
        roleAssignmentPolicies    = @()
        permissions               = @()
        messageConfigurations     = @()
        remoteDomains             = @()
        receiveConnectors         = @()
        inboundConnectors         = @()
        outboundConnectors        = @()
        emailAddressPolicies      = @()
        onPremisesOrganizations   = @()
        webServicesVirtualDirectories = @()
        migrationEndpoints        = @()
        intraOrganizationConnectors = @()
        authServers               = @()
        settingOverrides          = @()
    }
    Read-HybridcOrganization -State $state
    Read-HybridcRecipients -State $state
    Read-HybridcRbac -State $state
    Read-HybridcPermissions -State $state
    Read-HybridcUnifiedGroups -State $state
    Write-Progress -Activity 'hybridc export' -Completed
    return $state
}

#@ piece Read-HybridcState#2
function Read-HybridcState {
    # Everything the state format holds, as an ordered hashtable.
    $state = [ordered]@{
        '$schema'                 = 'https://hybridc.dev/schema/state.schema.json'
        formatVersion             = 1
        kind                      = 'onPremises'
        organization              = [string]$HybridcDesired.Organization
        exchangeVersion           = ''
        exportedBy                = 'devel'
        exportedUtc               = $script:HybridcStarted.ToString('o')
        folders                   = @(ConvertTo-HybridcList -Value $Folders)
        organizationConfig        = $null
        federatedDomains          = @()
        accountNamespace          = ''
        ewsExternalUrls           = @()
        acceptedDomains           = @()
        organizationRelationships = @()
        availabilityAddressSpaces = @()
        sendConnectors            = @()
        recipients                = @()
        unifiedGroups             = @()
        roleGroups                = @()
        roleAssignmentPolicies    = @()
        permissions               = @()
        messageConfigurations     = @()
        remoteDomains             = @()
        receiveConnectors         = @()
        inboundConnectors         = @()
        outboundConnectors        = @()
        emailAddressPolicies      = @()
        onPremisesOrganizations   = @()
        webServicesVirtualDirectories = @()
        migrationEndpoints        = @()
        intraOrganizationConnectors = @()
        authServers               = @()
        settingOverrides          = @()
    }
    Read-HybridcOrganization -State $state
    Read-HybridcRecipients -State $state
    Read-HybridcRbac -State $state
    Read-HybridcPermissions -State $state
    Write-Progress -Activity 'hybridc export' -Completed
    return $state
}

#@ piece Write-HybridcEndpoints
function Write-HybridcEndpoints {
    # Prints the endpoints Exchange Online's relationship towards
    # on-premises should use, from the external EWS URLs: hybridc's default
    # targetAutodiscoverEpr (autodiscover.<first primary SMTP domain>) is a
    # guess, and these are what the organization publishes.
    param([Parameter(Mandatory = $true)] $State)
    $urls = @(Get-HybridcValue -Object $State -Name 'ewsExternalUrls')
    if ($urls.Count -eq 0) {
        Write-Host 'No EWS virtual directory has an ExternalUrl: Exchange Online cannot reach on-premises free/busy until one is published.'
        return
    }
    foreach ($url in $urls) {
        Write-Host ('EWS external URL: ' + [string]$url)
        Write-Host ('  for the tenant''s relationship towards on-premises: targetSharingEpr: ' + ([string]$url).TrimEnd('/') + '/WSSecurity')
        if ([string]$url -match '^https://([^/:?#]+)') {
            Write-Host ('  targetAutodiscoverEpr, if ' + $Matches[1] + ' also publishes Autodiscover: https://' + $Matches[1] + '/autodiscover/autodiscover.svc/WSSecurity')
        }
    }
}

#@ piece Write-HybridcState
function Write-HybridcState {
    # Writes the state as JSON (UTF-8 without BOM) to the path, relative to
    # the current location.
    param([Parameter(Mandatory = $true)] $State, [Parameter(Mandatory = $true)] [string]$Path)
    $json = ConvertTo-Json -InputObject $State -Depth 8 -Compress
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    [System.IO.File]::WriteAllText($full, $json, (New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false))
}

