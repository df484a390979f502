#@ run header: head synopsis description
#@ run header/2: description.2
#@ run header/3: description.3 example example.2 example.3 notes
#@ run header#2: head synopsis#2 description
#@ run header/3#2: description.3 example#2 example.2#2 example.3#2 notes
#@ run header#3: head synopsis#3 description
#@ run header/3#3: description.3 example#3 example.2#3 example.3#3 notes
#@ run header#4: head synopsis#4 description
#@ run header/3#4: description.3#2 example#4 example.2#4 example.3#4 notes#2
#@ run header#5: head synopsis#5 description
#@ run header/3#5: description.3 example#5 example.2#5 example.3#5 notes
#@ run header#6: head synopsis#6 description
#@ run header/2#2: description.2#2
#@ run header/3#6: description.3#3 example#6 example.2#6 notes#3
#@ run header#7: head synopsis#7 description
#@ run header/3#7: description.3#3 example#7 example.2#7 notes#3
#@ piece head
#Requires -Version 5.1
<#
#@ piece synopsis
.SYNOPSIS
    Brings an Exchange Online tenant to the state a hybridc configuration declares.

#@ piece synopsis#2
.SYNOPSIS
    Brings the on-premises Exchange organization to the state a hybridc configuration declares.

#@ piece synopsis#3
.SYNOPSIS
    Brings the Microsoft Entra Connect server to the state a hybridc configuration declares.

#@ piece synopsis#4
.SYNOPSIS
    Brings the dedicated Exchange hybrid application in Microsoft Entra ID to the state a hybridc configuration declares.

#@ piece synopsis#5
.SYNOPSIS
    Brings a partner's Exchange Online tenant to the state a hybridc configuration declares.

#@ piece synopsis#6
.SYNOPSIS
    Reads an Exchange Online tenant for hybridc: a read-only export.

#@ piece synopsis#7
.SYNOPSIS
    Reads the on-premises Exchange organization for hybridc: a read-only export.

#@ piece description
.DESCRIPTION
#@ piece description.2
    the file and position of every resource.
    Generated file, do not edit: change the YAML and run hybridc compile again.

#@ piece description.2#2
    Generated file, do not edit: run hybridc export again.

#@ piece description.3

    The script has two parts. $HybridcDesired, a PowerShell data section, holds
    every value of the configuration as literals: PowerShell refuses to run any
    command inside a data section. The functions after it are hybridc's
    engine, the same for every configuration; only the kinds of resources the
    configuration declares are included.

    Before it changes anything the script checks that it is connected to the
    organization the data names. For each resource it reads the current state
    (each kind of object once, in bulk, where Exchange allows), creates what is
    missing, sets only what differs, adds declared members without removing
    others (unless the configuration marks a set exclusive), removes what the
    configuration declares absent, and reports the rest as unchanged: a second
    run changes nothing. A failed resource is reported and the script goes on
    with the next one; the summary lists every failure.

.PARAMETER Check
    Change nothing: report what differs from the configuration, then exit 2 if
    anything does, or 0 if everything is in sync.

.PARAMETER ReportPath
    Also write the result of every resource (status, detail, source position
    in the configuration) as JSON to this file, for CI and audit.

#@ piece description.3#2

    The script has two parts. $HybridcDesired, a PowerShell data section, holds
    every value of the configuration as literals: PowerShell refuses to run any
    command inside a data section. The functions after it are hybridc's
    engine, the same for every configuration; only the kinds of resources the
    configuration declares are included.

    Before it changes anything the script checks that it is connected to the
    organization the data names. For each resource it reads the current state
    (each kind of object once, in bulk, where Exchange allows), creates what is
    missing, sets only what differs, adds declared members without removing
    others (unless the configuration marks a set exclusive), removes what the
    configuration declares absent, and reports the rest as unchanged: a second
    run changes nothing. A failed resource is reported and the script goes on
    with the next one; the summary lists every failure.

.PARAMETER Check
    Change nothing: report what differs from the configuration, then exit 2 if
    anything does, or 0 if everything is in sync.

.PARAMETER ReportPath
    Also write the result of every resource (status, detail, source position
    in the configuration) as JSON to this file, for CI and audit.

.PARAMETER CertificateFile
    The auth certificates to add as key credentials of the application:
    .cer files (the public part only, no private key) exported on an
    Exchange server, each one the configuration declares
    (onPremises.authCertificate, current and next); checked by thumbprint
    before anything changes. Needed only while a declared certificate is
    not yet a key credential.

.PARAMETER CleanUpFirstParty
    Also remove the declared auth certificates from the shared Office 365
    Exchange Online service principal (cleanUpFirstPartyKeyCredentials).
    Pass it only after onprem.ps1 has made Exchange use the application and
    Test-OAuthConnectivity succeeds: until then free/busy needs them.

