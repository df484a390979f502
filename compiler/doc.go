// Package compiler turns one hybridc YAML configuration into the signed
// PowerShell scripts and runbook of an Exchange hybrid deployment, and
// compares state files exported from Exchange with it. It is the driver: the
// commands call Compile, Analyze, Diagnose, Import, Batches and the state
// functions here; the stages live in the sub-packages, drawn below from the
// input to the output (each arrow is "feeds").
//
//	source YAML (a file, or a directory of part files)
//	    |
//	    v
//	load      read, prescan, validate against the JSON Schema, decode to config
//	    |
//	    v
//	check     the rules of Microsoft's guidance, defaults
//	    |
//	    v
//	model     inventory of resources, identity, order into a schedule
//	    |
//	    +------------------+
//	    v                  v
//	render             runbook
//	scripts (data      the Markdown runbook
//	sections + engine)
//
//	state files (exported by the export scripts)
//	    |
//	    v
//	statefile -----> statediff (plan --state: the change a script would make)
//	          -----> importer  (state -> YAML)
//	          -----> batches   (a migration's batches)
//
// Words: the schedule (Result.Schedule) is the resources each script applies,
// in order; the change (hybridc plan) is what would differ from the state
// files or from another configuration; a directory is a folder of part files.
//
// The data every stage shares sits in packages of its own: config (the
// decoded configuration with its positions), state (a state file's objects),
// kinds (every resource kind declared once: fields, family, engine function
// and sections) and exchange (what Exchange does, from behaviour.json). Below
// the stages: diag (diagnostics, the one table of codes, progress) and
// pstext (PowerShell quoting and escaping, text helpers). The imports form
// layers; a package imports only from the layers above its own:
//
//	config  state                   the data: configuration, state file
//	kinds                           resource kinds
//	exchange                        what Exchange does with each kind
//	pstext                          text and PowerShell rules
//	diag                            diagnostics, codes, progress
//	model                           inventory, identity, order, schedule
//	load                            read, validate and decode a source
//	check   statefile               the rules and defaults; state files
//	render  statediff  batches      the stages that use the model
//	runbook  importer               (runbook: render's options; importer:
//	                                check, render, statefile)
//	compiler                        the driver; facade.go re-exports what
//	                                the commands use
//
// Test-only: statesynth synthesizes the state files a configuration's
// scripts would leave (the binary does not contain it), scalegen the
// deployments the scale benchmarks measure, and kinds/decisions reads the
// decision tables, one per kind, that plan --state and the scripts are
// both checked against.
package compiler
