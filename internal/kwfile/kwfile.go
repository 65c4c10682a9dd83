package kwfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/seoplan/seoplan"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// MaxSize is the largest keyword file Parse reads. Exports of a few hundred
// thousand rows fit well below it; anything bigger is almost surely the
// wrong file.
const MaxSize = 256 << 20

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

// Header cells that only one tool writes; they decide the source.
var (
	ahrefsOnly  = []string{"kd", "difficulty", "parent keyword", "traffic potential", "global volume", "current position", "current url", "cps", "serp features"}
	semrushOnly = []string{"search volume", "keyword difficulty", "keyword difficulty %", "competitive density", "competition", "trend", "number of results", "previous position", "traffic (%)", "intent", "keyword intents"}
	gscOnly     = []string{"top queries", "impressions", "ctr"}
)

// Parse reads a keyword file and returns its rows in file order. Empty lines
// and rows with an empty keyword are skipped; nothing else is dropped or
// merged, so duplicates stay (the caller decides what a duplicate means).
func Parse(r io.Reader) ([]seoplan.Keyword, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read keyword file: %w", err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("keyword file is larger than %d MiB", MaxSize>>20)
	}
	data, err = decodeText(data)
	if err != nil {
		return nil, err
	}
	lines := firstNonEmptyLines(data, headerSearch)
	if len(lines) == 0 {
		return nil, nil
	}
	for _, l := range lines {
		sep := detectSeparator(l.text)
		if sep == 0 {
			continue
		}
		if cols, ok := readHeader(l.text, sep); ok {
			return parseCSV(data, sep, cols, l.number)
		}
	}
	return parseList(data)
}

// headerSearch is how many non-empty lines Parse looks through for a header:
// Google Keyword Planner, for one, writes a title and a date range above it.
const headerSearch = 5

// decodeText strips a byte-order mark and turns UTF-16 (what Ahrefs writes
// for Excel) into UTF-8. Invalid UTF-8 is an error: guessing a legacy
// encoding would silently garble keywords.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return nil, fmt.Errorf("decode UTF-16 keyword file: %w", err)
		}
		data = out
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, fmt.Errorf("line %d: keyword file is not UTF-8 text (save it as UTF-8 CSV)", line)
	}
	return cleanLineEnds(data), nil
}

// cleanLineEnds turns lone carriage returns (the line ends of old Mac
// exports, which made a whole file one keyword) into newlines, and drops
// NUL bytes, which no keyword holds and which UTF-16 saved without its
// byte-order mark leaves between the letters. A file with neither is
// returned as it is.
func cleanLineEnds(data []byte) []byte {
	if !hasLoneCR(data) && bytes.IndexByte(data, 0) < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i, c := range data {
		switch {
		case c == 0:
		case c == '\r' && (i+1 == len(data) || data[i+1] != '\n'):
			out = append(out, '\n')
		default:
			out = append(out, c)
		}
	}
	return out
}

func hasLoneCR(data []byte) bool {
	for i, c := range data {
		if c == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			return true
		}
	}
	return false
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

type numberedLine struct {
	text   string
	number int // 1-based
}

// firstNonEmptyLines returns up to max lines with text, with their numbers.
func firstNonEmptyLines(data []byte, max int) []numberedLine {
	var out []numberedLine
	n := 0
	for len(data) > 0 && len(out) < max {
		n++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if s := strings.TrimSpace(string(line)); s != "" {
			out = append(out, numberedLine{s, n})
		}
	}
	return out
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

func anyOf(names map[string]bool, list []string) bool {
	for _, n := range list {
		if names[n] {
			return true
		}
	}
	return false
}

// parseCSV decodes every row after the header on line headerLine.
func parseCSV(data []byte, sep rune, h header, headerLine int) ([]seoplan.Keyword, error) {
	// Start at the header line, so that title lines above it (which need
	// not be valid CSV) are never parsed; FieldPos lines count from there.
	skipped := 0
	for skipped < headerLine-1 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		data = data[i+1:]
		skipped++
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // checked below, with a clearer message
	cr.ReuseRecord = true
	var out []seoplan.Keyword
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %w", pe.StartLine+skipped, pe.Err)
			}
			return nil, fmt.Errorf("read keyword file: %w", err)
		}
		line, _ := cr.FieldPos(0)
		line += skipped
		if line <= headerLine {
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) > len(h.cols) {
			return nil, fmt.Errorf("line %d: %d fields but the header has %d (is the separator right?)", line, len(rec), len(h.cols))
		}
		kw := seoplan.Keyword{Source: h.source}
		for i, cell := range rec {
			if err := setField(&kw, h.cols[i], cell); err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
		}
		if kw.Text == "" {
			continue
		}
		out = append(out, kw)
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

// parseList reads a plain list: every non-empty line is one keyword.
func parseList(data []byte) ([]seoplan.Keyword, error) {
	var out []seoplan.Keyword
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if t := normalizeKeyword(string(line)); t != "" {
			out = append(out, seoplan.Keyword{Text: t, Source: SourceList})
		}
	}
	return out, nil
}

// normalizeKeyword trims and collapses white space. Case is kept: the
// classifier lower-cases for its features but capitals help it spot brands.
func normalizeKeyword(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
