# A simulated Exchange organization for running hybridc's scripts: functions
# named as the Exchange, Exchange Online, AD and Entra Connect cmdlets the
# scripts call, standing in for the implicit-remoting and EXO V3 modules,
# over an organization held in memory in hybridc's state format. See
# README.md beside this file.

Set-StrictMode -Version Latest

$script:SimHandlers = @{}
$script:Sim = @{}
$script:SimExtraCmdlets = @{}
$script:SimSets = @{}
$script:SimInstalled = @()
foreach ($part in @('Model', 'Identity', 'Errors', 'Cmdlets', 'Directory', 'Config', 'Permissions', 'Folders', 'Rbac', 'Groups', 'Entra', 'Graph', 'GraphCmdlets', 'Migration', 'Seed', 'Variants', 'Run')) {
    . (Join-Path -Path $PSScriptRoot -ChildPath ('Sim.' + $part + '.ps1'))
}

function Initialize-HybridcSimulator {
    # Sets up the simulated organization for one script and defines its
    # cmdlets. Kind is onPremises, online or entraConnect; Version the
    # on-premises Exchange version as the catalog names it.
    param(
        [Parameter(Mandatory = $true)] [string]$Kind,
        [string]$Version = 'Exchange Server SE',
        [Parameter(Mandatory = $true)] $Organization,
        [string]$Faults = ''
    )
    $data = Read-SimProjectData
    $behaviour = $data.Behaviour
    $rows = @{}
    foreach ($row in $behaviour.cmdlets) {
        $rows[$row['name']] = $row
    }
    $script:Sim = @{
        Kind = $Kind; Version = $Version; Org = $Organization; Behaviour = $rows; Errors = $behaviour.errors
        BuiltInRoleGroups = $behaviour.roleGroups; Catalog = $data.Catalog; GuidCounter = 0
        Calls = New-Object -TypeName 'System.Collections.ArrayList'
        Defects = New-Object -TypeName 'System.Collections.Generic.List[string]'
        Faults = New-Object -TypeName 'System.Collections.ArrayList'
        IndexDirty = $true; Index = $null; ByGuid = $null; Permissions = $null; CurrentCmdlet = ''
        RunningAccount = ''; RunningSid = ''; Slept = 0; Variant = @{}; CmdletTicks = [long]0
    }
    Initialize-SimLists
    if ($Faults -ne '') {
        $script:Sim.Faults = Import-SimFaults -Path $Faults
    }
    Set-SimVariants
    Install-SimCmdlets
}

function Get-HybridcSimulation {
    # The simulator's state, for the entry script: the organization, the
    # calls and the defects found.
    return $script:Sim
}

Export-ModuleMember -Function Initialize-HybridcSimulator, Get-HybridcSimulation, Start-SimRun, Complete-SimRun, Get-SimStandIn, New-SimOrganization, Add-SimObjects, ConvertTo-SimAccountSid
