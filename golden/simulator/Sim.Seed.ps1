# What a script is for (its environment, its data) and the organization it
# meets when no state is given: the recipients and accounts its data names,
# the running account, the built-in role groups and the default role
# assignment policy, and none of the objects the script manages. Also the
# stand-ins for the engine's few Windows-only functions.

function Get-SimScriptInfo {
    # The environment, Exchange version and data section of a generated or
    # export script, read with PowerShell's parser. The data section holds
    # only literals (PowerShell refuses commands in it), so evaluating it is
    # safe.
    param([Parameter(Mandatory = $true)] [string]$Path)
    # Read once per process and file version: a plan runs a script several
    # times, and a large script's data takes seconds to read.
    $file = Get-Item -LiteralPath $Path
    $cacheKey = 'info|' + $file.FullName + '|' + [string]$file.Length + '|' + [string]$file.LastWriteTimeUtc.Ticks
    if ($script:SimCache.ContainsKey($cacheKey)) {
        return $script:SimCache[$cacheKey]
    }
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
    if ($errors.Count -gt 0) {
        throw ('simulator: ' + $Path + ' does not parse: ' + $errors[0].Message)
    }
    $info = @{ Kind = ''; Version = 'Exchange Server SE'; Data = @{}; Export = $false }
    $text = $ast.Extent.Text
    if ($text -match "HybridcShell = 'Exchange Online PowerShell") {
        $info.Kind = 'online'
    }
    elseif ($text -match "HybridcShell = 'The AdSyncConfig module") {
        $info.Kind = 'entraConnect'
    }
    elseif ($text -match "HybridcShell = 'The Microsoft Graph PowerShell SDK") {
        $info.Kind = 'graph'
    }
    elseif ($text -match "HybridcShell = 'The Exchange Management Shell") {
        $info.Kind = 'onPremises'
    }
    else {
        throw ('simulator: ' + $Path + ' is not a hybridc script (no $HybridcShell)')
    }
    if ($text -match 'Exchange Server (2010|2013|2016|2019|SE)') {
        $info.Version = 'Exchange Server ' + $Matches[1]
    }
    # The one data section assigned at the top level, as hybridc writes it:
    # one without -SupportedCommand is restricted to literals by PowerShell
    # itself. Anything else is refused, not evaluated.
    $found = @()
    foreach ($statement in @($ast.EndBlock.Statements)) {
        if ($statement -is [System.Management.Automation.Language.AssignmentStatementAst] -and $statement.Left.Extent.Text -in @('$HybridcDesired', '$HybridcExport') -and $statement.Right -is [System.Management.Automation.Language.DataStatementAst]) {
            $found += $statement
        }
    }
    $sections = @($ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.DataStatementAst] }, $true))
    if ($found.Count -ne 1 -or $sections.Count -ne 1 -or @($found[0].Right.CommandsAllowed).Count -gt 0) {
        throw ('simulator: ' + $Path + ' is not a hybridc script: it must assign one data section without -SupportedCommand to $HybridcDesired or $HybridcExport, at the top level, and hold no other data section')
    }
    $info.Data = & ([scriptblock]::Create($found[0].Right.Extent.Text))
    if ($text.Contains('$HybridcEscaped = $true')) {
        Restore-SimText -Node $info.Data
    }
    $info.Export = $found[0].Left.Extent.Text -eq '$HybridcExport'
    $script:SimCache[$cacheKey] = $info
    return $info
}

function Restore-SimText {
    # Decodes, in place, the strings a script's data section holds escaped
    # (compiler/pstext/psescape.go): '~u~', then the text with \\ for a backslash and
    # \uXXXX for each UTF-16 code unit outside ASCII. The script decodes them
    # itself (Restore-HybridcText) before it reads its data; this is the
    # simulator's own reading of the same format, for seeding.
    param([Parameter(Mandatory = $true)] $Node)
    if ($Node -is [System.Collections.IDictionary]) {
        $keys = @($Node.Keys)
    }
    else {
        $keys = @(for ($i = 0; $i -lt $Node.Length; $i++) { $i })
    }
    foreach ($key in $keys) {
        $value = $Node[$key]
        if ($value -is [string] -and $value.StartsWith('~u~', [System.StringComparison]::Ordinal)) {
            $Node[$key] = [regex]::Replace($value.Substring(3), '\\(\\|u([0-9A-F]{4}))', {
                    param($m)
                    if ($m.Groups[2].Success) {
                        return [string][char][Convert]::ToInt32($m.Groups[2].Value, 16)
                    }
                    return '\'
                })
        }
        elseif ($value -is [System.Collections.IDictionary] -or $value -is [object[]]) {
            Restore-SimText -Node $value
        }
    }
}

