package kinds

// The kinds of templates/engine-entra.ps1.tmpl.
const WritebackPermissionsName = "groupWritebackPermissions"

// WritebackPermissions are the Entra Connect account's rights on the
// group writeback OU (Set-ADSyncExchangeHybridPermissions), in the
// script of the Entra Connect server: it needs no template section of
// its own beyond the script's.
var WritebackPermissions = Decl{Name: WritebackPermissionsName, Family: "entra",
	Engine: Engine{Function: "Sync-HybridcGroupWritebackPermissions"}}
