package simulator

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/hybridc/hybridc/compiler/model"
)

// directoryCmdlets are the directory reads of Initialize-HybridcDirectory
// and Initialize-HybridcUnifiedGroups, with whether the engine calls them
// with -Identity elsewhere too (a mailbox's folders, a new group read
// back).
var directoryCmdlets = map[string]bool{"Get-Recipient": false, "Get-User": false, "Get-Group": false, "Get-Mailbox": true, "Get-UnifiedGroup": true}

// TestScenarioDirectoryReads runs configurations that declare few names
// twice: as compiled (each declared name and group read with -Identity,
// issue 16) and with model.DirectoryThreshold and UnifiedGroupThreshold
// lowered to 0 (the whole directory and every group read with -ResultSize
// Unlimited, as a large configuration reads them). Both lives must
// pass (first run, -Check in sync, second run, plan --state), make the calls
// EstimateCalls says, read the directory as decided, and leave the same
// organization: the declared names resolve alike either way.
func TestScenarioDirectoryReads(t *testing.T) {
	labels := []string{"examples_groups-hybrid", "cases_permissions-send-as-same-side", "cases_hostile-names"}
	after := map[string]map[string]any{}
	for _, mode := range []string{"perObject", "bulk"} {
		saved, savedGroups := model.DirectoryThreshold, model.UnifiedGroupThreshold
		if mode == "bulk" {
			// Lowered while the configurations compile and their calls
			// are estimated.
			model.DirectoryThreshold, model.UnifiedGroupThreshold = 0, 0
		}
		all := configs(t)
		for _, c := range all {
			if !slices.Contains(labels, c.Label) {
				continue
			}
			t.Run(mode+"/"+c.Label, func(t *testing.T) {
				dir := lifecycleWith(t, c, nil)
				measureCalls(t, []config{c})
				perObject := 0
				for _, s := range c.scripts(t, t.TempDir()) {
					for _, log := range []string{".run.calls", ".insync.calls"} {
						path := filepath.Join(dir, s+log)
						if _, err := os.Stat(path); err != nil {
							continue
						}
						for _, call := range readCalls(t, path) {
							elsewhere, ok := directoryCmdlets[call.Cmdlet]
							if !ok {
								continue
							}
							_, bulk := call.Parameters["ResultSize"]
							_, single := call.Parameters["Identity"]
							switch {
							case mode == "bulk" && single && !elsewhere:
								t.Errorf("%s%s: %s -Identity with the threshold at 0", s, log, call.Cmdlet)
							case mode == "perObject" && bulk:
								t.Errorf("%s%s: %s -ResultSize with %d names declared", s, log, call.Cmdlet, model.DirectoryThreshold)
							case mode == "perObject" && single:
								perObject++
							}
						}
					}
					// The same organization, whatever order the simulator
					// wrote its properties in.
					state := readJSON(t, filepath.Join(dir, s+".after.json"))
					key := c.Label + "/" + s
					if prev, ok := after[key]; ok {
						if diff := firstDifference(prev, state, key); diff != "" {
							t.Errorf("the organization after the first run differs between per-object and bulk reads: %s", diff)
						}
					}
					after[key] = state
				}
				if mode == "perObject" && perObject == 0 {
					t.Errorf("no directory read by -Identity")
				}
			})
		}
		model.DirectoryThreshold, model.UnifiedGroupThreshold = saved, savedGroups
	}
}

// firstDifference is the first place where two JSON values differ, or "".
func firstDifference(a, b any, path string) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return fmt.Sprintf("%s: %v / %v", path, a, b)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if d := firstDifference(x[k], y[k], path+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return fmt.Sprintf("%s: %v / %v", path, a, b)
		}
		// A list of names (members, addresses) is a set: the order links
		// were added in is not the engine's to keep.
		x, y = sortedStrings(x), sortedStrings(y)
		for i := range x {
			if d := firstDifference(x[i], y[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("%s: %v / %v", path, a, b)
	}
	return ""
}

// sortedStrings is a list of strings sorted, any other list as it is.
func sortedStrings(list []any) []any {
	texts := make([]string, len(list))
	for i, v := range list {
		text, ok := v.(string)
		if !ok {
			return list
		}
		texts[i] = text
	}
	sort.Strings(texts)
	out := make([]any, len(texts))
	for i, text := range texts {
		out[i] = text
	}
	return out
}