#@ piece description.3#3

    The script changes nothing: it calls only Get- cmdlets. It reads
    everything hybridc manages, each kind of object once, in bulk, where
    Exchange allows, and writes it as one JSON state file (format version 1,
    described by hybridc's schema/state.schema.json) to -StatePath. hybridc
    import turns state files into a configuration; hybridc plan --state and
    hybridc batches --state read them offline.

    Before it reads anything it checks that the cmdlets it needs exist and
    that the session is connected to the organization named by
    -Organization (or given to hybridc export). Any failed read stops the
    export and nothing is written: a state file is always complete.

.PARAMETER StatePath
    The JSON file to write (UTF-8). It is written only when every read
    succeeded.

.PARAMETER Organization
    The organization the session must be connected to: the on-premises
    organization's name, or the tenant's initial domain. Default: the one
    given to hybridc export, if any.

.PARAMETER Folders
    Mailbox folders whose permissions are read in every mailbox, by their
    English names as a configuration declares them (Calendar,
    Inbox\Projects). A default folder (Calendar, Contacts, Inbox, Tasks,
    Notes, Journal, Drafts, Sent Items, Deleted Items, Junk Email, Outbox)
    bears its name in the mailbox's language (Kalender, Calendrier): it is
    found by its type, once per mailbox and type, and its entries recorded
    under the name given. Exchange has no bulk read for them: one call per
    mailbox and folder. Default: none.

#@ piece example
.EXAMPLE
    PS> .\online.ps1 -Check
    Reports what differs from the configuration without changing anything.

#@ piece example#2
.EXAMPLE
    PS> .\onprem.ps1 -Check
    Reports what differs from the configuration without changing anything.

#@ piece example#3
.EXAMPLE
    PS> .\entra-connect.ps1 -Check
    Reports what differs from the configuration without changing anything.

#@ piece example#4
.EXAMPLE
    PS> .\entra-app.ps1 -Check
    Reports what differs from the configuration without changing anything.

#@ piece example#5
.EXAMPLE
    PS> .\partner-<domain>.ps1 -Check
    Reports what differs from the configuration without changing anything.

#@ piece example#6
.EXAMPLE
    PS> .\export-online.ps1 -StatePath state.json
    Reads the organization and writes state.json.

#@ piece example#7
.EXAMPLE
    PS> .\export-onprem.ps1 -StatePath state.json
    Reads the organization and writes state.json.

#@ piece example.2
.EXAMPLE
    PS> .\online.ps1 -WhatIf
    Shows every change the script would make.

#@ piece example.2#2
.EXAMPLE
    PS> .\onprem.ps1 -WhatIf
    Shows every change the script would make.

#@ piece example.2#3
.EXAMPLE
    PS> .\entra-connect.ps1 -WhatIf
    Shows every change the script would make.

#@ piece example.2#4
.EXAMPLE
    PS> .\entra-app.ps1 -WhatIf
    Shows every change the script would make.

#@ piece example.2#5
.EXAMPLE
    PS> .\partner-<domain>.ps1 -WhatIf
    Shows every change the script would make.

#@ piece example.2#6
.EXAMPLE
    PS> .\export-online.ps1 -StatePath state.json -Folders Calendar
    Also reads every mailbox's Calendar permissions.

#@ piece example.2#7
.EXAMPLE
    PS> .\export-onprem.ps1 -StatePath state.json -Folders Calendar
    Also reads every mailbox's Calendar permissions.

#@ piece example.3
.EXAMPLE
    PS> .\online.ps1 -ReportPath result.json
    Applies the configuration and writes the result of every resource.

#@ piece example.3#2
.EXAMPLE
    PS> .\onprem.ps1 -ReportPath result.json
    Applies the configuration and writes the result of every resource.

#@ piece example.3#3
.EXAMPLE
    PS> .\entra-connect.ps1 -ReportPath result.json
    Applies the configuration and writes the result of every resource.

#@ piece example.3#4
.EXAMPLE
    PS> .\entra-app.ps1 -ReportPath result.json
    Applies the configuration and writes the result of every resource.

#@ piece example.3#5
.EXAMPLE
    PS> .\partner-<domain>.ps1 -ReportPath result.json
    Applies the configuration and writes the result of every resource.

#@ piece notes
.NOTES
    Exit codes: 0 success (with -Check: in sync), 1 a failure (the summary and
    the report name it), 2 drift found (-Check only), 3 pending: Exchange
    Online has not finished organization customization, which can take
    hours; what needs it was left for a later run (run the script again).
    A failure comes before the others; with -Check, drift (2) comes before
    pending (3), and the summary counts both.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
param(
    [switch]$Check,
    [string]$ReportPath = ''
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

#@ piece notes#2
.NOTES
    Exit codes: 0 success (with -Check: in sync), 1 a failure (the summary and
    the report name it), 2 drift found (-Check only), 3 pending: Exchange
    Online has not finished organization customization, which can take
    hours; what needs it was left for a later run (run the script again).
    A failure comes before the others; with -Check, drift (2) comes before
    pending (3), and the summary counts both.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
param(
    [switch]$Check,
    [string]$ReportPath = '',
    [string[]]$CertificateFile = @(),
    [switch]$CleanUpFirstParty
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

#@ piece notes#3
.NOTES
    Exit codes: 0 the state file was written, 1 a failure (nothing was
    written).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string]$StatePath,
    [string]$Organization = '',
    [string[]]$Folders = @()
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

