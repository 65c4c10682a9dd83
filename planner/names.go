package planner

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// A cluster is named best by what the site itself calls its topic: the
// words its pages' titles share. Key phrases come from the body text and
// name a cluster by a word its pages mention ("options", "script", "self"
// on real sites), where the titles say "Field Plugins" and "Self-Hosted".

const (
	// titleNameF1 is how well, at least, a run of title words must pick out
	// a cluster's pages among the site's (F1 of the pages whose title holds
	// it) to name the cluster.
	titleNameF1 = 0.4
	// titleLonger is the share of the best run's F1 a longer run that holds
	// its words may cost and still name the cluster instead: "field
	// plugins" over "field", "self-hosted" over "self".
	titleLonger = 0.75
	// titleShare is the share of a cluster's pages whose titles, at least,
	// must hold a run for it to name the cluster: fewer is a word some of
	// them happen to share ("rapid" of three in ten).
	titleShare = 0.5
	// maxTitleGram is the longest run of title words that may name a
	// cluster ("role-based access control").
	maxTitleGram = 4
)

// titleGrams counts the runs of one to maxTitleGram content words in the
// titles and h1s of the pages a cluster can hold.
type titleGrams struct {
	pages map[string]int // stemmed run → pages whose title holds it
}

// newTitleGrams counts the runs that may name a cluster: those the site's
// key phrases hold (phrases, stem → writing).
func newTitleGrams(s *site, phrases map[string]string) *titleGrams {
	g := &titleGrams{pages: make(map[string]int)}
	for _, p := range s.html {
		if p.clusterable() {
			pageGrams(p, s.brandWords, func(key, _ string) {
				if _, ok := phrases[key]; ok {
					g.pages[key]++
				}
			})
		}
	}
	return g
}

// pageGrams calls fn once with each run of one to maxTitleGram words of
// p's title and h1s (see titleRuns): its stems and the title's writing.
func pageGrams(p *page, brand map[string]bool, fn func(key, text string)) {
	pg := p.lp.Page
	seen := make(map[string]bool)
	for _, t := range append([]string{titleTopic(pg.Title)}, pg.H1...) {
		for _, run := range titleRuns(t, brand) {
			for n := 1; n <= maxTitleGram; n++ {
				for k := 0; k+n <= len(run); k++ {
					key, text := gramOf(t, run[k:k+n])
					if !seen[key] {
						seen[key] = true
						fn(key, text)
					}
				}
			}
		}
	}
}

// titleWord is one word of a title: where it is and its stem.
type titleWord struct {
	start, end int
	stem       string
}

// titleRuns splits a title into runs of content words: stop words, numbers,
// the brand's words and punctuation other than a hyphen or an apostrophe
// within a word end a run ("Interview with Life360" → "interview",
// "life360"; "Self-Hosted on GCP" → "self hosted", "gcp").
func titleRuns(t string, brand map[string]bool) [][]titleWord {
	var runs [][]titleWord
	var run []titleWord
	flush := func() {
		if len(run) > 0 {
			runs = append(runs, run)
		}
		run = nil
	}
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if notWordRune(r) {
			// Spaces, and a hyphen or an apostrophe between two
			// letters, go on with the run; other marks end it.
			joins := (r == '-' || r == '\'' || r == '’') && i > 0 && i+size < len(t) &&
				!notWordRune(lastRune(t[:i])) && !notWordRune(firstRune(t[i+size:]))
			if !unicode.IsSpace(r) && !joins {
				flush()
			}
			i += size
			continue
		}
		j := i
		for j < len(t) {
			r, size := utf8.DecodeRuneInString(t[j:])
			if notWordRune(r) {
				break
			}
			j += size
		}
		low := strings.ToLower(t[i:j])
		st := ""
		if len(low) > 1 && !english.IsStopWord(low) && !isNumber(low) {
			st = stemWord(low)
		}
		switch {
		case len(low) == 1 && i > 0 && (t[i-1] == '\'' || strings.HasSuffix(t[:i], "’")):
			// The s of a possessive goes on with the run.
		case st == "" || brand[st]:
			flush()
		default:
			run = append(run, titleWord{i, j, st})
		}
		i = j
	}
	flush()
	return runs
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// gramOf is a run's key (its stems) and the title's own writing of it.
func gramOf(title string, words []titleWord) (key, text string) {
	stems := make([]string, len(words))
	for k, w := range words {
		stems[k] = w.stem
	}
	return strings.Join(stems, " "), title[words[0].start:words[len(words)-1].end]
}

