package compiler

import (
	"github.com/hybridc/hybridc/compiler/importer"
)

import "testing"

// TestWrittenByImport: the marker counts only in the leading comment
// lines, in any letter case, after a byte order mark and with any line
// breaks; the headers of earlier hybridc imports count too.
func TestWrittenByImport(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"# yaml-language-server: $schema=hybrid.schema.json\n#\n# Written by hybridc import from the state of:\nversion: 1\n", true},
		{"# yaml-language-server: $schema=hybrid.schema.json\n# Mailboxes, written by hybridc import; merged with hybrid.yaml.\nmailboxes: []\n", true},
		{"\ufeff\r\n# WRITTEN BY HYBRIDC IMPORT\r\nversion: 1\r\n", true},
		{"# yaml-language-server: $schema=hybrid.schema.json\n# started by 'hybridc init'\nversion: 1\n", false},
		{"version: 1\n# Written by hybridc import from the state of:\n", false},
		{"version: 1 # written by hybridc import\n", false},
		{"mailboxes: [] \n", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := importer.WrittenByImport([]byte(tt.text)); got != tt.want {
			t.Errorf("WrittenByImport(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
