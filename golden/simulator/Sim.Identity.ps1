# Identity: which object a value names, by the forms each cmdlet's parameter
# accepts (compiler/exchange/behaviour.json, "identities"). Matching ignores
# case, as Exchange does; a value that names several objects is
# "ambiguous", one that names none is "not found", each with Exchange's
# error (Sim.Errors.ps1).

function Get-SimRecipientForms {
    # Every (form, value) by which Exchange finds a recipient.
    param([Parameter(Mandatory = $true)] $Recipient)
    $forms = New-Object -TypeName 'System.Collections.ArrayList'
    $pairs = @(
        @('GUID', 'guid'), @('Name', 'name'), @('Alias', 'alias'), @('DistinguishedName', 'distinguishedName'),
        @('CanonicalDN', 'identity'), @('UPN', 'userPrincipalName'), @('SamAccountName', 'samAccountName'),
        @('SID', 'sid'), @('ExternalDirectoryObjectId', 'externalDirectoryObjectId'), @('EmailAddress', 'primarySmtpAddress'),
        @('UPN', 'windowsLiveID')
    )
    foreach ($pair in $pairs) {
        $value = [string](Get-SimField -Record $Recipient -Name $pair[1])
        if ($value -ne '') {
            $null = $forms.Add(@($pair[0], $value))
        }
    }
    foreach ($address in @(Get-SimField -Record $Recipient -Name 'emailAddresses')) {
        $text = [string]$address
        if ($text -like 'smtp:*') {
            $null = $forms.Add(@('EmailAddress', $text.Substring(5)))
        }
    }
    $sam = [string](Get-SimField -Record $Recipient -Name 'samAccountName')
    if ($sam -ne '' -and $script:Sim.Kind -eq 'onPremises') {
        $null = $forms.Add(@('Domain\User', ((Get-SimNetbios) + '\' + $sam)))
    }
    return $forms
}

function Update-SimIndex {
    # Rebuilds the recipient index when the recipients changed.
    if (-not $script:Sim.IndexDirty) {
        return
    }
    $index = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
    $byGuid = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($recipient in $script:Sim.Org.recipients) {
        $byGuid[[string]$recipient.guid] = $recipient
        foreach ($form in (Get-SimRecipientForms -Recipient $recipient)) {
            $key = $form[0] + '|' + $form[1]
            $list = $null
            if (-not $index.TryGetValue($key, [ref]$list)) {
                $list = New-Object -TypeName 'System.Collections.ArrayList'
                $index[$key] = $list
            }
            if (-not $list.Contains($recipient)) {
                $null = $list.Add($recipient)
            }
        }
    }
    $script:Sim.Index = $index
    $script:Sim.ByGuid = $byGuid
    $script:Sim.IndexDirty = $false
}

function Get-SimIdentityForms {
    # The forms a cmdlet's parameter accepts, from the behaviour table; all
    # recipient forms when the table names none.
    param([string]$Cmdlet = '', [string]$Parameter = '')
    $row = $script:Sim.Behaviour[$Cmdlet]
    if ($null -ne $row) {
        foreach ($identity in @($row['identities'])) {
            if ($null -ne $identity -and $identity['param'] -eq $Parameter) {
                return @($identity['forms'])
            }
        }
    }
    return @('GUID', 'Name', 'Alias', 'DistinguishedName', 'CanonicalDN', 'EmailAddress', 'UPN', 'SamAccountName', 'Domain\User', 'SID', 'ExternalDirectoryObjectId')
}

function Find-SimRecipients {
    # The recipients a value names in the forms a parameter accepts. A value
    # that is an object (piped from a Get- cmdlet) is taken by its Guid.
    param($Value, [string]$Cmdlet = '', [string]$Parameter = '', [scriptblock]$Where)
    Update-SimIndex
    $text = ConvertTo-SimIdentityText -Value $Value
    $forms = Get-SimIdentityForms -Cmdlet $Cmdlet -Parameter $Parameter
    if ($Value -isnot [string] -and $null -ne $Value.PSObject.Properties['Guid']) {
        $forms = @('GUID')
    }
    $found = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($form in $forms) {
        $list = $null
        if ($script:Sim.Index.TryGetValue($form + '|' + $text, [ref]$list)) {
            foreach ($recipient in $list) {
                if (-not $found.Contains($recipient) -and ($null -eq $Where -or (& $Where $recipient))) {
                    $null = $found.Add($recipient)
                }
            }
        }
    }
    return $found.ToArray()
}

function ConvertTo-SimIdentityText {
    # The text of an identity value: a string as it is, an object by its
    # Guid (or Identity).
    param($Value)
    if ($null -eq $Value) {
        return ''
    }
    if ($Value -is [string]) {
        return $Value
    }
    foreach ($name in @('Guid', 'Identity')) {
        $property = $Value.PSObject.Properties[$name]
        if ($null -ne $property -and [string]$property.Value -ne '') {
            return [string]$property.Value
        }
    }
    return [string]$Value
}

function Resolve-SimRecipient {
    # The one recipient a value names, or Exchange's "not found" or
    # "ambiguous" error.
    param($Value, [string]$Cmdlet = '', [string]$Parameter = '', [scriptblock]$Where)
    $found = @(Find-SimRecipients -Value $Value -Cmdlet $Cmdlet -Parameter $Parameter -Where $Where)
    $text = ConvertTo-SimIdentityText -Value $Value
    if ($found.Count -eq 0) {
        Stop-SimCall -Class 'notFound' -Identity $text
    }
    if ($found.Count -gt 1) {
        Stop-SimCall -Class 'ambiguous' -Identity $text
    }
    return $found[0]
}

function Find-SimNamed {
    # The configuration objects of a list whose name field (or Guid) is the
    # value, ignoring case.
    param($List, [Parameter(Mandatory = $true)] [string]$Field, $Value)
    $text = ConvertTo-SimIdentityText -Value $Value
    return @($List | Where-Object {
            [string]::Equals([string](Get-SimField -Record $_ -Name $Field), $text, [System.StringComparison]::OrdinalIgnoreCase) -or
            [string]::Equals([string](Get-SimField -Record $_ -Name '_guid'), $text, [System.StringComparison]::OrdinalIgnoreCase)
        })
}

function Resolve-SimNamed {
    # The one configuration object a value names, or Exchange's error.
    param($List, [Parameter(Mandatory = $true)] [string]$Field, $Value)
    $found = @(Find-SimNamed -List $List -Field $Field -Value $Value)
    if ($found.Count -eq 0) {
        Stop-SimCall -Class 'notFound' -Identity (ConvertTo-SimIdentityText -Value $Value)
    }
    if ($found.Count -gt 1) {
        Stop-SimCall -Class 'ambiguous' -Identity (ConvertTo-SimIdentityText -Value $Value)
    }
    return $found[0]
}
