package kwfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// MaxLineBytes is the longest line Parse reads. A row of an export, with its
// ranking URL and a dozen metrics, is a few hundred bytes; a longer line is
// dropped without being held in memory, and counted in Stats.Long.
const MaxLineBytes = 64 << 10

// lineReader yields the lines of a keyword file one at a time, in constant
// memory: the text is decoded to UTF-8 (byte-order mark stripped, UTF-16
// converted), lone carriage returns end lines, NUL bytes are dropped, and a
// line longer than MaxLineBytes is skipped.
type lineReader struct {
	br   *bufio.Reader
	n    int // number of the line last returned, 1-based
	long int // lines skipped for being longer than MaxLineBytes
}

// newLineReader wraps r. It reads the first bytes to find a byte-order mark.
func newLineReader(r io.Reader) (*lineReader, error) {
	head := bufio.NewReaderSize(r, 4096)
	bom, err := head.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read keyword file: %w", err)
	}
	var src io.Reader = head
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = head.Discard(3)
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}), bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		// Ahrefs writes UTF-16 for Excel; the decoder reads the mark.
		src = transform.NewReader(head, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	}
	src = transform.NewReader(src, lineEnds{})
	return &lineReader{br: bufio.NewReaderSize(src, MaxLineBytes)}, nil
}

// next returns the next line without its line end, valid until the next
// call. long reports a line that was skipped for its length (line is nil
// then). At the end of the file err is io.EOF. Text that is not UTF-8 is an
// error naming the line: guessing a legacy encoding would silently garble
// keywords.
func (lr *lineReader) next() (line []byte, long bool, err error) {
	b, err := lr.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = lr.br.ReadSlice('\n')
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, false, fmt.Errorf("read keyword file: %w", err)
		}
		lr.n++
		lr.long++
		return nil, true, nil
	}
	if errors.Is(err, io.EOF) && len(b) == 0 {
		return nil, false, io.EOF
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, false, fmt.Errorf("read keyword file: %w", err)
	}
	lr.n++
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if !utf8.Valid(b) {
		return nil, false, fmt.Errorf("line %d: keyword file is not UTF-8 text (save it as UTF-8 CSV)", lr.n)
	}
	return b, false, nil
}

// lineEnds turns lone carriage returns (the line ends of old Mac exports,
// which made a whole file one keyword) into newlines, and drops NUL bytes,
// which no keyword holds and which UTF-16 saved without its byte-order mark
// leaves between the letters. CRLF is kept as it is.
type lineEnds struct{ transform.NopResetter }

// Transform implements transform.Transformer.
func (lineEnds) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c == 0 {
			nSrc++
			continue
		}
		if c == '\r' {
			if nSrc+1 == len(src) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc // is a '\n' next?
			}
			if nSrc+1 == len(src) || src[nSrc+1] != '\n' {
				c = '\n'
			}
		}
		if nDst == len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		dst[nDst] = c
		nDst++
		nSrc++
	}
	return nDst, nSrc, nil
}

// replay is an io.Reader over the lines of a file from its header on, for
// encoding/csv: first the lines already read while looking for the header
// (with empty lines in the gaps, so csv counts lines as the file does), then
// the rest from the lineReader. A skipped over-long line reads as an empty
// line, which csv skips.
type replay struct {
	lr      *lineReader
	pending []numberedLine // read ahead, in order
	n       int            // number of the last line written out
	buf     []byte         // bytes not yet handed to Read
	err     error
}

// Read implements io.Reader.
func (p *replay) Read(out []byte) (int, error) {
	for len(p.buf) == 0 {
		if p.err != nil {
			return 0, p.err
		}
		p.fill()
	}
	n := copy(out, p.buf)
	p.buf = p.buf[n:]
	return n, nil
}

// fill puts the next line, with its newline, into buf.
func (p *replay) fill() {
	p.buf = p.buf[:0]
	if len(p.pending) > 0 {
		l := p.pending[0]
		if p.n+1 < l.number { // an empty line that was not kept
			p.n++
			p.buf = append(p.buf, '\n')
			return
		}
		p.pending = p.pending[1:]
		p.n = l.number
		p.buf = append(append(p.buf, l.raw...), '\n')
		return
	}
	if p.n < p.lr.n { // lines read ahead after the last one kept
		p.n++
		p.buf = append(p.buf, '\n')
		return
	}
	line, _, err := p.lr.next()
	if err != nil {
		p.err = err
		return
	}
	p.n = p.lr.n
	p.buf = append(append(p.buf, line...), '\n')
}