function Add-SimRecipient {
    # Adds a recipient named by a declared value (a name, an address or a
    # distinguished name) unless one already answers to it.
    param([Parameter(Mandatory = $true)] [string]$Value, [Parameter(Mandatory = $true)] [string]$Details)
    # A value once seen answers to a recipient from then on (found, or
    # created from it): it is looked up once.
    if (-not $script:Sim.ContainsKey('Seeded')) {
        $script:Sim.Seeded = New-Object -TypeName 'System.Collections.Generic.HashSet[string]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
    }
    if ($Value -eq '' -or -not $script:Sim.Seeded.Add($Value) -or @(Find-SimRecipients -Value $Value -Cmdlet '' -Parameter '').Count -gt 0) {
        return
    }
    $suffix = Get-SimDomainSuffix
    $name = $Value
    $address = ''
    if ($Value -match '^CN=([^,]+),') {
        $name = $Matches[1]
    }
    elseif ($Value -match '^[^@\s]+@[^@\s]+$') {
        # An address: one @, no space (a name may hold @ too).
        $name = $Value.Substring(0, $Value.IndexOf('@'))
        $address = $Value
    }
    $alias = $name -replace '[^A-Za-z0-9._-]', ''
    if ($alias -eq '') {
        $alias = 'r' + [string]$script:Sim.Org.recipients.Count
    }
    if ($address -eq '') {
        $address = $alias + '@' + $suffix
    }
    $guid = New-SimGuid -Seed ('recipient|' + $Value)
    $dc = ($suffix -split '\.' | ForEach-Object { 'DC=' + $_ }) -join ','
    $recipient = [ordered]@{ guid = $guid }
    if ($script:Sim.Kind -eq 'onPremises') {
        $recipient.distinguishedName = 'CN=' + $name + ',OU=Users,' + $dc
        $recipient.identity = $suffix + '/Users/' + $name
        $recipient.sid = 'S-1-5-21-1004336348-1177238915-682003330-' + [string](5000 + $script:Sim.Org.recipients.Count)
    }
    else {
        $recipient.externalDirectoryObjectId = New-SimGuid -Seed ('object|' + $Value)
        $recipient.identity = $name
        $recipient.windowsLiveID = $address
    }
    if ($Value -match '^CN=') {
        $recipient.distinguishedName = $Value
    }
    $recipient.name = $name
    $recipient.alias = $alias
    $recipient.primarySmtpAddress = $address
    $recipient.userPrincipalName = $address
    $recipient.samAccountName = $alias
    $recipient.emailAddresses = @('SMTP:' + $address)
    if ($Details -ne 'User') {
        $recipient.recipientTypeDetails = $Details
    }
    if ($Details -eq 'UserMailbox') {
        $recipient.roleAssignmentPolicy = 'Default Role Assignment Policy'
        $recipient.grantSendOnBehalfTo = @()
    }
    if ($Details -eq 'RemoteUserMailbox') {
        $recipient.recipientDisplayType = 'SyncedMailboxUser'
    }
    Add-SimNewRecipient -Recipient $recipient
    # The entries every mailbox and user has, as statesynth.States
    # models a mailbox's: Get-MailboxPermission never answers nothing for a
    # mailbox, nor Get-ADPermission for a user's AD object (behaviour table:
    # NT AUTHORITY\SELF).
    $entries = @()
    if ($Details -eq 'UserMailbox') {
        $entries += [ordered]@{ access = 'FullAccess'; mailbox = $guid; trustee = 'NT AUTHORITY\SELF'; accessRights = @('FullAccess', 'ReadPermission') }
        if ($script:Sim.Kind -eq 'onPremises') {
            $entries += [ordered]@{ access = 'FullAccess'; mailbox = $guid; trustee = (Get-SimNetbios) + '\Exchange Servers'; accessRights = @('FullAccess'); isInherited = $true }
        }
    }
    if ($script:Sim.Kind -eq 'onPremises' -and @('User', 'UserMailbox', 'RemoteUserMailbox', 'MailUser') -contains $Details) {
        $entries += [ordered]@{ access = 'SendAs'; mailbox = $guid; trustee = 'NT AUTHORITY\SELF'; accessRights = @('ExtendedRight') }
    }
    foreach ($entry in $entries) {
        $null = $script:Sim.Org.permissions.Add($entry)
    }
    $script:Sim.Permissions = $null
}

