package planner

import (
	"strings"

	"github.com/seoplan/seoplan"
)

// A target keyword is only as good as the evidence that someone searches
// it. A keyword file measures that; without one, the best a plan can do is
// a phrase the site's own pages use, and a phrase put in the piece's form
// ("what is …", "… pricing") is a guess the roadmap must call one.

// keywordSources sets each proposal's KeywordSource: a query of kws, else
// words a page of the site says (one of its key phrases, or a run of the
// words of its title, h1 or a heading), else a pattern.
func keywordSources(s *site, props []seoplan.Proposal, kws []seoplan.LabeledKeyword) {
	inFile := make(map[string]bool, len(kws))
	for _, k := range kws {
		inFile[normalKeyword(k.Keyword.Text)] = true
	}
	look := &keywordLook{said: make(map[string]bool), starts: make(map[string]bool)}
	for _, p := range props {
		if k := normalKeyword(p.Keyword); k != "" && !inFile[k] {
			look.said[k] = false
			first, _, _ := strings.Cut(k, " ")
			look.starts[first] = true
			look.longest = max(look.longest, strings.Count(k, " ")+1)
		}
	}
	if len(look.said) > 0 {
		for _, p := range s.html {
			p.sayKeywords(look)
		}
	}
	for i := range props {
		k := normalKeyword(props[i].Keyword)
		switch {
		case inFile[k]:
			props[i].KeywordSource = seoplan.KeywordFromFile
		case look.said[k]:
			props[i].KeywordSource = seoplan.KeywordFromSite
		default:
			props[i].KeywordSource = seoplan.KeywordPattern
		}
	}
}

// keywordLook is the keywords looked for on the site's pages.
type keywordLook struct {
	said    map[string]bool // keyword → a page says it
	starts  map[string]bool // the keywords' first words
	longest int             // words of the longest keyword
}

// sayKeywords marks in look the keywords p says: one of its key phrases
// whole, or a run of words of its title, h1 or headings. A run is only
// put together where a keyword starts: a large site's headings hold
// millions of words.
func (p *page) sayKeywords(look *keywordLook) {
	mark := func(k string) {
		if found, ok := look.said[k]; ok && !found {
			look.said[k] = true
		}
	}
	for _, ph := range p.lp.KeyPhrases {
		mark(normalKeyword(ph.Phrase))
	}
	pg := p.lp.Page
	texts := append([]string{pg.Title}, pg.H1...)
	for _, h := range pg.Headings {
		if h.Level <= 3 {
			texts = append(texts, h.Text)
		}
	}
	for _, t := range texts {
		words := strings.FieldsFunc(strings.ToLower(t), notWordRune)
		for i, w := range words {
			if !look.starts[w] {
				continue
			}
			for n := 1; n <= look.longest && i+n <= len(words); n++ {
				mark(strings.Join(words[i:i+n], " "))
			}
		}
	}
}

// normalKeyword is a keyword's words in lower case, one space apart:
// "What is AWS cost-analysis?" and "what is aws cost analysis" are one.
func normalKeyword(k string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(k), notWordRune), " ")
}
