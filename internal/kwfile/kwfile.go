package kwfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/seoplan/seoplan"
)

// MaxKeywordRunes is the longest keyword Parse keeps. Search Console keeps
// queries as users typed them, operators included: real exports hold
// queries of 270 characters made of -site: terms, and Google reads at most
// 32 words of a query. A "keyword" longer than 1,000 runes is a paragraph
// pasted by mistake or a file that is not a keyword list. Such rows are
// dropped and counted in Stats.Long.
const MaxKeywordRunes = 1000

// Stats says what Parse or Read left out, so a caller can tell the user.
type Stats struct {
	// Long counts lines dropped for being over-long: lines of more than
	// MaxLineBytes, and rows whose keyword has more than MaxKeywordRunes.
	Long int
}

// Sources Parse sets in seoplan.Keyword.Source.
const (
	SourceList    = "list"    // a plain list, one keyword a line
	SourceGSC     = "gsc"     // Google Search Console performance export
	SourceAhrefs  = "ahrefs"  // Ahrefs Keywords Explorer or Organic keywords export
	SourceSemrush = "semrush" // Semrush Keyword Magic or Organic Research export
	SourceCSV     = "csv"     // a CSV with a keyword column that matches none of the above
)

// column is what a header cell means to us.
type column int

const (
	colIgnore column = iota
	colKeyword
	colVolume
	colClicks
	colImpressions
	colPosition
	colURL
)

// headerNames maps lower-case header cells to columns. Exports rename their
// columns from time to time, so several spellings are listed.
var headerNames = map[string]column{
	"keyword":               colKeyword,
	"keywords":              colKeyword,
	"query":                 colKeyword,
	"queries":               colKeyword,
	"top queries":           colKeyword,
	"search query":          colKeyword,
	"search term":           colKeyword,
	"volume":                colVolume,
	"search volume":         colVolume,
	"avg. monthly searches": colVolume,
	"clicks":                colClicks,
	"impressions":           colImpressions,
	"position":              colPosition,
	"current position":      colPosition,
	"avg. position":         colPosition,
	"average position":      colPosition,
	"url":                   colURL,
	"current url":           colURL,
	"page":                  colURL,
	"top pages":             colURL,
	"landing page":          colURL,
	"ranking url":           colURL,
}

// gscLocalized holds the column titles Search Console writes when its
// interface is in another language, so an export is read as one, header row
// excluded. The metric names (clicks, impressions, CTR, position) are those
// of Google's own help for the performance report in each language
// (support.google.com/webmasters/answer/7576553 and 7042828 with hl=de, fr,
// es, pt-br, it, nl, ja). The titles of the first column are the report's
// tab names with and without the "top" of the English "Top queries" and "Top
// pages", in the forms SEOs quote in posts about these exports; more are
// cheap to add when a user sends one.
var gscLocalized = map[string]column{
	// German
	"häufigste suchanfragen": colKeyword,
	"suchanfragen":           colKeyword,
	"suchanfrage":            colKeyword,
	"klicks":                 colClicks,
	"impressionen":           colImpressions,
	"häufigste seiten":       colURL,
	"seiten":                 colURL,
	"seite":                  colURL,
	// French
	"requêtes les plus fréquentes": colKeyword,
	"principales requêtes":         colKeyword,
	"requêtes":                     colKeyword,
	"requête":                      colKeyword,
	"clics":                        colClicks, // also Spanish
	"pages les plus populaires":    colURL,
	"principales pages":            colURL,
	"pages":                        colURL,
	// Spanish
	"consultas principales": colKeyword,
	"consultas":             colKeyword, // also Portuguese
	"consulta":              colKeyword,
	"impresiones":           colImpressions,
	"posición":              colPosition,
	"páginas principales":   colURL,
	"páginas principais":    colURL,
	"páginas":               colURL,
	"página":                colURL,
	// Portuguese
	"principais consultas": colKeyword,
	"cliques":              colClicks,
	"impressões":           colImpressions,
	"posição":              colPosition,
	// Italian ("Query" and "CTR" as in English)
	"query principali":  colKeyword,
	"clic":              colClicks,
	"impressioni":       colImpressions,
	"posizione":         colPosition,
	"pagine principali": colURL,
	"pagine":            colURL,
	"pagina":            colURL, // also Dutch
	// Dutch
	"populairste zoekopdrachten": colKeyword,
	"zoekopdrachten":             colKeyword,
	"zoekopdracht":               colKeyword,
	"klikken":                    colClicks,
	"vertoningen":                colImpressions,
	"positie":                    colPosition,
	"populairste pagina's":       colURL,
	"pagina's":                   colURL,
	// Japanese
	"上位のクエリ": colKeyword,
	"クエリ":    colKeyword,
	"クリック数":  colClicks,
	"表示回数":   colImpressions,
	"掲載順位":   colPosition,
	"上位のページ": colURL,
	"ページ":    colURL,
}

