// Package pdfdest reads where a PDF's named destinations lead: the page
// each name of the document catalog's /Dests dictionary points to.
//
// Chromium writes a named destination for every element that a link of the
// printed page targets, named by the element's id, so after printing the
// client report once seoplan knows on which page each section of its
// contents starts, and can print the page numbers into the contents. CSS's
// target-counter(), which would do this in the style sheet, is not
// implemented by Chromium.
//
// The reader knows as much of PDF as that needs: a classic cross-reference
// table (with /Prev sections), direct objects, and the page tree. Chromium
// (Skia) writes PDF 1.4 without object or cross-reference streams; a file
// that has them is refused with an error rather than misread.
package pdfdest

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// ErrUnsupported is returned for a PDF this reader cannot read: one whose
// cross-reference table is a stream, or that has no /Dests dictionary.
var ErrUnsupported = errors.New("pdf not readable for its destinations")

// maxDepth bounds how deeply arrays and dictionaries nest, and maxPages how
// many pages the page tree may hold, so a hostile file cannot exhaust the
// stack or memory.
const (
	maxDepth = 64
	maxPages = 100_000
)

// Pages returns the 1-based page number each named destination of pdf
// points to. A destination whose page is not in the page tree is left out.
func Pages(pdf []byte) (map[string]int, error) {
	r := &reader{pdf: pdf, offsets: map[int]int{}}
	trailer, err := r.readXref()
	if err != nil {
		return nil, err
	}
	root, ok := r.resolve(trailer["Root"]).(dict)
	if !ok {
		return nil, fmt.Errorf("%w: no document catalog", ErrUnsupported)
	}
	order := map[ref]int{}
	if err := r.walkPages(root["Pages"], order, map[ref]bool{}, 0); err != nil {
		return nil, err
	}
	dests, ok := r.resolve(root["Dests"]).(dict)
	if !ok {
		return nil, fmt.Errorf("%w: the catalog has no /Dests dictionary", ErrUnsupported)
	}
	out := make(map[string]int, len(dests))
	for name, v := range dests {
		d := r.resolve(v)
		if dd, ok := d.(dict); ok { // << /D [page /XYZ …] >>
			d = r.resolve(dd["D"])
		}
		arr, ok := d.(array)
		if !ok || len(arr) == 0 {
			continue
		}
		if pg, ok := arr[0].(ref); ok {
			if n, ok := order[pg]; ok {
				out[name] = n
			}
		}
	}
	return out, nil
}

