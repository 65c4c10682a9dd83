package feature

import (
	"strings"

	"github.com/RadhiFadlillah/whatlanggo"
)

// Lang returns a page's language as an ISO 639-1 code and whether it was
// detected rather than declared: the html lang attribute when present, else
// whatlanggo's trigram detector on the title and the opening of the text
// (already a dependency of the crawler's go-trafilatura), else "en".
func Lang(declared, title, text string) (lang string, detected bool) {
	if d := strings.ToLower(strings.TrimSpace(declared)); d != "" {
		if i := strings.IndexAny(d, "-_"); i > 0 {
			d = d[:i]
		}
		return d, false
	}
	sample := title + ". " + FirstWords(text, 80)
	if len(strings.Fields(sample)) < 5 {
		return "en", false
	}
	info := whatlanggo.Detect(sample)
	if !info.IsReliable() {
		return "en", false
	}
	code := info.Lang.Iso6391()
	if code == "" {
		return "en", false
	}
	return code, true
}
