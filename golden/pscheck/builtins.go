package pscheck

import "strings"

// standardCommands lists the Windows PowerShell 5.1 cmdlets, functions and
// default aliases that a generated script may call besides Exchange cmdlets
// (rule 5 of CheckCatalog). This is the one list to edit. Exchange Online
// connection cmdlets (Connect-ExchangeOnline, Get-ConnectionInformation, ...)
// are in the catalog itself. exit, return, throw, break, continue are
// keywords, not commands, and never reach this list.
// entraConnectCommands are the cmdlets of Microsoft Entra Connect's
// AdSyncConfig module that generated scripts for the Entra Connect server
// call (seed 002). They are not Exchange cmdlets, so the catalog does not
// list them.
const entraConnectCommands = `
Get-ADSyncADConnectorAccount Set-ADSyncUnifiedGroupWritebackPermissions
`

// graphCommands are the cmdlets of the Microsoft Graph PowerShell SDK
// that entra-app.ps1 calls (the dedicated Exchange hybrid application in
// Entra ID). They are not Exchange cmdlets either.
const graphCommands = `
Get-MgContext Get-MgOrganization Get-MgApplication New-MgApplication Update-MgApplication
Get-MgApplicationOwner
Get-MgServicePrincipal New-MgServicePrincipal Update-MgServicePrincipal
Get-MgServicePrincipalAppRoleAssignment New-MgServicePrincipalAppRoleAssignment
`

const standardCommands = `
Add-Content Add-Member Add-PSSnapin Add-Type Clear-Content Clear-Host Clear-Item
Clear-Variable Compare-Object ConvertFrom-Csv ConvertFrom-Json ConvertFrom-SecureString
ConvertFrom-StringData ConvertTo-Csv ConvertTo-Html ConvertTo-Json ConvertTo-SecureString
ConvertTo-Xml Copy-Item Disable-PSBreakpoint Enter-PSSession Exit-PSSession Export-Clixml
Export-Csv Export-ModuleMember ForEach-Object Format-Custom Format-List Format-Table
Format-Wide Get-Acl Get-Alias Get-AuthenticodeSignature Get-ChildItem Get-Command
Get-Content Get-Credential Get-Culture Get-Date Get-Event Get-ExecutionPolicy
Get-FileHash Get-Help Get-History Get-Host Get-Item Get-ItemProperty Get-Job Get-Location
Get-Member Get-Module Get-PSCallStack Get-PSDrive Get-PSSession Get-PSSnapin Get-Process
Get-Random Get-Service Get-TimeZone Get-UICulture Get-Unique Get-Variable Get-WmiObject
Get-CimInstance Group-Object Import-Clixml Import-Csv Import-LocalizedData Import-Module
Import-PSSession Invoke-Command Invoke-RestMethod Invoke-WebRequest Join-Path
Measure-Command Measure-Object Move-Item New-Item New-ItemProperty New-Module New-Object
New-PSSession New-PSSessionOption New-TimeSpan New-Variable Out-Default Out-File Out-Host
Out-Null Out-String Pop-Location Push-Location Read-Host Receive-Job Register-ArgumentCompleter
Remove-Item Remove-ItemProperty Remove-Job Remove-Module Remove-PSSession Remove-Variable
Rename-Item Resolve-Path Select-Object Select-String Select-Xml Set-Acl Set-AuthenticodeSignature
Set-Content Set-Item Set-ItemProperty Set-Location Set-PSDebug Set-StrictMode Set-Variable
Sort-Object Split-Path Start-Job Start-Sleep Start-Transcript Stop-Job Stop-Transcript
Tee-Object Test-Connection Test-Path Trace-Command Update-FormatData Update-TypeData
Wait-Job Where-Object Write-Debug Write-Error Write-Host Write-Information Write-Output
Write-Progress Write-Verbose Write-Warning
% ? cat cd cls compare copy cp del diff dir echo fc fl foreach ft fw gc gci gcm gdr gi gm
gmo gp group gsv gv iex ipmo iwr kill ls measure mi mkdir move mv ni nv ogv popd ps pushd
pwd r rd rm rmdir sajb sal sc select set si sl sleep sls sort sp spps ssv sv tee type where
write
`

// standard is standardCommands and entraConnectCommands as a lower-case
// set.
var standard = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(standardCommands + entraConnectCommands + graphCommands) {
		m[strings.ToLower(f)] = true
	}
	return m
}()

// commonParams maps the lower-case names and aliases of PowerShell 5.1
// common parameters to their names. WhatIf and Confirm are not here: they
// are accepted only where the catalog lists them.
var commonParams = map[string]string{
	"verbose": "Verbose", "vb": "Verbose",
	"debug": "Debug", "db": "Debug",
	"erroraction": "ErrorAction", "ea": "ErrorAction",
	"warningaction": "WarningAction", "wa": "WarningAction",
	"informationaction": "InformationAction", "infa": "InformationAction",
	"errorvariable": "ErrorVariable", "ev": "ErrorVariable",
	"warningvariable": "WarningVariable", "wv": "WarningVariable",
	"informationvariable": "InformationVariable", "iv": "InformationVariable",
	"outvariable": "OutVariable", "ov": "OutVariable",
	"outbuffer": "OutBuffer", "ob": "OutBuffer",
	"pipelinevariable": "PipelineVariable", "pv": "PipelineVariable",
}

// actionPreference is the ActionPreference enum of Windows PowerShell 5.1,
// the values of -ErrorAction, -WarningAction and -InformationAction.
var actionPreference = []string{"SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend"}