function Get-SimDomainSuffix {
    # The DNS domain of the simulated directory: the tenant's on-premises
    # twin, or contoso.com.
    $org = [string]$script:Sim.Org.organization
    if ($org -match '^([^.]+)\.onmicrosoft\.') {
        return $Matches[1] + '.com'
    }
    if ($org -match '\.') {
        return $org.ToLowerInvariant()
    }
    return (($org -replace '[^A-Za-z0-9]', '').ToLowerInvariant() + '.com')
}

# The recipient type each declared field names: the strongest wins (a name
# that is a remote mailbox in one step and a trustee in another is created
# as the remote mailbox).
$script:SimSeedFields = @(
    @('remoteMailboxAcl', 'Name', 'RemoteUserMailbox'), @('echoGroupMessages', 'Name', 'MailUser'),
    @('groupWriteback', 'Name', 'MailUniversalDistributionGroup'),
    @('mailboxRoleAssignmentPolicy', 'Name', 'UserMailbox'), @('fullAccessPermission', 'Mailbox', 'UserMailbox'),
    @('sendOnBehalfPermission', 'Mailbox', 'UserMailbox'), @('folderPermission', 'Mailbox', 'UserMailbox'),
    @('sendAsOnline', 'Mailbox', 'UserMailbox'), @('sendAsOnPremises', 'Mailbox', 'UserMailbox'),
    @('fullAccessPermission', 'Trustee', 'UserMailbox'), @('sendOnBehalfPermission', 'Trustee', 'UserMailbox'),
    @('folderPermission', 'Trustee', 'UserMailbox'), @('sendAsOnline', 'Trustee', 'UserMailbox'), @('sendAsOnPremises', 'Trustee', 'UserMailbox'),
    @('roleGroup', 'Members', 'UserMailbox'), @('groupMembers', 'Links', 'UserMailbox'), @('groupOwners', 'Links', 'UserMailbox'),
    @('groupSubscribers', 'Links', 'UserMailbox')
)