func init() {
	for name, col := range gscLocalized {
		headerNames[name] = col
		if col == colKeyword || col == colImpressions {
			gscOnly = append(gscOnly, name)
		}
	}
}

// Header cells that only one tool writes; they decide the source.
var (
	ahrefsOnly  = []string{"kd", "difficulty", "parent keyword", "traffic potential", "global volume", "current position", "current url", "cps", "serp features"}
	semrushOnly = []string{"search volume", "keyword difficulty", "keyword difficulty %", "competitive density", "competition", "trend", "number of results", "previous position", "traffic (%)", "intent", "keyword intents"}
	gscOnly     = []string{"top queries", "impressions", "ctr"}
)

// Parse reads a keyword file and returns its rows in file order. Empty lines
// and rows with an empty keyword are skipped, over-long ones are dropped and
// counted; nothing else is dropped or merged, so duplicates stay (the caller
// decides what a duplicate means). On error it returns no keywords.
func Parse(r io.Reader) ([]seoplan.Keyword, Stats, error) {
	var out []seoplan.Keyword
	st, err := Read(r, func(kw seoplan.Keyword) error {
		out = append(out, kw)
		return nil
	})
	if err != nil {
		return nil, st, err
	}
	return out, st, nil
}

// Read reads a keyword file as Parse does, but hands each row to fn as it is
// read, so memory stays flat however big the file is. An error from fn stops
// the reading and is returned as it is.
func Read(r io.Reader, fn func(seoplan.Keyword) error) (Stats, error) {
	lr, err := newLineReader(r)
	if err != nil {
		return Stats{}, err
	}
	e := &emitter{fn: fn}
	err = read(lr, e)
	return Stats{Long: lr.long + e.long}, err
}

// read detects the kind of file from its first lines and decodes it.
func read(lr *lineReader, e *emitter) error {
	lines, err := firstNonEmptyLines(lr, headerSearch)
	if err != nil {
		return err
	}
	for i, l := range lines {
		sep := detectSeparator(l.text)
		if sep == 0 {
			continue
		}
		if h, ok := readHeader(l.text, sep); ok {
			src := &replay{lr: lr, pending: lines[i:], n: l.number - 1}
			return parseCSV(src, sep, h, l.number, e)
		}
		if _, ok := pagesColumns(l.text, sep); ok {
			return fmt.Errorf("line %d: %w", l.number, ErrPagesExport)
		}
	}
	return parseList(lr, lines, e)
}

// emitter hands keywords to the caller's function, dropping over-long ones.
type emitter struct {
	fn   func(seoplan.Keyword) error
	long int
}

func (e *emitter) emit(kw seoplan.Keyword) error {
	if kw.Text == "" {
		return nil
	}
	if utf8.RuneCountInString(kw.Text) > MaxKeywordRunes {
		e.long++
		return nil
	}
	return e.fn(kw)
}

// headerSearch is how many non-empty lines Parse looks through for a header:
// Google Keyword Planner, for one, writes a title and a date range above it.
const headerSearch = 5

type numberedLine struct {
	text   string // trimmed, for header detection
	raw    string // as read, without its line end
	number int    // 1-based
}

// firstNonEmptyLines reads lines until it has max with text, and returns
// those with their numbers.
func firstNonEmptyLines(lr *lineReader, max int) ([]numberedLine, error) {
	var out []numberedLine
	for len(out) < max {
		line, long, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if long {
			continue
		}
		if s := strings.TrimSpace(string(line)); s != "" {
			out = append(out, numberedLine{text: s, raw: string(line), number: lr.n})
		}
	}
	return out, nil
}

// detectSeparator picks the separator that occurs most often outside quotes
// in the header line: tab, then semicolon, then comma win ties, because
// keywords themselves may hold commas but hardly ever tabs.
func detectSeparator(line string) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, c := range line {
		switch {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == '\t' || c == ';' || c == ','):
			counts[c]++
		}
	}
	best, n := rune(0), 0
	for _, c := range []rune{'\t', ';', ','} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return best
}

// header describes the columns of a CSV export.
type header struct {
	cols   []column
	source string
}

