package kwfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/seoplan/seoplan"
)

// ErrNotPages is returned by ParsePages for a file whose header is not
// that of a Search Console Pages export.
var ErrNotPages = errors.New("not a Search Console Pages export: no header with a page column and clicks or impressions")

// pageColumn is one column of a Pages export: what it holds and, in an
// export that compares two date ranges, which range (0 the export's own,
// 1 the one before).
type pageColumn struct {
	col    column
	period int
}

// pagesColumns reads the header of a Search Console Pages export: a page
// column and clicks or impressions, in any of the languages headerNames
// knows, and no query column. A compare export names each metric twice,
// after its date range ("Last 3 months Clicks", "Previous 3 months
// Clicks"): the range named "previous" or "prior", else the second one
// met, is the earlier.
func pagesColumns(line string, sep rune) ([]pageColumn, bool) {
	cr := csv.NewReader(strings.NewReader(line))
	cr.Comma = sep
	cr.LazyQuotes = true
	cells, err := cr.Read()
	if err != nil {
		return nil, false
	}
	cols := make([]pageColumn, len(cells))
	var page, metric bool
	var ranges []string // date-range labels in the order met
	for i, c := range cells {
		name := strings.ToLower(strings.TrimSpace(c))
		col, label, ok := metricCell(name)
		if !ok {
			return nil, false
		}
		switch col {
		case colKeyword:
			return nil, false
		case colURL:
			page = true
		case colClicks, colImpressions:
			metric = true
		}
		cols[i] = pageColumn{col: col}
		if label == "" {
			continue
		}
		k := indexOf(ranges, label)
		if k < 0 {
			ranges = append(ranges, label)
			k = len(ranges) - 1
		}
		cols[i].period = k
	}
	if len(ranges) > 2 {
		return nil, false
	}
	if len(ranges) == 2 && isEarlier(ranges[0]) && !isEarlier(ranges[1]) {
		for i := range cols {
			if cols[i].col != colURL && cols[i].col != colIgnore {
				cols[i].period = 1 - cols[i].period
			}
		}
	}
	return cols, page && metric
}

// metricCell maps a header cell of a Pages export to its column: a name
// headerNames knows, "ctr" (ignored: the planner computes it), or a metric
// after a date-range label, which it returns.
func metricCell(name string) (col column, label string, ok bool) {
	if col, ok := headerNames[name]; ok {
		return col, "", true
	}
	if name == "ctr" {
		return colIgnore, "", true
	}
	i := strings.LastIndexByte(name, ' ')
	if i <= 0 {
		return colIgnore, "", false
	}
	label, last := strings.TrimSpace(name[:i]), name[i+1:]
	if last == "ctr" {
		return colIgnore, label, true
	}
	switch col := headerNames[last]; col {
	case colClicks, colImpressions, colPosition:
		return col, label, true
	}
	return colIgnore, "", false
}

func isEarlier(label string) bool {
	return strings.Contains(label, "previous") || strings.Contains(label, "prior") || strings.Contains(label, "before")
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// ParsePages reads a Search Console export of the Pages tab (one row a
// page: its URL, clicks, impressions, CTR and average position), or of
// the Pages tab comparing two date ranges, and returns its rows in file
// order. Any other file is ErrNotPages. Rows with an empty page are
// skipped; a broken row is an error naming its line.
func ParsePages(r io.Reader) ([]seoplan.PageStat, Stats, error) {
	lr, err := newLineReader(r)
	if err != nil {
		return nil, Stats{}, err
	}
	lines, err := firstNonEmptyLines(lr, headerSearch)
	if err != nil {
		return nil, Stats{}, err
	}
	for i, l := range lines {
		sep := detectSeparator(l.text)
		if sep == 0 {
			continue
		}
		cols, ok := pagesColumns(l.text, sep)
		if !ok {
			continue
		}
		var out []seoplan.PageStat
		src := &replay{lr: lr, pending: lines[i:], n: l.number - 1}
		err := eachRow(src, sep, l.number, len(cols), func(line int, rec []string) error {
			ps, err := pageRow(cols, rec)
			if err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			if ps.URL != "" {
				out = append(out, ps)
			}
			return nil
		})
		if err != nil {
			return nil, Stats{Long: lr.long}, err
		}
		return out, Stats{Long: lr.long}, nil
	}
	return nil, Stats{Long: lr.long}, ErrNotPages
}

// pageRow decodes one row of a Pages export.
func pageRow(cols []pageColumn, rec []string) (seoplan.PageStat, error) {
	var ps seoplan.PageStat
	for i, cell := range rec {
		c := cols[i]
		var kw seoplan.Keyword // setField's decoding, one cell at a time
		if err := setField(&kw, c.col, cell); err != nil {
			return ps, err
		}
		switch {
		case c.col == colURL:
			ps.URL = kw.URL
		case c.period == 1:
			ps.Compared = true
			ps.PrevClicks += kw.Clicks
			ps.PrevImpressions += kw.Impressions
			ps.PrevPosition += kw.Position
		default:
			ps.Clicks += kw.Clicks
			ps.Impressions += kw.Impressions
			ps.Position += kw.Position
		}
	}
	return ps, nil
}
