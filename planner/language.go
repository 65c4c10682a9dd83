package planner

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/seoplan/seoplan"
)

// A site in several languages is several sites that share a design: the
// German pages translate the English ones, or speak to other readers, and a
// topic cluster that mixes them is no topic anyone writes for (real
// multilingual sites got clusters named "para ruby" and "cómo ayuda"). The
// planner plans one language, the site's main one unless WithLanguage
// chooses, and tells which pages of the others translate which of its pages.

// pageLang is a page's language as its primary subtag, lower case ("pt"
// for "pt-BR"): the one the page declares, else the one its URL's first
// folder names when folders names several languages on the site
// (folderLangs), else "".
func pageLang(p *seoplan.Page, folderLangs bool) string {
	if l := primaryTag(p.Lang); l != "" {
		return l
	}
	if folderLangs {
		return urlLang(p.URL)
	}
	return ""
}

// primaryTag is the primary language subtag of a BCP 47 tag, lower case,
// or "" for no tag or one that names no known language.
func primaryTag(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		tag = tag[:i]
	}
	if tag == "" || tag == "und" {
		return ""
	}
	if _, err := language.ParseBase(tag); err != nil {
		return ""
	}
	return tag
}

// urlLang is the language a URL's first folder names ("/pt-br/docs/" →
// "pt"): a known two-letter code, alone or with a region, or "".
func urlLang(u string) string {
	segs := pathSegments(u)
	if len(segs) < 2 || !langFolder(segs[0]) {
		return "" // a page named "de" is no folder of German pages
	}
	return primaryTag(segs[0])
}

// translationKey is what a page and its translations share: the URL path
// without its language folder.
func translationKey(u string) string {
	segs := pathSegments(u)
	if urlLang(u) != "" {
		segs = segs[1:]
	}
	return "/" + strings.Join(segs, "/")
}

// pickLanguage splits the HTML pages into those of the language the plan
// covers and the others, which it lists in langs. want is the language chosen with WithLanguage, ""
// for the site's main one: the language of most pages; in a tie the one
// served outside a language folder, then English (what the classifier reads
// best), then the first in byte order. Pages whose language is unknown
// count as the main language's. It returns the pages as they are and nil langs for a site of one language.
func pickLanguage(pages []*page, want string) (kept []*page, langs *seoplan.Languages, err error) {
	folders := make(map[string]bool)
	for _, p := range pages {
		if l := urlLang(p.url); l != "" {
			folders[l] = true
		}
	}
	folderLangs := len(folders) >= 2
	count := make(map[string]int)
	rooted := make(map[string]int) // pages outside a language folder
	lang := make([]string, len(pages))
	for i, p := range pages {
		lang[i] = pageLang(&p.lp.Page, folderLangs)
		if lang[i] == "" {
			continue
		}
		count[lang[i]]++
		if urlLang(p.url) == "" {
			rooted[lang[i]]++
		}
	}
	byPages := make([]string, 0, len(count))
	for l := range count {
		byPages = append(byPages, l)
	}
	sort.Slice(byPages, func(i, j int) bool {
		a, b := byPages[i], byPages[j]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		if rooted[a] != rooted[b] {
			return rooted[a] > rooted[b]
		}
		if (a == "en") != (b == "en") {
			return a == "en"
		}
		return a < b
	})
	main, reason := "", "the language of most of its pages"
	switch {
	case want != "":
		main = primaryTag(want) // valid: config.validate checked it
		if count[main] == 0 && !(len(count) == 0 && main == "en") {
			return nil, nil, fmt.Errorf("%w: the site has no pages in %q; it has %s", ErrBadOption, main, langList(byPages, count, ""))
		}
		reason = "chosen with --lang"
	case len(byPages) > 0:
		main = byPages[0]
	}
	if len(byPages) < 2 {
		return pages, nil, nil
	}
	if count[byPages[0]] == count[byPages[1]] && want == "" {
		reason = "the language of most of its pages, with " + byPages[1] + " as many, " + tieReason(byPages[0], rooted)
	}
	originals := make(map[string]string)
	for i, p := range pages {
		if lang[i] == "" || lang[i] == main {
			kept = append(kept, p)
			if k := translationKey(p.url); originals[k] == "" {
				originals[k] = p.url
			}
		}
	}
	langs = &seoplan.Languages{Planned: main, Reason: reason}
	for _, l := range byPages {
		if l != main {
			langs.Others = append(langs.Others, seoplan.LanguagePages{Lang: l, Pages: count[l]})
		}
	}
	for i, p := range pages {
		if lang[i] == "" || lang[i] == main {
			continue
		}
		t := seoplan.Translation{URL: p.url, Lang: lang[i], Of: originals[translationKey(p.url)]}
		if t.Of != "" {
			langs.Translated++
		}
		langs.Translations = append(langs.Translations, t)
	}
	langs.Note = languagesNote(langs, len(kept), byPages, count)
	return kept, langs, nil
}

func tieReason(first string, rooted map[string]int) string {
	if rooted[first] > 0 {
		return "served outside a language folder"
	}
	if first == "en" {
		return "English, which the classifier reads best"
	}
	return "first in order"
}

// languagesNote is the sentence the roadmap opens with on a site of several
// languages.
func languagesNote(l *seoplan.Languages, kept int, byPages []string, count map[string]int) string {
	left := len(l.Translations)
	return fmt.Sprintf("The site is in %d languages. This plan covers its %d %s pages (%s); the %d %s in %d other %s (%s) %s left out of every cluster, gap and figure, and %d of them translate a planned page (plan.json lists which). Plan another language with --lang; the labels read English best.",
		len(byPages), kept, langName(l.Planned), l.Reason, left, plural(left, "page", "pages"), len(l.Others), plural(len(l.Others), "language", "languages"),
		langList(byPages, count, l.Planned), plural(left, "is", "are"), l.Translated)
}

// langList lists languages with their pages, most first: "Japanese 84,
// Portuguese 54".
func langList(byPages []string, count map[string]int, skip string) string {
	var parts []string
	for _, l := range byPages {
		if l != skip {
			parts = append(parts, fmt.Sprintf("%s %d", langName(l), count[l]))
		}
	}
	if len(parts) == 0 {
		return "no declared language"
	}
	return strings.Join(parts, ", ")
}

// langName is a language's English name ("German" for "de"), or its code.
func langName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.English.Languages().Name(tag); n != "" {
		return n
	}
	return code
}
