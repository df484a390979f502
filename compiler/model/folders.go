package model

import (
	"sort"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// defaultFolders maps the English name of each default mailbox folder, as
// a folder permission declares it, to its Get-MailboxFolderStatistics
// -FolderScope (and FolderType). A mailbox names these folders in its own
// language (Kalender, Calendrier), so mailbox:\Calendar fails on a German
// or French mailbox: the engine reads the folder's real name by its type.
var defaultFolders = map[string]string{
	"calendar":      "Calendar",
	"contacts":      "Contacts",
	"inbox":         "Inbox",
	"tasks":         "Tasks",
	"notes":         "Notes",
	"journal":       "Journal",
	"drafts":        "Drafts",
	"sent items":    "SentItems",
	"deleted items": "DeletedItems",
	"junk email":    "JunkEmail",
	"outbox":        "Outbox",
}

// folderScope is the FolderScope of a declared folder path whose top folder
// is a default folder (Calendar\Team: Calendar), or "".
func folderScope(folder config.FolderName) string {
	top, _, _ := strings.Cut(string(folder), `\`)
	return defaultFolders[strings.ToLower(strings.TrimSpace(top))]
}

// FolderReads counts the Get-MailboxFolderStatistics calls of folder
// permission resources: one per mailbox and default folder type, as the
// engine caches them.
func FolderReads(rs []*Resource) int {
	seen := map[string]bool{}
	for _, r := range rs {
		if p, ok := r.Spec.(*config.Permission); ok {
			if scope := folderScope(p.Folder); scope != "" {
				seen[Fold(p.Mailbox)+"\x00"+scope] = true
			}
		}
	}
	return len(seen)
}

// FolderScopeView is one entry of the export's table of default folders:
// the lower-case English name and its FolderScope, as literals.
type FolderScopeView struct {
	Name, Scope string
}

// FolderScopeViews is defaultFolders as the export script's data section
// holds it (hybridc export resolves a -Folders name by it as the engine
// resolves a declared folder), sorted by name.
func FolderScopeViews() []FolderScopeView {
	names := make([]string, 0, len(defaultFolders))
	for name := range defaultFolders {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]FolderScopeView, 0, len(names))
	for _, name := range names {
		out = append(out, FolderScopeView{Name: pstext.Quote(name), Scope: pstext.Quote(defaultFolders[name])})
	}
	return out
}
