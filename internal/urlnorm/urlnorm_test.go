package urlnorm

import (
	"bufio"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"
)

func mustParse(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		base string // "" for no base
		ref  string
		want string
	}{
		{"lower-case scheme and host", "", "HTTP://Example.COM/Path", "http://example.com/Path"},
		{"default http port removed", "", "http://example.com:80/", "http://example.com/"},
		{"default https port removed", "", "https://example.com:443/x", "https://example.com/x"},
		{"other port kept", "", "http://example.com:8080/x", "http://example.com:8080/x"},
		{"port leading zeros", "", "http://example.com:0080/", "http://example.com/"},
		{"https port 80 kept", "", "https://example.com:80/", "https://example.com:80/"},
		{"empty path is slash", "", "http://example.com", "http://example.com/"},
		{"empty path with query", "", "http://example.com?a=1", "http://example.com/?a=1"},
		{"fragment dropped", "", "http://example.com/a#top", "http://example.com/a"},
		{"dot segments", "", "http://example.com/a/./b/../c", "http://example.com/a/c"},
		{"dot segments above root", "", "http://example.com/../../a", "http://example.com/a"},
		{"trailing dot segment", "", "http://example.com/a/b/..", "http://example.com/a/"},
		{"encoded dot segments", "", "http://example.com/a/%2e%2E/b", "http://example.com/b"},
		{"unreserved escapes decoded", "", "http://example.com/%7Euser/%41", "http://example.com/~user/A"},
		{"hex upper-cased", "", "http://example.com/a%2fb%3a", "http://example.com/a%2Fb%3A"},
		{"space escaped", "", "http://example.com/a b", "http://example.com/a%20b"},
		{"non-ascii path escaped", "", "http://example.com/café", "http://example.com/caf%C3%A9"},
		{"query keys sorted", "", "http://example.com/?b=2&a=1&c=3", "http://example.com/?a=1&b=2&c=3"},
		{"repeated keys keep order", "", "http://example.com/?b=2&a=z&a=y", "http://example.com/?a=z&a=y&b=2"},
		{"trailing question mark removed", "", "http://example.com/a?", "http://example.com/a"},
		{"empty query parts dropped", "", "http://example.com/a?&&x=1&", "http://example.com/a?x=1"},
		{"utm removed", "", "http://example.com/?utm_source=news&utm_Medium=mail&id=7", "http://example.com/?id=7"},
		{"click ids removed", "", "http://example.com/?gclid=1&fbclid=2&msclkid=3&dclid=4&yclid=5&igshid=6", "http://example.com/"},
		{"mailchimp and ga removed", "", "http://example.com/?mc_cid=1&mc_eid=2&_ga=3&_gl=4&ref_src=5", "http://example.com/"},
		{"session params removed", "", "http://example.com/?PHPSESSID=1&sessionid=2&session_id=3&JSESSIONID=4&zenid=5&osCsid=6", "http://example.com/"},
		{"coldfusion removed", "", "http://example.com/?CFID=12&CFTOKEN=34&page=2", "http://example.com/?page=2"},
		{"asp session removed", "", "http://example.com/?ASPSESSIONIDQASDTRCB=XYZ&p=1", "http://example.com/?p=1"},
		{"sid token removed", "", "http://example.com/?sid=0123456789abcdef0123456789abcdef", "http://example.com/"},
		{"short sid kept", "", "http://example.com/?sid=42", "http://example.com/?sid=42"},
		{"short session sid removed", "", "http://example.com/a?sid=k3j9x0qa&id=2", "http://example.com/a?id=2"},
		{"hex session sid removed", "", "http://example.com/a?SID=9f86d081", "http://example.com/a"},
		{"story id sid kept", "", "http://example.com/article.php?sid=123456789", "http://example.com/article.php?sid=123456789"},
		{"word sid kept", "", "http://example.com/?sid=frontpage", "http://example.com/?sid=frontpage"},
		{"jsessionid path param", "", "http://example.com/shop;jsessionid=A1B2C3?item=4", "http://example.com/shop?item=4"},
		{"jsessionid mid path", "", "http://example.com/a;JSESSIONID=x/b", "http://example.com/a/b"},
		{"other path param kept", "", "http://example.com/a;v=1", "http://example.com/a;v=1"},
		{"idn host punycode", "", "http://Bücher.example/", "http://xn--bcher-kva.example/"},
		{"trailing dot host", "", "http://example.com./a", "http://example.com/a"},
		{"ipv6 literal", "", "http://[2001:DB8::1]:8080/", "http://[2001:db8::1]:8080/"},
		{"userinfo kept", "", "http://user@example.com/", "http://user@example.com/"},
		{"surrounding space and newline", "", "  http://example.com/a\n/b  ", "http://example.com/a/b"},
		{"stray percent escaped in query", "", "http://example.com/?q=100%", "http://example.com/?q=100%25"},
		{"encoded ampersand kept", "", "http://example.com/?q=a%26b", "http://example.com/?q=a%26b"},
		{"relative path", "http://example.com/blog/post", "other", "http://example.com/blog/other"},
		{"relative parent", "http://example.com/blog/post/", "../x", "http://example.com/blog/x"},
		{"root relative", "http://example.com/blog/post", "/pricing?utm_source=a", "http://example.com/pricing"},
		{"protocol relative", "https://example.com/", "//cdn.Example.com/a", "https://cdn.example.com/a"},
		{"query only", "http://example.com/a/b?x=1", "?y=2", "http://example.com/a/b?y=2"},
		{"absolute ref ignores base", "http://example.com/", "https://other.org/x", "https://other.org/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var base *url.URL
			if tt.base != "" {
				base = mustParse(t, tt.base)
			}
			got, err := Normalize(base, tt.ref)
			if err != nil {
				t.Fatalf("Normalize(%q, %q): %v", tt.base, tt.ref, err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
			}
			again, err := Normalize(nil, got)
			if err != nil || again != got {
				t.Errorf("not idempotent: %q -> %q (%v)", got, again, err)
			}
		})
	}
}

