package dataset

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/corpus"
	"github.com/seoplan/seoplan/internal/kwfile"
)

// Label is one hand label of a record of the real-site corpus, kept in the
// repository without the record's text: a page is named by its site and URL,
// a query by its source file and QueryKey.
type Label struct {
	Site  string // corpus site ID, or keyword source (the file name before _gsc-queries.csv)
	Key   string // page URL or its URLKey, or QueryKey of the query
	Label seoplan.Label
	Note  string
}

// ReadLabels reads a TSV of corpus labels with the header
// site, url (or key), intent, subtype, stage, note.
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Label
	seen := map[string]int{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 || strings.TrimSpace(text) == "" {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) < 5 {
			return nil, fmt.Errorf("%s:%d: %d columns, want at least 5", path, line, len(cols))
		}
		l := Label{Site: cols[0], Key: cols[1]}
		if len(cols) > 5 {
			l.Note = cols[5]
		}
		if l.Label, err = label(cols[2], cols[3], cols[4]); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if prev, dup := seen[l.Site+" "+l.Key]; dup {
			return nil, fmt.Errorf("%s:%d: %s labelled again (first on line %d)", path, line, l.Key, prev)
		}
		seen[l.Site+" "+l.Key] = line
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// ReadLabelDir reads every *.tsv of dir with ReadLabels, in name order.
func ReadLabelDir(dir string) ([]Label, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Label
	for _, f := range files {
		ls, err := ReadLabels(f)
		if err != nil {
			return nil, err
		}
		out = append(out, ls...)
	}
	return out, nil
}

// CorpusPages joins page labels with the corpus records they name, read
// from corpusDir (see internal/corpus). Each item's Group is its site;
// whole holds every page of each site read, labelled or not, by site. A
// label whose URL is not in the corpus is an error: the corpus changed
// under the labels.
func CorpusPages(corpusDir string, labels []Label) (items []Item, whole map[string][]seoplan.Page, err error) {
	bySite := map[string][]Label{}
	var sites []string
	for _, l := range labels {
		if bySite[l.Site] == nil {
			sites = append(sites, l.Site)
		}
		bySite[l.Site] = append(bySite[l.Site], l)
	}
	sort.Strings(sites)
	whole = make(map[string][]seoplan.Page, len(sites))
	for _, s := range sites {
		pages, err := corpus.Load(corpusDir, s)
		if err != nil {
			return nil, nil, err
		}
		whole[s] = pages
		byURL := make(map[string]*seoplan.Page, 2*len(pages))
		for i := range pages {
			byURL[pages[i].URL] = &pages[i]
			byURL[URLKey(pages[i].URL)] = &pages[i]
		}
		for _, l := range bySite[s] {
			p := byURL[l.Key]
			if p == nil {
				return nil, nil, fmt.Errorf("corpus site %s has no page %s", s, l.Key)
			}
			items = append(items, Item{Page: p, Label: l.Label, Group: s})
		}
	}
	return items, whole, nil
}

// URLKey is corpus.URLKey: how label files name a page whose URL path has
// ten words or more.
func URLKey(u string) string { return corpus.URLKey(u) }

// QueryKey names a query of a keyword export without copying it
// (corpus.TextKey).
func QueryKey(q string) string { return corpus.TextKey(q) }

// CorpusQueries joins query labels with the queries of the corpus's
// Search Console exports (corpusDir/keywords/SOURCE_gsc-queries.csv).
func CorpusQueries(corpusDir string, labels []Label) ([]Item, error) {
	bySource := map[string]map[string]string{} // source → key → query
	var out []Item
	for _, l := range labels {
		qs, ok := bySource[l.Site]
		if !ok {
			path := filepath.Join(corpusDir, "keywords", l.Site+"_gsc-queries.csv")
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			kws, _, err := kwfile.Parse(f)
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			qs = make(map[string]string, len(kws))
			for _, k := range kws {
				qs[QueryKey(k.Text)] = k.Text
			}
			bySource[l.Site] = qs
		}
		q, ok := qs[l.Key]
		if !ok {
			return nil, fmt.Errorf("keyword source %s has no query with key %s", l.Site, l.Key)
		}
		out = append(out, Item{Keyword: q, Label: l.Label, Group: l.Site})
	}
	return out, nil
}