// name picks the run of title words that names the cluster of pages (html
// indexes). A candidate is held by the titles of at least titleShare of the
// pages, is a noun phrase the site's key phrases hold (phrases, stem →
// writing), does not open with an -ing verb, is not all format words
// ("guide", "tips") and no other cluster took it. The best is the one whose
// pages best match the cluster's (F1 over the site's titles), or the
// longest run holding its words that costs at most 1 - titleLonger of that.
// ok is false when no candidate reaches titleNameF1.
func (g *titleGrams) name(s *site, pages []int, used map[string]bool, phrases map[string]string) (stem, name string, ok bool) {
	// The runs of the cluster's own titles, counted once a page: walking
	// every run of the site for each cluster would grow with clusters
	// times runs.
	in := make(map[string]int)
	writes := make(map[string]map[string]int) // run → how the titles write it → titles
	for _, i := range pages {
		pageGrams(s.html[i], s.brandWords, func(key, text string) {
			in[key]++
			if writes[key] == nil {
				writes[key] = make(map[string]int)
			}
			writes[key][text]++
		})
	}
	for key, n := range in {
		if _, noun := phrases[key]; !noun || n < 2 || float64(n) < titleShare*float64(len(pages)) || task(writing(writes[key])) {
			delete(in, key)
		}
	}
	f1 := func(key string) float64 {
		return 2 * float64(in[key]) / float64(len(pages)+g.pages[key])
	}
	better := func(a, b string) bool { // a over b
		if fa, fb := f1(a), f1(b); fa != fb {
			return fa > fb
		}
		return a < b
	}
	best := ""
	for key := range in {
		if used[key] || onlyFormatWords(key) {
			continue
		}
		if best == "" || better(key, best) {
			best = key
		}
	}
	if best == "" || f1(best) < titleNameF1 {
		return "", "", false
	}
	// A longer run that holds the best one's words and costs little.
	bestWords := strings.Fields(best)
	pick := best
	for key := range in {
		words := strings.Fields(key)
		if used[key] || len(words) <= len(bestWords) || f1(key) < titleLonger*f1(best) || !carriesAll(setOf(words), bestWords) {
			continue
		}
		pw := len(strings.Fields(pick))
		if pick == best || len(words) > pw || len(words) == pw && better(key, pick) {
			pick = key
		}
	}
	return pick, writing(writes[pick]), true
}

// say reports whether the titles of at least titleShare of the pages hold
// every word of stem, in any order.
func (g *titleGrams) say(s *site, pages []int, stem string) bool {
	words := strings.Fields(stem)
	n := 0
	for _, i := range pages {
		pg := s.html[i].lp.Page
		if carriesAll(setOf(tokens(titleTopic(pg.Title)+" "+strings.Join(pg.H1, " "))), words) {
			n++
		}
	}
	return float64(n) >= titleShare*float64(len(pages))
}

// task reports whether a title's writing of several words opens with a
// verb's -ing form: "implementing multilingual content" names a task, the
// run without the verb its topic.
func task(text string) bool {
	w := strings.Fields(text)
	return len(w) > 1 && len(w[0]) > 4 && strings.HasSuffix(strings.ToLower(w[0]), "ing")
}

// writing is how most titles write a run (writings counts each way), lower
// case but for acronyms.
func writing(writings map[string]int) string {
	best, bestN := "", 0
	for text, n := range writings {
		low := lowerWords(text)
		if n > bestN || n == bestN && low < best {
			best, bestN = low, n
		}
	}
	return best
}

// onlyFormatWords reports whether every word of a stemmed run says what
// kind of page a page is rather than what it is about.
func onlyFormatWords(key string) bool {
	for _, w := range strings.Fields(key) {
		if !formatWords[w] && !clusterFormatWords[w] {
			return false
		}
	}
	return true
}

