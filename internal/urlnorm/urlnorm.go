package urlnorm

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// Sentinel errors, checked with errors.Is. Every error Normalize returns wraps
// exactly one of them.
var (
	// ErrScheme is returned for a URL whose scheme is not http or https
	// (mailto:, javascript:, ftp: …): a crawler skips such links.
	ErrScheme = errors.New("unsupported url scheme")
	// ErrMalformed is returned for a URL that cannot be parsed, has no host,
	// or is relative with no base to resolve it against.
	ErrMalformed = errors.New("malformed url")
)

// Normalize resolves ref against base (nil when ref must be absolute) and
// returns its normal form, or an error for a malformed URL or a scheme other
// than http and https.
//
// The normal form is stable: Normalize of its own output returns the same
// string, so it can key a crawl frontier and a database.
func Normalize(base *url.URL, ref string) (string, error) {
	ref = trimURL(ref)
	u, err := url.Parse(ref)
	if err != nil {
		return "", fmt.Errorf("normalize %q: %w: %v", clip(ref), ErrMalformed, unwrapURLError(err))
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "http", "https":
	case "":
		return "", fmt.Errorf("normalize %q: %w: relative url without a base", clip(ref), ErrMalformed)
	default:
		return "", fmt.Errorf("normalize %q: %w %q", clip(ref), ErrScheme, scheme)
	}
	if u.Opaque != "" {
		return "", fmt.Errorf("normalize %q: %w: no host", clip(ref), ErrMalformed)
	}
	host, err := normalizeHost(u.Hostname())
	if err != nil {
		return "", fmt.Errorf("normalize %q: %w: %v", clip(ref), ErrMalformed, err)
	}
	port, err := normalizePort(scheme, u.Port())
	if err != nil {
		return "", fmt.Errorf("normalize %q: %w: %v", clip(ref), ErrMalformed, err)
	}

	var b strings.Builder
	b.Grow(len(ref) + 8)
	b.WriteString(scheme)
	b.WriteString("://")
	if u.User != nil {
		// Kept rather than dropped: credentials select a different view of a
		// site, and dropping them would merge two distinct resources.
		b.WriteString(u.User.String())
		b.WriteByte('@')
	}
	b.WriteString(host)
	if port != "" {
		b.WriteByte(':')
		b.WriteString(port)
	}
	b.WriteString(normalizePath(u.EscapedPath()))
	if q := normalizeQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	// The fragment is dropped: it never reaches the server.
	return b.String(), nil
}

// SameSite reports whether host a and host b are the same site: equal, or
// one the www. twin of the other. Ports count ("example.com:8080" is another
// site than "example.com"). Full URLs are accepted too; their hosts are
// compared.
func SameSite(a, b string) bool {
	a, b = siteKey(a), siteKey(b)
	return a != "" && a == b
}

// siteKey reduces a host or URL to the string SameSite compares: lower case,
// no "www.", no trailing dot, no default port.
func siteKey(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return ""
		}
		host := u.Host
		if p := u.Port(); (p == "80" && u.Scheme == "http") || (p == "443" && u.Scheme == "https") {
			host = u.Hostname()
			if strings.Contains(host, ":") {
				host = "[" + host + "]"
			}
		}
		s = host
	}
	s = strings.ToLower(s)
	if h, p, ok := strings.Cut(s, ":"); ok && !strings.Contains(p, ":") {
		s = strings.TrimSuffix(h, ".") + ":" + p
	} else {
		s = strings.TrimSuffix(s, ".")
	}
	return strings.TrimPrefix(s, "www.")
}

// trimURL removes what browsers ignore around and inside a pasted href:
// leading and trailing spaces and control characters, and tabs and newlines
// anywhere (WHATWG URL standard, "basic URL parser").
func trimURL(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// normalizeHost lower-cases host, converts an internationalised name to
// punycode and removes a trailing dot. IPv6 literals come back bracketed.
func normalizeHost(host string) (string, error) {
	if host == "" {
		return "", errors.New("no host")
	}
	if strings.Contains(host, ":") {
		// An IPv6 literal, written in its canonical RFC 5952 form. Zones
		// (fe80::1%eth0) are link-local and have no place in a web crawl.
		a, err := netip.ParseAddr(host)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return "", fmt.Errorf("invalid ipv6 host %q", clip(host))
		}
		return "[" + a.String() + "]", nil
	}
	if host[0] == '.' || strings.Contains(host, "..") {
		return "", fmt.Errorf("host %q: empty label", clip(host))
	}
	host = strings.TrimSuffix(host, ".")
	ascii := true
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		h, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return "", fmt.Errorf("host %q: %v", clip(host), err)
		}
		host = h
	}
	host = strings.ToLower(host)
	if host == "" || host[0] == '.' || strings.Contains(host, "..") {
		return "", fmt.Errorf("host %q: empty label", clip(host))
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		if !isAlnum(c) && c != '-' && c != '.' && c != '_' {
			return "", fmt.Errorf("host %q: invalid character %q", clip(host), c)
		}
	}
	return host, nil
}