// readHeader reports whether line is a header with a keyword column.
func readHeader(line string, sep rune) (header, bool) {
	cr := csv.NewReader(strings.NewReader(line))
	cr.Comma = sep
	cr.LazyQuotes = true
	cells, err := cr.Read()
	if err != nil {
		return header{}, false
	}
	h := header{cols: make([]column, len(cells))}
	names := map[string]bool{}
	hasKeyword := false
	for i, c := range cells {
		name := strings.ToLower(strings.TrimSpace(c))
		names[name] = true
		col := headerNames[name]
		if col == colKeyword {
			if hasKeyword { // a second keyword-like column ("Parent Keyword" is not one) is ignored
				col = colIgnore
			}
			hasKeyword = true
		}
		h.cols[i] = col
	}
	if !hasKeyword {
		return header{}, false
	}
	h.source = SourceCSV
	switch {
	case anyOf(names, gscOnly) && !names["volume"] && !names["search volume"]:
		h.source = SourceGSC
	case anyOf(names, ahrefsOnly):
		h.source = SourceAhrefs
	case anyOf(names, semrushOnly):
		h.source = SourceSemrush
	}
	return h, true
}

// ErrPagesExport is a Search Console export of the Pages tab: it holds
// URLs and their metrics but no queries, so it is no keyword file.
var ErrPagesExport = errors.New("this is a Search Console export of pages, without queries: seoplan plan reads it beside a crawl; to label keywords, export the Queries tab of the performance report")

func anyOf(names map[string]bool, list []string) bool {
	for _, n := range list {
		if names[n] {
			return true
		}
	}
	return false
}

// parseCSV decodes every keyword row after the header on line headerLine.
func parseCSV(src io.Reader, sep rune, h header, headerLine int, e *emitter) error {
	return eachRow(src, sep, headerLine, len(h.cols), func(line int, rec []string) error {
		kw := seoplan.Keyword{Source: h.source}
		for i, cell := range rec {
			if err := setField(&kw, h.cols[i], cell); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
		}
		return e.emit(kw)
	})
}

// eachRow hands fn every non-empty row after the header on line
// headerLine, with its line number; src starts at the header line, so
// that title lines above it (which need not be valid CSV) are never
// parsed, and csv's line numbers count from there. fn must not keep rec.
func eachRow(src io.Reader, sep rune, headerLine, ncols int, fn func(line int, rec []string) error) error {
	skipped := headerLine - 1
	cr := csv.NewReader(src)
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // checked below, with a clearer message
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fmt.Errorf("line %d: %w", pe.StartLine+skipped, pe.Err)
			}
			return err // the lineReader's, which names the line
		}
		line, _ := cr.FieldPos(0)
		line += skipped
		if line <= headerLine {
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) > ncols {
			return fmt.Errorf("line %d: %d fields but the header has %d (is the separator right?)", line, len(rec), ncols)
		}
		if err := fn(line, rec); err != nil {
			return err
		}
	}
}

// setField decodes one cell into kw. Number format follows the cell, not the
// file: exports mix "1,200" volumes with "3.4" positions.
func setField(kw *seoplan.Keyword, col column, cell string) error {
	cell = strings.TrimSpace(cell)
	var err error
	switch col {
	case colKeyword:
		kw.Text = normalizeKeyword(cell)
	case colURL:
		kw.URL = cell
	case colVolume:
		kw.Volume, err = parseInt(cell)
		if err != nil {
			return fmt.Errorf("volume: %w", err)
		}
	case colClicks:
		kw.Clicks, err = parseInt(cell)
		if err != nil {
			return fmt.Errorf("clicks: %w", err)
		}
	case colImpressions:
		kw.Impressions, err = parseInt(cell)
		if err != nil {
			return fmt.Errorf("impressions: %w", err)
		}
	case colPosition:
		kw.Position, err = parseFloat(cell)
		if err != nil {
			return fmt.Errorf("position: %w", err)
		}
	}
	return nil
}

// parseList reads a plain list: every non-empty line is one keyword. first
// holds the lines already read while looking for a header.
func parseList(lr *lineReader, first []numberedLine, e *emitter) error {
	for _, l := range first {
		if err := e.emit(seoplan.Keyword{Text: normalizeKeyword(l.raw), Source: SourceList}); err != nil {
			return err
		}
	}
	for {
		line, long, err := lr.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if long {
			continue
		}
		if err := e.emit(seoplan.Keyword{Text: normalizeKeyword(string(line)), Source: SourceList}); err != nil {
			return err
		}
	}
}

// normalizeKeyword trims and collapses white space. Case is kept: the
// classifier lower-cases for its features but capitals help it spot brands.
func normalizeKeyword(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
