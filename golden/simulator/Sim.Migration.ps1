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

# Migration batches (Get-/New-MigrationBatch, Get-MigrationUser), held in the
# organization's migrationBatches (the simulator's own list: no state file
# holds it). A batch's users are the EmailAddress column of the CSV
# New-MigrationBatch was given; a new batch is Created, or Syncing with
# -AutoStart.

function Get-SimMigrationBatches {
    if (-not $script:Sim.Org.Contains('migrationBatches') -or $null -eq $script:Sim.Org['migrationBatches']) {
        $script:Sim.Org['migrationBatches'] = New-Object -TypeName 'System.Collections.ArrayList'
    }
    elseif ($script:Sim.Org['migrationBatches'] -isnot [System.Collections.ArrayList]) {
        $list = New-Object -TypeName 'System.Collections.ArrayList'
        foreach ($entry in @($script:Sim.Org['migrationBatches'])) {
            $null = $list.Add($entry)
        }
        $script:Sim.Org['migrationBatches'] = $list
    }
    return , $script:Sim.Org['migrationBatches']
}

function ConvertFrom-SimMigrationCsv {
    # The EmailAddress column of a CSV given as bytes (UTF-8).
    param([byte[]]$Bytes)
    $text = [System.Text.Encoding]::UTF8.GetString($Bytes)
    $rows = @($text | ConvertFrom-Csv)
    if ($rows.Count -gt 0 -and -not ($rows[0].PSObject.Properties.Name -contains 'EmailAddress')) {
        throw 'the CSV has no EmailAddress column'
    }
    return @($rows | ForEach-Object { [string]$_.EmailAddress })
}

$script:SimHandlers['Get-MigrationBatch'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('ResultSize')
    $batches = Get-SimMigrationBatches
    foreach ($record in $batches) {
        New-SimObject -Type 'Microsoft.Exchange.Migration.MigrationBatch' -Properties ([ordered]@{ Identity = [string]$record['name']; Status = [string]$record['status']; TotalCount = @($record['users']).Count })
    }
}

$script:SimHandlers['New-MigrationBatch'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('Name', 'SourceEndpoint', 'TargetDeliveryDomain', 'CSVData', 'AutoStart', 'AutoComplete')
    $batches = Get-SimMigrationBatches
    $name = [string]$Call['Name']
    if (@(Find-SimNamed -List $batches -Field 'name' -Value $name).Count -gt 0) {
        throw ('a migration batch named ''' + $name + ''' already exists')
    }
    $null = Resolve-SimNamed -List $script:Sim.Org['migrationEndpoints'] -Field 'name' -Value $Call['SourceEndpoint']
    if ([string]$Call['TargetDeliveryDomain'] -eq '') {
        throw '-TargetDeliveryDomain is required for a remote move onboarding batch'
    }
    $users = @(ConvertFrom-SimMigrationCsv -Bytes ([byte[]]$Call['CSVData']))
    $status = 'Created'
    if ($Call.ContainsKey('AutoStart') -and [bool]$Call['AutoStart']) {
        $status = 'Syncing'
    }
    $record = [ordered]@{ name = $name; sourceEndpoint = [string]$Call['SourceEndpoint']; targetDeliveryDomain = [string]$Call['TargetDeliveryDomain']; status = $status; autoComplete = ($Call.ContainsKey('AutoComplete') -and [bool]$Call['AutoComplete']); users = $users }
    $null = $batches.Add($record)
    New-SimObject -Type 'Microsoft.Exchange.Migration.MigrationBatch' -Properties ([ordered]@{ Identity = $name; Status = $status; TotalCount = $users.Count })
}

$script:SimHandlers['Get-MigrationUser'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('BatchId', 'ResultSize')
    $record = Resolve-SimNamed -List (Get-SimMigrationBatches) -Field 'name' -Value $Call['BatchId']
    foreach ($user in @($record['users'])) {
        New-SimObject -Type 'Microsoft.Exchange.Migration.MigrationUser' -Properties ([ordered]@{ Identity = [string]$user; BatchId = [string]$record['name'] })
    }
}
