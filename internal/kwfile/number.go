package kwfile

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// emptyCell reports whether a metric cell means "no value". Exports write
// these for keywords without data; they are zero, not an error.
func emptyCell(s string) bool {
	switch strings.ToLower(s) {
	case "", "-", "–", "—", "n/a", "na", "null", "none":
		return true
	}
	return false
}

// parseInt reads a count such as "1,200", "1.200", "1 200", "12K", "<10" or
// "0-10" (a range becomes its lower end).
func parseInt(s string) (int, error) {
	f, err := parseNumber(s, true)
	if err != nil {
		return 0, err
	}
	if f > math.MaxInt32 {
		return 0, fmt.Errorf("number %q is too large", s)
	}
	return int(math.Round(f)), nil
}

// parseFloat reads a position such as "3.4" or "3,4".
func parseFloat(s string) (float64, error) {
	return parseNumber(s, false)
}

func parseNumber(s string, integer bool) (float64, error) {
	orig := s
	if emptyCell(s) {
		return 0, nil
	}
	s = strings.TrimLeft(s, "<>~≈")
	s = strings.TrimSuffix(s, "%")
	if i := strings.Index(s[min(1, len(s)):], "-"); i >= 0 { // "0-10": a range
		s = s[:i+1]
	}
	mult := 1.0
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 'k', 'K':
			mult, s = 1e3, s[:n-1]
		case 'm', 'M':
			mult, s = 1e6, s[:n-1]
		}
	}
	// Thousands separators: spaces (including the no-break ones spreadsheets
	// write) and apostrophes always are.
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'', '’':
			return -1
		}
		return r
	}, s)
	s = normalizeSeparators(s, integer && mult == 1)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0, fmt.Errorf("%q is not a number", orig)
	}
	return f * mult, nil
}

// normalizeSeparators turns "1,234.5", "1.234,5", "1,200" and "3,4" into
// strconv-readable form. With both marks the last one is the decimal point.
// With one kind only: a count (integer) treats it as a thousands mark; a
// position treats it as a thousands mark only when exactly three digits
// follow every occurrence, else as a decimal mark.
func normalizeSeparators(s string, integer bool) string {
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case lastDot >= 0 && lastComma >= 0:
		if lastComma > lastDot {
			return strings.Replace(strings.ReplaceAll(s, ".", ""), ",", ".", 1)
		}
		return strings.ReplaceAll(s, ",", "")
	case lastDot < 0 && lastComma < 0:
		return s
	}
	mark := ","
	if lastDot >= 0 {
		mark = "."
	}
	parts := strings.Split(s, mark)
	grouped := len(parts) > 1 && len(parts[0]) >= 1 && len(parts[0]) <= 3
	for _, p := range parts[1:] {
		if len(p) != 3 {
			grouped = false
		}
	}
	if integer && (grouped || len(parts) > 2) || grouped && len(parts) > 2 || grouped && mark == "," {
		return strings.ReplaceAll(s, mark, "")
	}
	if len(parts) > 2 {
		return s // not a number; let ParseFloat say so
	}
	return strings.Replace(s, mark, ".", 1)
}
