package compiler

import (
	"sort"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
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

// folderReads counts the Get-MailboxFolderStatistics calls of folder
// permission resources: one per mailbox and default folder type, as the
// engine caches them.
func folderReads(rs []*Resource) int {
	seen := map[string]bool{}
	for _, r := range rs {
		if p, ok := r.Spec.(*config.Permission); ok {
			if scope := folderScope(p.Folder); scope != "" {
				seen[fold(p.Mailbox)+"\x00"+scope] = true
			}
		}
	}
	return len(seen)
}

// folderScopeView is one entry of the export's table of default folders:
// the lower-case English name and its FolderScope, as literals.
type folderScopeView struct {
	Name, Scope string
}

// folderScopeViews is defaultFolders as the export script's data section
// holds it (hybridc export resolves a -Folders name by it as the engine
// resolves a declared folder), sorted by name.
func folderScopeViews() []folderScopeView {
	names := make([]string, 0, len(defaultFolders))
	for name := range defaultFolders {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]folderScopeView, 0, len(names))
	for _, name := range names {
		out = append(out, folderScopeView{Name: Quote(name), Scope: Quote(defaultFolders[name])})
	}
	return out
}