func TestNormalizeErrors(t *testing.T) {
	tests := []struct {
		name string
		base string
		ref  string
		want error
	}{
		{"mailto", "", "mailto:a@example.com", ErrScheme},
		{"javascript", "http://example.com/", "javascript:void(0)", ErrScheme},
		{"ftp", "", "ftp://example.com/file", ErrScheme},
		{"data", "http://example.com/", "data:text/html,hi", ErrScheme},
		{"relative without base", "", "/a/b", ErrMalformed},
		{"no host", "", "http:///path", ErrMalformed},
		{"opaque", "", "http:example.com", ErrMalformed},
		{"bad escape in path", "", "http://example.com/%zz", ErrMalformed},
		{"port out of range", "", "http://example.com:99999/", ErrMalformed},
		{"space in host", "", "http://exa mple.com/", ErrMalformed},
		{"invalid idn", "", "http://a\u200d\u200db.example/", ErrMalformed},
		{"control character", "", "http://example.com/\x7f", ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var base *url.URL
			if tt.base != "" {
				base = mustParse(t, tt.base)
			}
			got, err := Normalize(base, tt.ref)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Normalize(%q) = %q, %v; want error %v", tt.ref, got, err, tt.want)
			}
			if strings.ContainsAny(err.Error()[:1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Errorf("error %q starts upper case", err)
			}
		})
	}
}

func TestSameSite(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"equal", "example.com", "example.com", true},
		{"case", "Example.com", "example.COM", true},
		{"www twin", "www.example.com", "example.com", true},
		{"www twin reversed", "example.com", "www.example.com", true},
		{"subdomain differs", "blog.example.com", "example.com", false},
		{"other domain", "example.org", "example.com", false},
		{"suffix is not a match", "notexample.com", "example.com", false},
		{"ports equal", "127.0.0.1:8080", "127.0.0.1:8080", true},
		{"ports differ", "127.0.0.1:8080", "127.0.0.1:9090", false},
		{"full urls", "https://www.example.com/a", "http://example.com/b", true},
		{"url default port", "https://example.com:443/a", "example.com", true},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameSite(tt.a, tt.b); got != tt.want {
				t.Errorf("SameSite(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestNormalizeEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/%7Efoo", "/~foo"},
		{"/%7efoo", "/~foo"},
		{"/foo/bar/%62%61%7A", "/foo/bar/baz"},
		{"/foo/bar/ツ", "/foo/bar/%E3%83%84"},
		{"/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84"},
		{"/a%2Fb", "/a%2Fb"},                         // a reserved escape stays one
		{"/*.php$", "/*.php$"},                       // robots.txt wildcards are sub-delimiters
		{"/p?q=http://x.y/?z", "/p?q=http://x.y/?z"}, // "?" and "/" raw in a query
		{"/a b", "/a%20b"},
		{"/100%", "/100%25"},
		{"/a/../b?y=2&x=1", "/a/../b?y=2&x=1"}, // nothing but escapes changes
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeEscapes(tt.in); got != tt.want {
			t.Errorf("NormalizeEscapes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzNormalize checks that Normalize never panics, that it is idempotent,
// and that whatever it returns parses as an absolute http(s) URL.
func FuzzNormalize(f *testing.F) {
	file, err := os.Open("testdata/urls.txt")
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "# ") {
			f.Add(line)
		}
	}
	if err := sc.Err(); err != nil {
		f.Fatal(err)
	}
	base := mustParse(f, "http://example.com/dir/page?x=1")
	f.Fuzz(func(t *testing.T, ref string) {
		for _, b := range []*url.URL{nil, base} {
			got, err := Normalize(b, ref)
			if err != nil {
				if !errors.Is(err, ErrScheme) && !errors.Is(err, ErrMalformed) {
					t.Fatalf("Normalize(%q) error %v wraps no sentinel", ref, err)
				}
				continue
			}
			again, err := Normalize(nil, got)
			if err != nil {
				t.Fatalf("Normalize(%q) = %q, which does not normalise: %v", ref, got, err)
			}
			if again != got {
				t.Fatalf("not idempotent for %q:\n first %q\nsecond %q", ref, got, again)
			}
			u, err := url.Parse(got)
			if err != nil || !u.IsAbs() || u.Host == "" {
				t.Fatalf("Normalize(%q) = %q, not an absolute url (%v)", ref, got, err)
			}
		}
	})
}

func TestUpperEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"Disallow: /%e3%83%84": "Disallow: /%E3%83%84",
		"Disallow: /%E3%83%84": "Disallow: /%E3%83%84",
		"/a%2fb%7E":            "/a%2Fb%7E",
		"100% sure, %zz, %e":   "100% sure, %zz, %e",
		"":                     "",
	} {
		if got := UpperEscapes([]byte(in)); got != want {
			t.Errorf("UpperEscapes(%q) = %q, want %q", in, got, want)
		}
	}
}