function Initialize-SimSeed {
    # Fills an empty organization from a script's data.
    param([Parameter(Mandatory = $true)] $Data)
    # A script's steps (migrate.ps1's data has none).
    $steps = @()
    if ($Data -is [System.Collections.IDictionary] -and $Data.Contains('Steps')) {
        $steps = @($Data['Steps'])
    }
    $org = $script:Sim.Org
    if ($script:Sim.Kind -eq 'graph') {
        Initialize-SimGraphSeed -Data $Data
        return
    }
    if ($script:Sim.Kind -eq 'entraConnect') {
        # The server's AD connector uses the account the data names (the
        # CN of its ConnectorAccountDN, in the domain of its DC= parts),
        # unless the state says otherwise.
        foreach ($step in $steps) {
            foreach ($item in @($step.Items)) {
                $dn = [string](Get-SimField -Record $item -Name 'ConnectorAccountDN')
                if (-not $org.Contains('connectorAccountName') -and $dn -match '^CN=([^,]+),') {
                    $org['connectorAccountName'] = $Matches[1]
                    $labels = @([regex]::Matches($dn, '(?i)(?:^|,)\s*DC=([^,]+)') | ForEach-Object { $_.Groups[1].Value.Trim() })
                    if (-not $org.Contains('connectorAccountDomain') -and $labels.Count -gt 0) {
                        $org['connectorAccountDomain'] = $labels -join '.'
                    }
                }
            }
        }
        return
    }
    $admin = 'Administrator'
    if ($script:Sim.Kind -eq 'online') {
        $admin = 'admin@' + [string]$org.organization
    }
    Add-SimRecipient -Value $admin -Details 'User'
    $running = @(Find-SimRecipients -Value $admin -Cmdlet '' -Parameter '')[0]
    foreach ($group in $script:Sim.BuiltInRoleGroups) {
        $online = $script:Sim.Kind -eq 'online'
        if ($group['prefix'] -or ($online -and -not $group['env']['online']) -or (-not $online -and -not $group['env']['onPremises'])) {
            continue
        }
        $members = @()
        $roles = @()
        if ($group['name'] -eq 'Organization Management') {
            $members = @([string]$running.guid)
            $roles = @('Organization Client Access', 'Role Management', 'Mail Recipients')
        }
        $null = $org.roleGroups.Add([ordered]@{ name = [string]$group['name']; members = $members; roles = $roles })
    }
    $null = $org.roleAssignmentPolicies.Add([ordered]@{ name = 'Default Role Assignment Policy'; isDefault = $true; assignedRoles = @('MyBaseOptions', 'MyContactInformation', 'MyDistributionGroupMembership') })
    # The email address policies the data adds to exist, each generating
    # the primary address in the directory's domain (a script never
    # creates one).
    foreach ($step in $steps) {
        if ([string]$step.Kind -eq 'emailAddressPolicy') {
            foreach ($item in @($step.Items)) {
                $null = $org.emailAddressPolicies.Add([ordered]@{ name = [string]$item.Name; enabledEmailAddressTemplates = @('SMTP:@' + (Get-SimDomainSuffix)) })
            }
        }
    }
    # The partner application of Exchange Online the data declares exists,
    # enabled, as the Hybrid Configuration Wizard creates it (a script never
    # creates one).
    foreach ($step in $steps) {
        if ([string]$step.Kind -eq 'partnerApplication') {
            foreach ($item in @($step.Items)) {
                $null = $org.partnerApplications.Add([ordered]@{ name = [string]$item.Name; applicationIdentifier = [string]$item.ApplicationIdentifier; enabled = $true })
            }
        }
    }
    # The auth configuration Exchange setup leaves: the declared certificate
    # current, valid until 2036, no next one.
    foreach ($step in $steps) {
        if ([string]$step.Kind -eq 'authCertificate') {
            foreach ($item in @($step.Items)) {
                $org['authCurrentCertificateThumbprint'] = [string]$item.Name
                $org['authCurrentCertificateNotAfter'] = '2036-01-01T00:00:00Z'
            }
        }
    }
    # The EWS virtual directories the data declares an MRS proxy setting of
    # exist (setup creates one per server), with MRS proxy off: Exchange's
    # default (Microsoft: "Enable the MRS Proxy endpoint for remote moves").
    foreach ($step in $steps) {
        if ([string]$step.Kind -eq 'mrsProxy') {
            foreach ($item in @($step.Items)) {
                $null = $org.webServicesVirtualDirectories.Add([ordered]@{ identity = [string]$item.Name; mrsProxyEnabled = $false })
            }
        }
    }
    foreach ($field in $script:SimSeedFields) {
        foreach ($step in $steps) {
            if ([string]$step.Kind -ne $field[0]) {
                continue
            }
            foreach ($item in @($step.Items)) {
                if ($item -is [System.Collections.IDictionary] -and $item.Contains($field[1])) {
                    foreach ($value in @($item[$field[1]])) {
                        Add-SimRecipient -Value ([string]$value) -Details $field[2]
                    }
                }
            }
        }
    }
    Initialize-SimFederation -Steps $steps
    foreach ($step in $steps) {
        foreach ($item in @($step.Items)) {
            foreach ($property in @(Get-SimField -Record $item -Name 'Properties')) {
                if ($null -ne $property -and $property.Name -eq 'FreeBusyAccessScope') {
                    Add-SimRecipient -Value ([string]$property.Value) -Details 'MailUniversalSecurityGroup'
                }
            }
        }
    }
}

