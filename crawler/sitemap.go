package crawler

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// Limits of one sitemap file, from the sitemap protocol (sitemaps.org): at
// most 50,000 URLs and 50 MB (52,428,800 bytes) uncompressed.
const (
	MaxSitemapURLs  = 50_000
	MaxSitemapBytes = 50 << 20
)

// maxSitemapDepth bounds element nesting; a real sitemap nests four deep.
const maxSitemapDepth = 64

// ErrSitemapLimit is wrapped by ParseSitemap's error when a sitemap breaks a
// protocol limit; the Sitemap returned with it holds what was read up to the
// limit, so a caller may still crawl those URLs.
var ErrSitemapLimit = errors.New("sitemap protocol limit exceeded")

// Sitemap is one parsed sitemap file: a urlset's page URLs, or a sitemap
// index's child sitemap URLs.
type Sitemap struct {
	URLs     []string // <urlset><url><loc>
	Children []string // <sitemapindex><sitemap><loc>
}

// ParseSitemap reads a sitemap or sitemap index, plain or gzip-compressed
// (detected by its magic bytes), namespaced or not. A plain-text sitemap (one
// URL a line) is accepted too. Each <loc> is trimmed of white space but not
// otherwise checked or normalised: the crawler does that with the rest of its
// links.
//
// On an error the URLs read so far are returned with it: a sitemap broken at
// line 10,000 still lists 9,999 good pages.
func ParseSitemap(r io.Reader) (Sitemap, error) {
	return parseSitemap(r, MaxSitemapURLs, MaxSitemapBytes)
}

// parseSitemap is ParseSitemap with its limits as arguments, so tests can
// reach them without generating 50 MB.
func parseSitemap(r io.Reader, maxURLs int, maxBytes int64) (Sitemap, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return Sitemap{}, fmt.Errorf("sitemap: gzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	lr := &sitemapLimitReader{r: br, left: maxBytes}
	br = bufio.NewReader(lr)

	isXML, err := looksLikeXML(br)
	if err != nil {
		return Sitemap{}, fmt.Errorf("sitemap: %w", err)
	}
	sm := Sitemap{}
	lim := &sitemapBuilder{sm: &sm, max: maxURLs}
	if isXML {
		err = parseXMLSitemap(br, lim)
	} else {
		err = parseTextSitemap(br, lim)
	}
	if lr.over {
		// Whatever the parser said, the real cause is the truncation.
		err = fmt.Errorf("sitemap: larger than %d bytes uncompressed: %w", maxBytes, ErrSitemapLimit)
	}
	return sm, err
}

// looksLikeXML skips a byte-order mark and white space and reports whether
// the document starts with "<".
func looksLikeXML(br *bufio.Reader) (bool, error) {
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			br.Discard(1)
			continue
		case 0xEF: // UTF-8 byte-order mark
			if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
				br.Discard(3)
				continue
			}
		}
		return b[0] == '<', nil
	}
}