// walkPages numbers the leaves of the page tree at v in document order.
func (r *reader) walkPages(v any, order map[ref]int, seen map[ref]bool, depth int) error {
	id, ok := v.(ref)
	if !ok {
		return fmt.Errorf("%w: a page tree node is not an indirect object", ErrUnsupported)
	}
	if seen[id] || depth > maxDepth || len(order) >= maxPages {
		return fmt.Errorf("%w: the page tree loops or is too large", ErrUnsupported)
	}
	seen[id] = true
	node, ok := r.resolve(id).(dict)
	if !ok {
		return fmt.Errorf("%w: page tree node %d is not a dictionary", ErrUnsupported, id.num)
	}
	if node["Type"] == name("Page") {
		order[id] = len(order) + 1
		return nil
	}
	kids, _ := r.resolve(node["Kids"]).(array)
	for _, k := range kids {
		if err := r.walkPages(k, order, seen, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// The PDF values the reader knows; integers and reals are both float64.
type (
	name  string
	array []any
	dict  map[string]any
	ref   struct{ num, gen int }
	// keyword is a bare word: obj, endobj, stream, R, true, false, null.
	keyword string
)

type reader struct {
	pdf     []byte
	offsets map[int]int // object number to byte offset of "N G obj"
}

// readXref reads the cross-reference sections from the last startxref
// back through /Prev, and returns the newest trailer.
func (r *reader) readXref() (dict, error) {
	i := bytes.LastIndex(r.pdf, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("%w: no startxref", ErrUnsupported)
	}
	l := &lexer{b: r.pdf, i: i + len("startxref")}
	off, ok := l.value(0).(float64)
	if !ok {
		return nil, fmt.Errorf("%w: startxref has no offset", ErrUnsupported)
	}
	var newest dict
	for range 32 {
		trailer, err := r.readSection(int(off))
		if err != nil {
			return nil, err
		}
		if newest == nil {
			newest = trailer
		}
		prev, ok := trailer["Prev"].(float64)
		if !ok {
			return newest, nil
		}
		off = prev
	}
	return nil, fmt.Errorf("%w: too many cross-reference sections", ErrUnsupported)
}

// readSection reads one "xref … trailer << … >>" section at off. Entries
// already known from a newer section are kept.
func (r *reader) readSection(off int) (dict, error) {
	if off < 0 || off >= len(r.pdf) {
		return nil, fmt.Errorf("%w: cross-reference offset %d out of the file", ErrUnsupported, off)
	}
	l := &lexer{b: r.pdf, i: off}
	if kw, _ := l.value(0).(keyword); kw != "xref" {
		return nil, fmt.Errorf("%w: no cross-reference table at %d (a cross-reference stream?)", ErrUnsupported, off)
	}
	for {
		v := l.value(0)
		if kw, ok := v.(keyword); ok && kw == "trailer" {
			break
		}
		first, ok1 := v.(float64)
		count, ok2 := l.value(0).(float64)
		if !ok1 || !ok2 || first < 0 || count < 0 || count > float64(len(r.pdf)) {
			return nil, fmt.Errorf("%w: malformed cross-reference table", ErrUnsupported)
		}
		for n := range int(count) {
			o, ok1 := l.value(0).(float64)
			_, ok2 := l.value(0).(float64)
			kind, ok3 := l.value(0).(keyword)
			if !ok1 || !ok2 || !ok3 {
				return nil, fmt.Errorf("%w: malformed cross-reference entry", ErrUnsupported)
			}
			num := int(first) + n
			if _, known := r.offsets[num]; !known && kind == "n" {
				r.offsets[num] = int(o)
			}
		}
	}
	trailer, ok := l.value(0).(dict)
	if !ok {
		return nil, fmt.Errorf("%w: no trailer dictionary", ErrUnsupported)
	}
	return trailer, nil
}

// resolve follows v to its object when it is a reference.
func (r *reader) resolve(v any) any {
	id, ok := v.(ref)
	if !ok {
		return v
	}
	off, ok := r.offsets[id.num]
	if !ok || off < 0 || off >= len(r.pdf) {
		return nil
	}
	l := &lexer{b: r.pdf, i: off}
	num, _ := l.value(0).(float64)
	l.value(0) // generation
	if kw, _ := l.value(0).(keyword); kw != "obj" || int(num) != id.num {
		return nil
	}
	v = l.value(0)
	if _, isRef := v.(ref); isRef {
		return nil // an object that is only a reference: not worth following
	}
	return v
}

// lexer reads PDF values from b at i.
type lexer struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func (l *lexer) skip() {
	for l.i < len(l.b) {
		switch c := l.b[l.i]; {
		case isSpace(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		default:
			return
		}
	}
}

// value reads the next value; nil at the end of input or on a malformed one.
func (l *lexer) value(depth int) any {
	l.skip()
	if l.i >= len(l.b) || depth > maxDepth {
		return nil
	}
	switch c := l.b[l.i]; {
	case c == '/':
		return l.name()
	case c == '(':
		return l.literal()
	case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
		return l.dict(depth)
	case c == '<':
		return l.hex()
	case c == '[':
		l.i++
		var arr array
		for {
			l.skip()
			if l.i >= len(l.b) {
				return nil
			}
			if l.b[l.i] == ']' {
				l.i++
				return arr
			}
			v := l.value(depth + 1)
			if v == nil {
				return nil
			}
			arr = append(arr, v)
		}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return l.number()
	case isDelim(c):
		l.i++ // a stray delimiter: step over it
		return keyword([]byte{c})
	default:
		start := l.i
		for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
			l.i++
		}
		return keyword(l.b[start:l.i])
	}
}

// number reads a number, or the reference "num gen R" it starts.
func (l *lexer) number() any {
	n, ok := l.plainNumber()
	if !ok {
		return nil
	}
	if n != float64(int(n)) || n < 0 {
		return n
	}
	save := l.i
	l.skip()
	if gen, ok := l.plainNumber(); ok && gen == float64(int(gen)) {
		l.skip()
		if l.i < len(l.b) && l.b[l.i] == 'R' && (l.i+1 == len(l.b) || isSpace(l.b[l.i+1]) || isDelim(l.b[l.i+1])) {
			l.i++
			return ref{int(n), int(gen)}
		}
	}
	l.i = save
	return n
}

func (l *lexer) plainNumber() (float64, bool) {
	start := l.i
	for l.i < len(l.b) && (l.b[l.i] == '+' || l.b[l.i] == '-' || l.b[l.i] == '.' || (l.b[l.i] >= '0' && l.b[l.i] <= '9')) {
		l.i++
	}
	f, err := strconv.ParseFloat(string(l.b[start:l.i]), 64)
	if err != nil {
		l.i = start
		return 0, false
	}
	return f, true
}

// name reads /Name, decoding #xx escapes.
func (l *lexer) name() any {
	l.i++
	var out []byte
	for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
		c := l.b[l.i]
		if c == '#' && l.i+2 < len(l.b) {
			if v, err := strconv.ParseUint(string(l.b[l.i+1:l.i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				l.i += 3
				continue
			}
		}
		out = append(out, c)
		l.i++
	}
	return name(out)
}

// literal reads a (string) with balanced parentheses and escapes; the
// reader needs no string's value, only to step over it.
func (l *lexer) literal() any {
	l.i++
	depth := 1
	for l.i < len(l.b) {
		switch l.b[l.i] {
		case '\\':
			l.i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				l.i++
				return keyword("(string)")
			}
		}
		l.i++
	}
	return nil
}

func (l *lexer) hex() any {
	end := bytes.IndexByte(l.b[l.i:], '>')
	if end < 0 {
		return nil
	}
	l.i += end + 1
	return keyword("<hex>")
}

// dict reads << /Key value … >>. A stream's data after it is never read:
// resolve reads only the value that follows "N G obj".
func (l *lexer) dict(depth int) any {
	l.i += 2
	d := dict{}
	for {
		l.skip()
		if l.i+1 < len(l.b) && l.b[l.i] == '>' && l.b[l.i+1] == '>' {
			l.i += 2
			return d
		}
		k, ok := l.value(depth + 1).(name)
		if !ok {
			return nil
		}
		v := l.value(depth + 1)
		if v == nil {
			return nil
		}
		d[string(k)] = v
	}
}