function Initialize-SimFederation {
    # The federation trust and the identifier the Hybrid Configuration
    # Wizard left, for a script that declares them (a federationTrust step):
    # the trust of the declared name with a certificate valid until 2036,
    # years, the declared account namespace, enabled, no federated domain.
    param($Steps)
    $org = $script:Sim.Org
    foreach ($step in @($Steps)) {
        if ([string]$step.Kind -ne 'federationTrust') {
            continue
        }
        foreach ($item in @($step.Items)) {
            $org['federationTrusts'] = @([ordered]@{ name = [string]$item.Name; certificateNotAfter = '2036-01-01T00:00:00Z' })
            $org['accountNamespace'] = 'FYDIBOHF25SPDLT.' + [string]$item.AccountNamespace
            $org['federationEnabled'] = $true
        }
    }
}

function Get-SimStandIn {
    # The stand-ins for the engine's Windows-only functions, each one Windows
    # API call or path check: the simulator answers them from the
    # organization. Every other engine line runs as written.
    return @{
        'Get-HybridcCurrentAccountSid' = { $sim = Get-HybridcSimulation; [string]$sim.RunningSid }
        'ConvertTo-HybridcAccountSid'  = { param([string]$Account) ConvertTo-SimAccountSid -Account $Account }
        # Scripts of earlier hybridc versions asked Windows for the forest
        # ([System.DirectoryServices.ActiveDirectory.Domain]::
        # GetComputerDomain().Forest): reported to resolve through the
        # signed-in account's domain (behaviour table, unconfirmed), so an
        # administrator of an admin forest gets that forest (the state's
        # signedInForest; default: the organization's name).
        'Get-HybridcForestName'        = { $sim = Get-HybridcSimulation; if ($sim.Org.Contains('signedInForest')) { [string]$sim.Org.signedInForest } else { [string]$sim.Org.organization } }
        # The simulated AdSyncConfig cmdlets are defined already.
        # The module is where Entra Connect's installer puts it, under the
        # Program Files folder (the state's programFiles, which the run sets
        # as $env:ProgramFiles; default C:\Program Files).
        'Test-HybridcAdSyncConfig'     = { param([string]$Path) $Path -eq ((Get-SimProgramFiles) + '\Microsoft Azure Active Directory Connect\AdSyncConfig\AdSyncConfig.psm1') }
        'Get-HybridcPrincipalName'     = { param([string]$DN) Get-SimPrincipalName -DN $DN }
        'Import-HybridcAdSyncConfig'   = { param([string]$Path) }
        # The forest's domains (the state's domains), the connector
        # account's objectSid and an object's access rules (Sim.Entra.ps1).
        'Get-HybridcDomainRoots'       = { param([string]$Forest) @(Get-SimEntraList -Name 'domains' | ForEach-Object { ConvertTo-SimDomainRoot -Domain $_ }) }
        'Get-HybridcDnSid'             = { param([string]$DN) Get-SimDnSid -DN $DN }
        'Get-HybridcAccessRules'       = { param([string]$DN) Get-SimAccessRules -DN $DN }
        # Time is simulated: the engine's waits (retries, polling) are
        # recorded, not slept.
        'Start-Sleep'                  = { param([int]$Seconds) $sim = Get-HybridcSimulation; $sim.Slept += $Seconds }
        # Get-Credential prints its prompt (a test reads what it names).
        'Get-Credential'               = { param([string]$Message) Write-Host ('Get-Credential: ' + $Message); New-Object -TypeName 'System.Management.Automation.PSCredential' -ArgumentList 'SIM\availability', (New-Object -TypeName 'System.Security.SecureString') }
    }
}

function ConvertTo-SimAccountSid {
    # DOMAIN\account to the SID of the recipient with that NetBIOS domain and
    # SAM account name (ignoring case, as Windows does), or ''.
    param([string]$Account)
    Update-SimIndex
    $found = $null
    if ($script:Sim.Index.TryGetValue('Domain\User|' + $Account, [ref]$found) -and $found.Count -eq 1) {
        return [string](Get-SimField -Record $found[0] -Name 'sid')
    }
    return ''
}
