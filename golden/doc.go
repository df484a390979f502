// Package golden holds hybridc's golden-file tests: what compile, plan,
// export, import and signing give for fixed inputs, stored so that a diff
// shows the case, and an engine edit shows once.
//
//   - cases/<case>/: input.yaml and what compiling it gives: diagnostics.txt
//     when the compiler reports anything, runbook.md, and for each script
//     its case file <script>.case.ps1: the script's case lines (the data
//     section, the header's input hash and shell, the preflight's cmdlets,
//     the dispatch switch) and, between them, a "#@ <run>" line naming each
//     run of engine text. cases/hybrid-free-busy keeps its two scripts
//     whole instead, byte for byte as the compiler writes them.
//   - engine/<section>.ps1: the engine text of every script, one file per
//     section of the scripts (header, desired, engine-core, ..., run): its
//     runs ("#@ run NAME: PIECES"), then each piece (a top-level function,
//     or a section's text before its first function) once. NAME#2 is the
//     second variant of a run or piece, where a template conditional makes
//     scripts differ inside it.
//   - plans/<case>/: old.yaml, new.yaml and what hybridc plan prints.
//   - signed/<case>/<key>/<script>.sig.txt: the signature block signing the
//     case's script with the test key appends.
//   - export/<case>/: args.txt (hybridc export's flags, one a line) and the
//     export scripts' case files, their engine in engine/.
//   - import/<case>/: state files (*.json), args.txt (flags, optional), and
//     what hybridc import gives: hybrid.yaml, diagnostics.txt.
//
// Case and engine files have LF line endings and no byte order mark; the
// test converts them to the scripts' form (UTF-8 byte order mark, CRLF).
// Every test compiles (or runs) every case in memory, puts each script
// together again from its case file and engine/, and compares the result
// byte for byte with the whole script; each whole script is parsed with a
// real PowerShell grammar and checked against Microsoft's cmdlet catalog,
// -ErrorAction Stop and the write guards (package pscheck). Signed files
// are compared whole too: the stored script and its signature block.
//
// Cases are found automatically: add a directory with its input to add one.
// Refresh every expected file, engine/ included, with
//
//	go test ./golden -update
//
// and review the diff: an engine edit changes engine/, not the cases.
package golden
