# Mailbox moves: the tenant's migration endpoints (Get-, New- and
# Set-MigrationEndpoint), held in the state's migrationEndpoints. The
# credentials a New- or Set- call passes are checked to be a PSCredential
# and never stored.

function Assert-SimMigrationCredential {
    param($Value)
    if ($Value -isnot [System.Management.Automation.PSCredential]) {
        throw ('-Credentials of ' + $script:Sim.CurrentCmdlet + ' is not a PSCredential')
    }
}

function ConvertTo-SimMigrationEndpoint {
    param([Parameter(Mandatory = $true)] $Record)
    $properties = [ordered]@{
        Identity                      = [string]$Record['name']
        EndpointType                  = [string](Get-SimField -Record $Record -Name 'endpointType')
        RemoteServer                  = [string](Get-SimField -Record $Record -Name 'remoteServer')
        MaxConcurrentMigrations       = Get-SimField -Record $Record -Name 'maxConcurrentMigrations'
        MaxConcurrentIncrementalSyncs = Get-SimField -Record $Record -Name 'maxConcurrentIncrementalSyncs'
    }
    return New-SimObject -Type 'Microsoft.Exchange.Migration.MigrationEndpoint' -Properties $properties
}

$script:SimHandlers['Get-MigrationEndpoint'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @()
    foreach ($record in @($script:Sim.Org['migrationEndpoints'])) {
        ConvertTo-SimMigrationEndpoint -Record $record
    }
}

$script:SimHandlers['New-MigrationEndpoint'] = {
    # Exchange's defaults for a new endpoint: 20 migrations, 10 incremental
    # syncs at once (New-MigrationEndpoint page).
    param($Call)
    Assert-SimHandled -Call $Call -Names @('ExchangeRemoteMove', 'Name', 'RemoteServer', 'Credentials', 'MaxConcurrentMigrations', 'MaxConcurrentIncrementalSyncs')
    Assert-SimMigrationCredential -Value $Call['Credentials']
    $name = [string]$Call['Name']
    if (@(Find-SimNamed -List $script:Sim.Org['migrationEndpoints'] -Field 'name' -Value $name).Count -gt 0) {
        throw ('an object named ''' + $name + ''' already exists')
    }
    $record = [ordered]@{ name = $name; endpointType = 'ExchangeRemoteMove'; remoteServer = [string]$Call['RemoteServer']; maxConcurrentMigrations = 20; maxConcurrentIncrementalSyncs = 10 }
    Set-SimProperties -Record $record -Call $Call -Skip @('ExchangeRemoteMove', 'Name', 'RemoteServer', 'Credentials')
    foreach ($key in @('maxConcurrentMigrations', 'maxConcurrentIncrementalSyncs')) {
        $record[$key] = [int]$record[$key]
    }
    $null = $script:Sim.Org['migrationEndpoints'].Add($record)
    ConvertTo-SimMigrationEndpoint -Record $record
}

$script:SimHandlers['Set-MigrationEndpoint'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Identity', 'RemoteServer', 'Credentials', 'MaxConcurrentMigrations', 'MaxConcurrentIncrementalSyncs')
    if ($Call.ContainsKey('Credentials')) {
        Assert-SimMigrationCredential -Value $Call['Credentials']
    }
    $record = Resolve-SimNamed -List $script:Sim.Org['migrationEndpoints'] -Field 'name' -Value $Call.Identity
    Set-SimProperties -Record $record -Call $Call -Skip @('Identity', 'Credentials')
    foreach ($key in @('maxConcurrentMigrations', 'maxConcurrentIncrementalSyncs')) {
        if ($Call.ContainsKey((ConvertTo-SimParameterName -Key $key))) {
            $record[$key] = [int]$record[$key]
        }
    }
}