// acronyms maps the lower-case form of each word the site's titles and h1s
// write with capitals inside it ("VAT", "PAYE", "MySQL", "OAuth") to that
// writing. The planner's phrases are lower case, and "the complete guide
// to vat" or "mysql database" reads wrong. A word counts when at least two
// titles write it so and nearly every title that holds it does; a title in
// capitals throughout shows nothing.
func acronyms(s *site) map[string]string {
	writes := make(map[string]map[string]int) // lower case → writing with inner capitals → titles
	all := make(map[string]int)
	for _, p := range s.html {
		pg := p.lp.Page
		for _, t := range append([]string{titleTopic(pg.Title)}, pg.H1...) {
			if strings.ToUpper(t) == t {
				continue
			}
			for _, w := range strings.FieldsFunc(t, notWordRune) {
				low := strings.ToLower(w)
				all[low]++
				if _, size := utf8.DecodeRuneInString(w); utf8.RuneCountInString(w) >= 2 && strings.ToLower(w[size:]) != w[size:] {
					if writes[low] == nil {
						writes[low] = make(map[string]int)
					}
					writes[low][w]++
				}
			}
		}
	}
	out := make(map[string]string)
	for low, ws := range writes {
		n, best, bestN := 0, "", 0
		for w, k := range ws {
			n += k
			if k > bestN || k == bestN && w < best {
				best, bestN = w, k
			}
		}
		if n >= 2 && 10*n >= 9*all[low] {
			out[low] = best
		}
	}
	return out
}

// recase writes the words of a lower-case name that the site writes in
// capitals as it does ("vat returns" → "VAT returns").
func recase(name string, acr map[string]string) string {
	if len(acr) == 0 {
		return name
	}
	words := strings.Fields(name)
	changed := false
	for i, w := range words {
		if a, ok := acr[w]; ok {
			words[i], changed = a, true
		}
	}
	if !changed {
		return name
	}
	return strings.Join(words, " ")
}

// A cluster a single word names ("options", "respondent", "conventions")
// may sit in a folder of the site whose name says more: documentation is
// filed by topic, and /docs/extending-tina/, /docs/surveys/question-type/
// and /docs/development/standards/ are what the site calls those topics.
const (
	// folderShare is the share of a cluster's pages, at least, that must
	// sit in a folder for it to name the cluster.
	folderShare = 0.6
	// folderPrecision is the share of a folder's pages, at least, that the
	// cluster must hold: /docs/ holds every topic and names none.
	folderPrecision = 0.5
)

// folders counts the pages a cluster can hold under each folder of the
// site, named by its sections as urlSections reads them ("docs/surveys").
type folders map[string]int

func newFolders(s *site) folders {
	f := make(folders)
	for _, p := range s.html {
		if p.clusterable() {
			for _, dir := range folderPaths(p.url) {
				f[dir]++
			}
		}
	}
	return f
}

// folderPaths are the folders above a page, outermost first.
func folderPaths(u string) []string {
	sections := urlSections(u)
	out := make([]string, len(sections))
	for d := range sections {
		out[d] = strings.Join(sections[:d+1], "/")
	}
	return out
}

// name returns the name of the deepest folder that holds folderShare of
// pages, of whose pages pages hold folderPrecision, and whose own name is
// of two words or more and not only the brand's or a format's ("extending
// tina", "question type"), with its stem; ok is false when none does.
func (f folders) name(s *site, pages []int, used map[string]bool) (stem, name string, ok bool) {
	in := make(map[string]int)
	for _, i := range pages {
		for _, dir := range folderPaths(s.html[i].url) {
			in[dir]++
		}
	}
	var dirs []string
	for dir, n := range in {
		if float64(n) >= folderShare*float64(len(pages)) && float64(n) >= folderPrecision*float64(f[dir]) {
			dirs = append(dirs, dir)
		}
	}
	// Deepest first, then in byte order.
	slices.SortFunc(dirs, func(a, b string) int {
		return cmp.Or(strings.Count(b, "/")-strings.Count(a, "/"), strings.Compare(a, b))
	})
	for _, dir := range dirs {
		name = strings.Join(strings.FieldsFunc(dir[strings.LastIndex(dir, "/")+1:], notWordRune), " ")
		words := tokens(name)
		own := false
		for _, w := range words {
			own = own || !s.brandWords[w]
		}
		stem = strings.Join(words, " ")
		if len(strings.Fields(name)) >= 2 && own && !onlyFormatWords(stem) && !used[stem] {
			return stem, name, true
		}
	}
	return "", "", false
}