// parseXMLSitemap streams the tokens of a urlset or sitemapindex. It looks at
// local names only, so the sitemaps.org namespace (or a wrong or missing one)
// does not matter, and takes a <loc> only as the direct child of <url> or
// <sitemap>: image:loc and video:loc extensions are not pages.
func parseXMLSitemap(r io.Reader, sm *sitemapBuilder) error {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charset.NewReaderLabel
	var stack []string
	var loc strings.Builder
	inLoc := false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			if len(stack) > 0 {
				return fmt.Errorf("sitemap: line %d: unexpected end of file inside <%s>", xmlLine(dec), stack[len(stack)-1])
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("sitemap: line %d: %w", xmlLine(dec), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxSitemapDepth {
				return fmt.Errorf("sitemap: line %d: elements nested more than %d deep", xmlLine(dec), maxSitemapDepth)
			}
			name := strings.ToLower(t.Name.Local)
			if len(stack) == 0 && name != "urlset" && name != "sitemapindex" {
				return fmt.Errorf("sitemap: line %d: root element <%s> is neither <urlset> nor <sitemapindex>", xmlLine(dec), t.Name.Local)
			}
			if name == "loc" && len(stack) > 0 {
				if p := stack[len(stack)-1]; p == "url" || p == "sitemap" {
					inLoc = true
					loc.Reset()
				}
			}
			stack = append(stack, name)
		case xml.CharData:
			if inLoc {
				loc.Write(t)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return fmt.Errorf("sitemap: line %d: unexpected </%s>", xmlLine(dec), t.Name.Local)
			}
			name := stack[len(stack)-1]
			if !strings.EqualFold(t.Name.Local, name) {
				return fmt.Errorf("sitemap: line %d: </%s> closes <%s>", xmlLine(dec), t.Name.Local, name)
			}
			stack = stack[:len(stack)-1]
			if inLoc && name == "loc" {
				inLoc = false
				if err := sm.add(stack[len(stack)-1], strings.TrimSpace(loc.String())); err != nil {
					return err
				}
			}
		}
	}
}

// xmlLine reports the decoder's current line for error messages.
func xmlLine(dec *xml.Decoder) int {
	l, _ := dec.InputPos()
	return l
}

// sitemapBuilder fills a Sitemap up to the URL limit.
type sitemapBuilder struct {
	sm  *Sitemap
	max int
}

// add records one <loc> found under parent ("url" or "sitemap").
func (b *sitemapBuilder) add(parent, loc string) error {
	if loc == "" {
		return nil
	}
	list := &b.sm.URLs
	if parent == "sitemap" {
		list = &b.sm.Children
	}
	if len(*list) >= b.max {
		return fmt.Errorf("sitemap: more than %d urls: %w", b.max, ErrSitemapLimit)
	}
	*list = append(*list, loc)
	return nil
}

// maxTextLine bounds one line of a text sitemap. The protocol caps a URL at
// 2,048 characters; longer lines are skipped rather than buffered.
const maxTextLine = 2048

// parseTextSitemap reads a plain-text sitemap: one absolute http(s) URL a
// line. Other lines (blank, comments, junk) are skipped; if nothing at all
// looked like a URL the input is reported as not a sitemap.
func parseTextSitemap(br *bufio.Reader, sm *sitemapBuilder) error {
	skipped := 0
	for lineNo := 1; ; lineNo++ {
		text, tooLong, err := readSitemapLine(br, maxTextLine)
		if err != nil && err != io.EOF {
			return fmt.Errorf("sitemap: line %d: %w", lineNo, err)
		}
		text = strings.TrimSpace(text)
		switch {
		case tooLong:
			skipped++
		case hasHTTPScheme(text):
			if addErr := sm.add("url", text); addErr != nil {
				return addErr
			}
		case text != "":
			skipped++
		}
		if err == io.EOF {
			break
		}
	}
	if len(sm.sm.URLs) == 0 && skipped > 0 {
		return errors.New("sitemap: neither xml nor a list of http(s) urls")
	}
	return nil
}

// readSitemapLine reads up to the next "\n", keeping at most max bytes; tooLong
// reports that the line was longer and cut.
func readSitemapLine(br *bufio.Reader, max int) (line string, tooLong bool, err error) {
	var b []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(b)+len(chunk) > max {
			tooLong = true
		} else {
			b = append(b, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return string(b), tooLong, err
	}
}

func hasHTTPScheme(s string) bool {
	return len(s) > 8 && (strings.EqualFold(s[:7], "http://") || strings.EqualFold(s[:8], "https://"))
}

// sitemapLimitReader reads at most left bytes and notes whether the input went
// on beyond them, unlike io.LimitReader, which cannot tell.
type sitemapLimitReader struct {
	r    io.Reader
	left int64
	over bool
}

func (l *sitemapLimitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			l.over = true
			return 0, io.EOF
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}
