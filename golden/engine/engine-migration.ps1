#@ run engine-migration: head Get-HybridcMigrationCredential Sync-HybridcMigrationEndpoint
#@ run engine-migration#2: head Sync-HybridcMRSProxy
#@ piece head
# ---------------------------------------------------------------------------
# Mailbox moves: the MRS proxy endpoint of the Exchange Web Services virtual
# directories on-premises, and the migration endpoint in Exchange Online.

#@ piece Get-HybridcMigrationCredential
function Get-HybridcMigrationCredential {
    # The on-premises account the migration endpoint moves mailboxes with,
    # asked of the operator at run time (never in the YAML, the script or a
    # log), naming the remote server the account is given to.
    param($Item, [string]$Server)
    $credential = Get-Credential -Message ('On-premises credentials (DOMAIN\user) for the migration endpoint ' + [string]$Item.Name + ' on the remote server ' + $Server + ': an account with permission to move mailboxes; they are sent to that server')
    if ($null -eq $credential) {
        throw ('no credentials were given for the remote server ' + $Server + ': the migration endpoint was not changed.')
    }
    return $credential
}

#@ piece Sync-HybridcMigrationEndpoint
function Sync-HybridcMigrationEndpoint {
    # Remote move migration endpoints, read once, matched by name. A new one
    # is created with the credentials the operator gives (asked only then);
    # an existing one's settings are set without touching its credentials,
    # except a new remote server, set only with credentials asked for it.
    # One of another type (IMAP, Outlook Anywhere) is refused, not changed.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcMigrationEndpoints = @(Invoke-HybridcCall -Call { Get-MigrationEndpoint -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcMigrationEndpoints | Where-Object { Test-HybridcSameName -A ([string]$_.Identity) -B $item.Name })
        if ($current.Count -eq 0) {
            $settings = ConvertTo-HybridcSplat -Properties $item.Properties
            $shown = @(@($item.Properties) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.Name + '=' + (ConvertTo-HybridcText -Value $_.Value) })
            $null = Invoke-HybridcChange -Item $item -Action ('New-MigrationEndpoint -ExchangeRemoteMove ' + ($shown -join '; ') + ' (asks for credentials)') -Done 'created' -Change {
                $credential = Get-HybridcMigrationCredential -Item $item -Server ([string]$settings['RemoteServer'])
                $null = Invoke-HybridcCall -Change -Call { New-MigrationEndpoint -ExchangeRemoteMove -Name ([string]$item.Name) -Credentials $credential @settings -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        if ($current.Count -gt 1) {
            throw ('several migration endpoints have the name ' + [string]$item.Name + ': ' + (@($current | ForEach-Object { [string]$_.Identity }) -join ', ') + '.')
        }
        $type = [string](Get-HybridcValue -Object $current[0] -Name 'EndpointType')
        if ($type -ne '' -and $type -ne 'ExchangeRemoteMove') {
            throw ('exists as a migration endpoint of type ' + $type + ', not ExchangeRemoteMove: hybridc does not change it; give the remote move endpoint another name.')
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $key = [string]$current[0].Identity
        $action = 'set ' + ($details -join '; ')
        if ($drift.ContainsKey('RemoteServer')) {
            # The stored account must not go to another host: a new remote
            # server is set only with credentials asked for it.
            $action += ' (asks for credentials for the new remote server)'
        }
        $null = Invoke-HybridcChange -Item $item -Action $action -Done 'updated' -Change {
            if ($drift.ContainsKey('RemoteServer')) {
                $drift['Credentials'] = Get-HybridcMigrationCredential -Item $item -Server ([string]$drift['RemoteServer'])
            }
            $null = Invoke-HybridcCall -Change -Call { Set-MigrationEndpoint -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcMRSProxy
function Sync-HybridcMRSProxy {
    # Exchange Web Services virtual directories, read once from Active
    # Directory (-ADPropertiesOnly: no call to each server's IIS), matched by
    # identity (<server>\<name>), ignoring case. A virtual directory is
    # never created here, and one the YAML does not declare is not touched.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcWebServicesDirectories = @(Invoke-HybridcCall -Call { Get-WebServicesVirtualDirectory -ADPropertiesOnly -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcWebServicesDirectories | Where-Object { Test-HybridcSameName -A ([string]$_.Identity) -B $item.Name })
        if ($current.Count -eq 0) {
            throw ('no Exchange Web Services virtual directory ' + [string]$item.Name + ' exists (Get-WebServicesVirtualDirectory lists <server>\EWS (Default Web Site)): declare one that exists.')
        }
        if ($current.Count -gt 1) {
            throw ('several EWS virtual directories have the identity ' + [string]$item.Name + ': ' + (@($current | ForEach-Object { [string]$_.Identity }) -join ', ') + '.')
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-WebServicesVirtualDirectory -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

