package load

import (
	"strings"
	"testing"
)

// TestDidYouMean: a typo of a key gets the key; a key longer than any
// hybridc key gets none, without measuring its distance to each (a
// multi-megabyte explicit key once cost seconds per known key).
func TestDidYouMean(t *testing.T) {
	known := []string{"exchangeOnline", "onPremises", "version"}
	if got := didYouMean("exchangeOnlin", known); got != `; did you mean "exchangeOnline"?` {
		t.Errorf("typo: %q", got)
	}
	if got := didYouMean(strings.Repeat("x", 2<<20), known); got != "" {
		t.Errorf("a 2 MB key: %q", got)
	}
	if got := didYouMean("exchangeOnline"+strings.Repeat("e", maxSuggestKey), known); got != "" {
		t.Errorf("a key over the limit: %q", got)
	}
}
