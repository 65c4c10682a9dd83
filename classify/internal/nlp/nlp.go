// Package nlp wraps prose's tokenizer and part-of-speech tagger and the
// snowball stemmer behind the few calls the classifier needs: tag a short
// text, find the head noun of a keyword phrase, chunk noun phrases and stem
// them.
//
// prose loads its models (a few MB of gob) every time NewDocument is called
// without a model and with tagging or extraction on, which costs
// milliseconds. This package decodes prose's tagger weights once (tagger.go)
// and tags with them itself, so tokenizing needs no prose model; prose's
// entity model is loaded once, on the first call that needs it, and only
// where capital letters make it worth the cost. Sentence segmentation is off
// throughout: keywords and headings are single phrases.
package nlp

import (
	"strings"
	"sync"
	"unicode"

	"github.com/jdkato/prose/v2"
	"github.com/kljensen/snowball"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// Token is one tagged word, lower-cased.
type Token struct {
	Text string // lower case
	Tag  string // Penn Treebank tag from prose
}

var (
	modelOnce sync.Once
	model     *prose.Model
)

// sharedModel loads prose's English tagger and entity model once. prose's
// models are read-only after loading, so documents on many goroutines can
// share them.
func sharedModel() *prose.Model {
	modelOnce.Do(func() { model = prose.ModelFromData("seoplan") })
	return model
}

var (
	taggerOnce sync.Once
	tagger     *perceptron // nil if prose's weights could not be read
)

// sharedTagger is prose's tagger with a deterministic predict (tagger.go).
func sharedTagger() *perceptron {
	taggerOnce.Do(func() { tagger, _ = loadPerceptron() })
	return tagger
}

// Load loads the models now rather than on first use, so that a benchmark or
// a server does not pay for it inside the first call.
func Load() { sharedTagger() }

// Tag tokenizes and tags text as one phrase. Tagging works on the text as
// written (capitals help the tagger) and the tokens come back lower-cased.
// prose tokenizes; the tagging is prose's, made deterministic (tagger.go).
func Tag(text string) []Token {
	pt := sharedTagger()
	opts := []prose.DocOpt{prose.WithSegmentation(false), prose.WithExtraction(false)}
	if pt == nil {
		// prose's own tagger, should its model files have moved.
		opts = append(opts, prose.UsingModel(sharedModel()))
	} else {
		opts = append(opts, prose.WithTagging(false))
	}
	doc, err := prose.NewDocument(text, opts...)
	if err != nil {
		return nil
	}
	toks := doc.Tokens()
	out := make([]Token, 0, len(toks))
	for _, t := range toks {
		out = append(out, Token{Text: t.Text, Tag: t.Tag})
	}
	if pt != nil {
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		for i, tag := range pt.tag(words) {
			out[i].Tag = tag
		}
	}
	for i := range out {
		out[i].Text = strings.ToLower(out[i].Text)
	}
	return out
}

// Entities returns the named entities prose's tagger finds in text. It only
// runs when text has a capital letter after its first character, because
// prose's entity model keys on capitals and keyword lists are usually lower
// case.
func Entities(text string) []string {
	if !hasInnerCapital(text) {
		return nil
	}
	doc, err := prose.NewDocument(text,
		prose.UsingModel(sharedModel()),
		prose.WithSegmentation(false))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range doc.Entities() {
		if e.Label == "ORGANIZATION" || e.Label == "GPE" || e.Label == "PERSON" {
			out = append(out, strings.ToLower(e.Text))
		}
	}
	return out
}

func hasInnerCapital(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// IsStopword reports whether word is a stop word in lang, for the languages
// snowball has stop-word lists for; ok is false for the others.
func IsStopword(word, lang string) (stop, ok bool) {
	switch lang {
	case "fr":
		return french.IsStopWord(word), true
	case "es":
		return spanish.IsStopWord(word), true
	case "ru":
		return russian.IsStopWord(word), true
	case "sv":
		return swedish.IsStopWord(word), true
	case "no", "nb":
		return norwegian.IsStopWord(word), true
	case "hu":
		return hungarian.IsStopWord(word), true
	}
	return false, false
}

// IsNoun reports whether a Penn Treebank tag is a noun tag.
func IsNoun(tag string) bool { return strings.HasPrefix(tag, "NN") }

// Head returns the index of the head noun of a keyword phrase: the last noun
// before the first preposition or "to"-infinitive that follows a noun ("crm
// software for agencies" → software, "how to reduce churn" → churn), else the
// last noun, else the last word. It returns -1 for no tokens.
func Head(toks []Token) int {
	if len(toks) == 0 {
		return -1
	}
	last := -1
	for i, t := range toks {
		if IsNoun(t.Tag) {
			last = i
			continue
		}
		if last >= 0 && (t.Tag == "IN" || t.Tag == "TO") {
			return last
		}
	}
	if last >= 0 {
		return last
	}
	return len(toks) - 1
}

// Stem returns the snowball stem of a lower-case word in language lang (an
// ISO 639-1 code, "" for English); languages snowball lacks, and words it
// fails on, come back unchanged: an English stemmer would mangle them.
func Stem(word, lang string) string {
	if lang == "" {
		lang = "en"
	}
	name := snowballLang[lang]
	if name == "" {
		return word
	}
	s, err := snowball.Stem(word, name, false)
	if err != nil || s == "" {
		return word
	}
	return s
}

var snowballLang = map[string]string{
	"en": "english", "fr": "french", "es": "spanish", "ru": "russian",
	"sv": "swedish", "no": "norwegian", "nb": "norwegian", "hu": "hungarian",
}