// normalizePort drops the scheme's default port and leading zeros.
func normalizePort(scheme, port string) (string, error) {
	if port == "" {
		return "", nil
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return "", fmt.Errorf("invalid port %q", clip(port))
	}
	if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
		return "", nil
	}
	return strconv.Itoa(n), nil
}

// normalizePath normalises the percent-encoding of an escaped path, strips
// session path parameters (";jsessionid=…") and resolves "." and ".."
// segments. The empty path becomes "/".
func normalizePath(p string) string {
	p = normalizeEscapes(p, false)
	p = stripPathSession(p)
	p = removeDotSegments(p)
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	return p
}

// stripPathSession removes ";jsessionid=…" path parameters (Java servlet
// URL rewriting), up to the next ";" or "/". p is already escaped, so it is
// ASCII and its lower-case copy has the same byte offsets.
func stripPathSession(p string) string {
	const param = ";jsessionid="
	lower := strings.ToLower(p)
	if !strings.Contains(lower, param) {
		return p
	}
	var b strings.Builder
	for {
		i := strings.Index(lower, param)
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		end := len(p)
		if j := strings.IndexAny(p[i+1:], ";/"); j >= 0 {
			end = i + 1 + j
		}
		b.WriteString(p[:i])
		p, lower = p[end:], lower[end:]
	}
}

// removeDotSegments implements RFC 3986 section 5.2.4.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	if len(out) == 1 && out[0] == "" {
		return "/"
	}
	return strings.Join(out, "/")
}

// normalizeQuery drops empty, tracking and session parameters, normalises the
// percent-encoding of the rest and sorts them by key, keeping the order of
// repeated keys (a stable sort), as several servers read them in order.
func normalizeQuery(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, part := range parts {
		if part == "" {
			continue
		}
		part = normalizeEscapes(part, true)
		key, val, _ := strings.Cut(part, "=")
		if isTrackingParam(key, val) {
			continue
		}
		kept = append(kept, part)
	}
	slices.SortStableFunc(kept, func(a, b string) int {
		ka, _, _ := strings.Cut(a, "=")
		kb, _, _ := strings.Cut(b, "=")
		return strings.Compare(ka, kb)
	})
	return strings.Join(kept, "&")
}

// NormalizeEscapes rewrites the percent-escapes of a path with an optional
// query ("/%7efoo?q=%c3%a1") as Normalize does, and changes nothing else: no
// dot segments resolved, no parameters dropped or sorted. robots.txt rules
// pass through it so that a rule and a normalised URL compare octet for
// octet, as RFC 9309 section 2.2.2 asks ("/%7Efoo" and "/~foo" are one path).
func NormalizeEscapes(pathQuery string) string {
	p, q, ok := strings.Cut(pathQuery, "?")
	p = normalizeEscapes(p, false)
	if !ok {
		return p
	}
	return p + "?" + normalizeEscapes(q, true)
}

// normalizeEscapes rewrites percent-escapes in upper-case hex, decodes the
// escapes of unreserved characters (RFC 3986 section 6.2.2.2), escapes a "%"
// that starts no valid escape, and escapes bytes that may not appear raw in a
// URL (spaces, quotes, non-ASCII …). In a query component "?" and "/" are
// left raw; in a path "?" is escaped.
func normalizeEscapes(s string, query bool) string {
	var b strings.Builder
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' || !isRawAllowed(c, query) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isUnreserved(v) {
				b.WriteByte(v)
			} else {
				writeEscape(&b, v)
			}
			i += 2
		case c == '%':
			writeEscape(&b, c)
		case isRawAllowed(c, query):
			b.WriteByte(c)
		default:
			writeEscape(&b, c)
		}
	}
	return b.String()
}

func writeEscape(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

// isRawAllowed reports whether c may stay unescaped: unreserved characters,
// sub-delimiters, ":" and "@" (RFC 3986 pchar), plus "/" and, in a query, "?".
func isRawAllowed(c byte, query bool) bool {
	if isUnreserved(c) {
		return true
	}
	switch c {
	case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@', '/':
		return true
	case '?':
		return query
	}
	return false
}

func isUnreserved(c byte) bool {
	return isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~'
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// UpperEscapes returns b with the hex digits of its percent-escapes in
// upper case ("%e3" → "%E3"), which RFC 3986 makes equivalent, and
// changes nothing else. A b without a lower-case escape comes back as it is.
func UpperEscapes(b []byte) string {
	lower := false
	for i := 0; i+2 < len(b) && !lower; i++ {
		lower = b[i] == '%' && isHex(b[i+1]) && isHex(b[i+2]) &&
			(b[i+1] >= 'a' || b[i+2] >= 'a')
	}
	if !lower {
		return string(b)
	}
	out := []byte(string(b))
	for i := 0; i+2 < len(out); i++ {
		if out[i] == '%' && isHex(out[i+1]) && isHex(out[i+2]) {
			out[i+1], out[i+2] = upperHex(out[i+1]), upperHex(out[i+2])
			i += 2
		}
	}
	return string(out)
}

func upperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// clip shortens s for an error message: hostile pages carry megabyte hrefs.
func clip(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
