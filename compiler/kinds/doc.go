// Package kinds declares each resource kind hybridc manages once: its
// name, the engine function and template sections that reconcile it, and
// for the kinds whose settings map one to one onto a cmdlet's parameters,
// every managed field: its YAML key, its cmdlet parameter, where the
// configuration and a state file hold it, how the engine compares it and
// whether it is only added to.
//
// The files mirror the engine's templates one to one: federation.go
// declares what templates/engine-federation.ps1.tmpl reconciles,
// mailflow.go engine-mailflow, groups.go engine-groups, rbac.go
// engine-rbac, permissions.go engine-permissions and entra.go
// engine-entra. The compiler's generic code (properties, state
// comparison, runbook verification, import, the synthesized test states)
// loops over these declarations instead of naming the fields again.
//
// The package depends only on compiler/config and compiler/state, so the
// compiler and the test-only packages can both import it. Beside it,
// decisions holds one table of decision cases per kind (a state fragment
// and a declaration, and what plan --state and the script both decide),
// which the golden and simulator tests run.
package kinds
