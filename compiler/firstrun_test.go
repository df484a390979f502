package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// TestFirstRunReadsNoMissingParent checks, in the engine, issue 8's first
// run: a resource whose parent a -Check or -WhatIf run would create asks
// Test-HybridcPending before it reads the parent (a group's links before
// Get-UnifiedGroupLinks, a mailbox's policy before Set-Mailbox), and the
// creations that dependents wait for mark their key.
func TestFirstRunReadsNoMissingParent(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "every-field.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compile(load.Source{Name: "every-field.yaml", Data: data}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("%v %s", err, res.Diagnostics)
	}
	online := strings.ReplaceAll(string(res.Files["online.ps1"]), "\r\n", "\n")
	tests := []struct {
		name, function string
		before, after  string
	}{
		{name: "group links", function: "Sync-HybridcGroupLinks", before: "Test-HybridcPending -Key ('unifiedGroup/'", after: "Get-UnifiedGroupLinks -Identity $key"},
		{name: "mailbox policy", function: "Sync-HybridcMailboxRoleAssignmentPolicy", before: "Test-HybridcPending -Key ('roleAssignmentPolicy/'", after: "Set-Mailbox -Identity $key"},
		{name: "group creation marks its key", function: "Sync-HybridcUnifiedGroup", before: "$pending = 'unifiedGroup/'", after: "-PendingKey $pending"},
		{name: "policy creation marks its key", function: "Sync-HybridcRoleAssignmentPolicy", before: "-PendingKey ('roleAssignmentPolicy/'", after: "New-RoleAssignmentPolicy -Name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := strings.Index(online, "\nfunction "+tt.function+" {\n")
			if start < 0 {
				t.Fatalf("no %s", tt.function)
			}
			body := online[start:]
			body = body[:strings.Index(body, "\n}\n")]
			b, a := strings.Index(body, tt.before), strings.Index(body, tt.after)
			if b < 0 || a < 0 || b > a {
				t.Errorf("%s: %q must come before %q", tt.function, tt.before, tt.after)
			}
		})
	}
}
