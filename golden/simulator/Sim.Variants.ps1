# Variants: where the behaviour table marks a fact unconfirmed, the
# simulator can play each plausible behaviour, so that the scenarios run
# under each. A run names the variants it wants (Invoke-HybridcSimulation.ps1
# -Variant '{"delegates":"name"}'); the first value of each is the default.

$script:SimVariants = [ordered]@{
    # Get- cmdlets asked for one object that does not exist: an error
    # (ManagementObjectNotFoundException), or no output. Table: the read
    # rows' notFound, unconfirmed for most cmdlets.
    notFound   = @('error', 'empty')
    # How GrantSendOnBehalfTo and a role group's Members name their objects
    # over remoting: the identity (canonical name on-premises), the
    # distinguished name, or the name. Table: Get-Mailbox and
    # Get-RoleGroupMember properties, unconfirmed.
    delegates  = @('identity', 'distinguishedName', 'name')
    # The User of a folder permission entry: an object carrying the
    # recipient, or only its display name (a serialization depth cut).
    # Table: Get-MailboxFolderPermission, unconfirmed.
    folderUser = @('object', 'displayName')
    # A Uri property whose value is only a scheme and host, as given or with
    # the trailing slash System.Uri adds. Table: Get-OrganizationRelationship
    # TargetApplicationUri, unconfirmed.
    uri        = @('asGiven', 'trailingSlash')
    # A list parameter of a New- cmdlet given an empty list (New-RoleGroup
    # -Members/-Roles, New-RoleAssignmentPolicy -Roles): taken as no
    # entries, or refused as PowerShell refuses an empty argument. Table:
    # New-RoleGroup multiValued, unconfirmed.
    emptyLists = @('accept', 'reject')
    # Not an unconfirmed fact but the mailboxes' language: the names of
    # their default folders (Calendar, Kalender, Calendrier; Sim.Folders);
    # 'renamed': English, with the calendar renamed Inbox\Secret.
    folderLanguage = @('en', 'de', 'fr', 'renamed')
    # Enable-OrganizationCustomization takes effect at once, or not within
    # the run (hydration can take hours), or (stale) it answers "not
    # available in current service offer" (customization not needed or
    # done) while the tenant keeps reporting IsDehydrated True and accepts
    # organization-wide changes. Table: Enable-OrganizationCustomization,
    # unconfirmed.
    hydration  = @('immediate', 'delayed', 'stale')
    # A mail user piped into Get-MailboxMessageConfiguration (the echo
    # setting): read, or refused since a mail user has no mailbox in
    # Exchange Online (seed 002 only sets it). Table:
    # Set-MailboxMessageConfiguration, unconfirmed.
    mailUserMessageConfiguration = @('read', 'refused')
}

function Assert-SimListNotEmpty {
    # Under the emptyLists=reject variant, refuses a list parameter given
    # with no entries, with PowerShell's validation message.
    param([Parameter(Mandatory = $true)] [hashtable]$Call, [Parameter(Mandatory = $true)] [string[]]$Names)
    if (-not (Test-SimVariant -Name 'emptyLists' -Value 'reject')) {
        return
    }
    foreach ($name in $Names) {
        if ($Call.ContainsKey($name) -and @($Call[$name] | Where-Object { $null -ne $_ -and [string]$_ -ne '' }).Count -eq 0) {
            Stop-SimRefusal -Message ('Cannot validate argument on parameter ''' + $name + '''. The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.')
        }
    }
}

function Set-SimVariants {
    # The variants of this run: the defaults, overridden by a JSON object.
    param([string]$Json = '')
    $chosen = @{}
    foreach ($name in $script:SimVariants.Keys) {
        $chosen[$name] = $script:SimVariants[$name][0]
    }
    if ($Json -ne '') {
        $asked = ConvertFrom-Json -InputObject $Json -AsHashtable
        foreach ($name in $asked.Keys) {
            if (-not $script:SimVariants.Contains($name) -or @($script:SimVariants[$name]) -notcontains [string]$asked[$name]) {
                throw ('simulator: unknown variant ' + $name + '=' + [string]$asked[$name] + '; known: ' + (@($script:SimVariants.Keys | ForEach-Object { $_ + '=' + ($script:SimVariants[$_] -join '|') }) -join ', '))
            }
            $chosen[$name] = [string]$asked[$name]
        }
    }
    $script:Sim.Variant = $chosen
}

function Test-SimVariant {
    # Whether this run plays a variant's value.
    param([Parameter(Mandatory = $true)] [string]$Name, [Parameter(Mandatory = $true)] [string]$Value)
    return $script:Sim.Variant[$Name] -eq $Value
}

function ConvertTo-SimUriText {
    # A Uri property as this run renders it.
    param($Value)
    $text = [string]$Value
    if ((Test-SimVariant -Name 'uri' -Value 'trailingSlash') -and $text -match '^[a-z]+://[^/]+$') {
        return $text + '/'
    }
    return $text
}
