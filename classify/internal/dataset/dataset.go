// Package dataset reads the classifier's hand-labelled data: keyword TSV
// files, page records in JSON Lines, and the sample sites' labels.tsv. The
// trainer reads the train files; the evaluation test reads the held-out ones.
package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/seoplan/seoplan"
)

// Item is one labelled keyword or page.
type Item struct {
	Keyword string        // for keywords
	Page    *seoplan.Page // for pages
	Label   seoplan.Label // Intent, Subtype and Stage only
	Group   string        // industry or site kind, for reports
}

// ReadKeywords reads a TSV with the header
// keyword, intent, subtype, stage, industry, note.
func ReadKeywords(path string) ([]Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Item
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 || strings.TrimSpace(text) == "" {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) < 4 {
			return nil, fmt.Errorf("%s:%d: %d columns, want at least 4", path, line, len(cols))
		}
		it := Item{Keyword: cols[0]}
		if len(cols) > 4 {
			it.Group = cols[4]
		}
		if it.Label, err = label(cols[1], cols[2], cols[3]); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

func label(intent, subtype, stage string) (seoplan.Label, error) {
	l := seoplan.Label{Intent: seoplan.Intent(intent), Subtype: seoplan.Subtype(subtype), Stage: seoplan.Stage(stage)}
	if l.Subtype.Intent() != l.Intent || l.Intent == "" {
		return l, fmt.Errorf("subtype %q does not belong to intent %q", subtype, intent)
	}
	switch l.Stage {
	case seoplan.StageAwareness, seoplan.StageConsideration, seoplan.StageDecision, seoplan.StageNone:
	default:
		return l, fmt.Errorf("unknown stage %q", stage)
	}
	return l, nil
}

// pageRecord is one line of the pages JSON Lines files.
type pageRecord struct {
	URL      string   `json:"url"`
	Title    string   `json:"title"`
	H1       []string `json:"h1"`
	Headings []struct {
		Level int    `json:"level"`
		Text  string `json:"text"`
	} `json:"headings"`
	Text        string   `json:"text"`
	SchemaTypes []string `json:"schema_types"`
	OGType      string   `json:"og_type"`
	Lang        string   `json:"lang"`
	WordCount   int      `json:"word_count"`
	CTAs        []string `json:"ctas"`
	Intent      string   `json:"intent"`
	Subtype     string   `json:"subtype"`
	Stage       string   `json:"stage"`
	SiteKind    string   `json:"site_kind"`
	Status      int      `json:"status"`
}

// ReadPages reads page records, one JSON object a line, into pages the way
// the crawler would fill them: text becomes MainText, each call to action a
// link with that anchor text.
func ReadPages(path string) ([]Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decodePages(path, f)
}

func decodePages(path string, r io.Reader) ([]Item, error) {
	var out []Item
	br := bufio.NewReader(r)
	for line := 1; ; line++ {
		raw, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(raw))) > 0 {
			var rec pageRecord
			if jerr := json.Unmarshal(raw, &rec); jerr != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, jerr)
			}
			p := &seoplan.Page{
				Fetch: seoplan.Fetch{
					URL:         rec.URL,
					Status:      200,
					ContentType: "text/html",
				},
				Content: seoplan.Content{
					Title:       rec.Title,
					H1:          rec.H1,
					MainText:    rec.Text,
					WordCount:   rec.WordCount,
					SchemaTypes: rec.SchemaTypes,
					OGType:      rec.OGType,
					Lang:        rec.Lang,
				},
			}
			if rec.Status != 0 {
				p.Status = rec.Status
			}
			if p.WordCount == 0 {
				p.WordCount = len(strings.Fields(rec.Text))
			}
			for _, h := range rec.Headings {
				p.Headings = append(p.Headings, seoplan.Heading{Level: h.Level, Text: h.Text})
			}
			for _, c := range rec.CTAs {
				p.Links = append(p.Links, seoplan.Link{URL: rec.URL, Text: c, Internal: true})
			}
			it := Item{Page: p, Group: rec.SiteKind}
			if it.Label, err = label(rec.Intent, rec.Subtype, rec.Stage); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			out = append(out, it)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
}
