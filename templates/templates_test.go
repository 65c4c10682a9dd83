package templates

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/golden"
	"github.com/seoplan/seoplan/planner"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// evil is text a hostile or careless site could put in a title or phrase.
const evil = "Pipes | [a link](https://evil.example) <script>alert(1)</script> `code` *em* _u_ ~~s~~ # ! \\ www.evil.example a@b.example &amp;\nnew line"

func page(path string, sub seoplan.Subtype, stage seoplan.Stage, words int, title string, phrases []string, links ...string) seoplan.LabeledPage {
	lp := seoplan.LabeledPage{
		Page:  seoplan.Page{Fetch: seoplan.Fetch{URL: "https://example.test" + path, Status: 200, ContentType: "text/html", InSitemap: true, Depth: 1}, Content: seoplan.Content{Title: title, WordCount: words, MetaDescription: "d"}},
		Label: seoplan.Label{Intent: sub.Intent(), Subtype: sub, Stage: stage},
	}
	for i, ph := range phrases {
		lp.KeyPhrases = append(lp.KeyPhrases, seoplan.KeyPhrase{Phrase: ph, Stem: strings.ToLower(ph), Weight: 1 / float64(i+1)})
	}
	for _, l := range links {
		lp.Page.Links = append(lp.Page.Links, seoplan.Link{URL: "https://example.test" + l, Internal: true})
	}
	return lp
}

// testPlan plans a small site whose titles and phrases are hostile.
func testPlan(t *testing.T) *seoplan.Plan {
	t.Helper()
	chat := []string{"live chat", "chat | widget"}
	bad := []string{evil, "[x](y)"}
	pages := []seoplan.LabeledPage{
		page("/", seoplan.SubtypeNavigational, seoplan.StageNone, 300, "Home <b>", nil),
		page("/features/chat", seoplan.SubtypeFeature, seoplan.StageDecision, 800, "Chat | Example", chat, "/guides/chat", "/blog/chat-tips"),
		page("/guides/chat", seoplan.SubtypeGuide, seoplan.StageConsideration, 2500, "The chat guide", chat, "/features/chat", "/blog/chat-tips"),
		page("/blog/chat-tips", seoplan.SubtypeTips, seoplan.StageAwareness, 900, evil, chat, "/guides/chat", "/features/chat"),
		page("/blog/evil?q=<x>", seoplan.SubtypeHowTo, seoplan.StageConsideration, 120, evil, bad, "/blog/evil-2"),
		page("/blog/evil-2", seoplan.SubtypeExplainer, seoplan.StageAwareness, 700, "`tick` and | pipe", bad, "/blog/evil?q=<x>", "/gone"),
		{Page: seoplan.Page{Fetch: seoplan.Fetch{URL: "https://example.test/gone", Status: 404}}},
	}
	kws := []seoplan.LabeledKeyword{{
		Keyword: seoplan.Keyword{Text: "how to <b>chat</b> | [fast](x)", Volume: 300},
		Label:   seoplan.Label{Intent: seoplan.IntentProblem, Subtype: seoplan.SubtypeHowTo, Stage: seoplan.StageConsideration},
	}}
	p, err := planner.Plan(context.Background(), planner.Input{
		Site: "https://example.test/", CrawledAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Pages: pages, Keywords: kws,
	}, planner.WithStart(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMarkdownIsSafeGFM(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, testPlan(t)); err != nil {
		t.Fatal(err)
	}
	checkGFM(t, buf.Bytes())
	if !strings.Contains(buf.String(), Escape(strings.ReplaceAll(evil, "\n", " "))) {
		t.Error("the hostile title is not in the roadmap, escaped")
	}
}

// TestMarkdownLanguages: a plan of one language of a multilingual site
// opens with the note saying so, escaped like every other string.
func TestMarkdownLanguages(t *testing.T) {
	p := testPlan(t)
	p.Languages = &seoplan.Languages{Planned: "en", Note: "The site is in 2 languages [x](y) <b>", Others: []seoplan.LanguagePages{{Lang: "de", Pages: 3}}}
	var buf bytes.Buffer
	if err := Markdown(&buf, p); err != nil {
		t.Fatal(err)
	}
	checkGFM(t, buf.Bytes())
	if want := "> **Languages.** " + Escape(p.Languages.Note); !strings.Contains(buf.String(), want) {
		t.Errorf("the roadmap lacks %q", want)
	}
}

// checkGFM parses md as GitHub-flavoured Markdown and fails when a table row
// has the wrong number of cells, or when anything became a link, an image,
// HTML or a code span. The only code blocks are the two mermaid diagrams.
func checkGFM(t *testing.T, md []byte) {
	t.Helper()
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(md))
	fences, tables := 0, 0
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.RawHTML, *ast.HTMLBlock, *ast.CodeSpan:
			t.Errorf("the roadmap has a %s: %q", n.Kind(), nodeText(n, md))
		case *ast.FencedCodeBlock:
			fences++
			if lang := string(n.Language(md)); lang != "mermaid" {
				t.Errorf("code block in %q, want only mermaid", lang)
			}
		case *east.Table:
			tables++
			want := -1
			for row := n.FirstChild(); row != nil; row = row.NextSibling() {
				if got := row.ChildCount(); want < 0 {
					want = got
				} else if got != want {
					t.Errorf("table row has %d cells, header has %d: %q", got, want, nodeText(row, md))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fences != 2 {
		t.Errorf("%d code blocks, want the 2 mermaid diagrams", fences)
	}
	if tables < 3 {
		t.Errorf("only %d tables", tables)
	}
}

func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func TestGolden(t *testing.T) {
	p := testPlan(t)
	for _, tt := range []struct {
		file   string
		render func(*bytes.Buffer, *seoplan.Plan) error
	}{
		{"roadmap.md.golden", func(b *bytes.Buffer, p *seoplan.Plan) error { return Markdown(b, p) }},
		{"plan.json.golden", func(b *bytes.Buffer, p *seoplan.Plan) error { return JSON(b, p) }},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := tt.render(&a, p); err != nil {
				t.Fatal(err)
			}
			if err := tt.render(&b, testPlan(t)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two renderings of the same input differ")
			}
			golden.Check(t, filepath.Join("testdata", tt.file), a.Bytes())
		})
	}
}

func TestJSONFields(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, testPlan(t)); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"clusters", "proposals", "balance", "audit"} {
		if _, ok := m[k]; !ok {
			t.Errorf("plan.json lacks %q", k)
		}
	}
	c := m["clusters"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "name", "pillar", "pages", "gaps"} {
		if _, ok := c[k]; !ok {
			t.Errorf("cluster lacks %q", k)
		}
	}
	pg := c["pages"].([]any)[0].(map[string]any)
	for _, k := range []string{"url", "intent", "subtype", "stage"} {
		if _, ok := pg[k]; !ok {
			t.Errorf("cluster page lacks %q", k)
		}
	}
	pr := m["proposals"].([]any)[0].(map[string]any)
	for _, k := range []string{"title", "keyword", "intent", "subtype", "stage", "cluster", "priority", "due", "links"} {
		if _, ok := pr[k]; !ok {
			t.Errorf("proposal lacks %q", k)
		}
	}
	if strings.Contains(buf.String(), "<script>") {
		t.Error("plan.json carries raw <script>; want it escaped as \\u003c")
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Live chat tips", "Live chat tips"},
		{"pipe", "a | b", `a \| b`},
		{"link", "[x](http://y)", `\[x\]\(http\://y\)`},
		{"html", "<b>&amp;", `\<b\>\&amp;`},
		{"newline", "a\nb\r\nc", "a b  c"},
		{"www", "see www.x.example", `see www\.x.example`},
		{"email", "a@b.example", `a\@b.example`},
		{"time is not a scheme", "09:00", "09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{evil, "plain", "| a | b |", "<img src=x onerror=alert(1)>", "https://x.example"} {
		f.Add(s)
	}
	// Every line of the golden roadmap: real Markdown, escaped once already.
	if golden, err := os.ReadFile(filepath.Join("testdata", "roadmap.md.golden")); err == nil {
		for _, line := range strings.Split(string(golden), "\n") {
			f.Add(line)
		}
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte("| a | b |\n|---|---|\n| " + Escape(s) + " | x |\n")
		doc := md.Parser().Parse(text.NewReader(src))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *ast.Link, *ast.AutoLink, *ast.Image, *ast.RawHTML, *ast.HTMLBlock, *ast.CodeSpan:
				t.Fatalf("Escape(%q) let a %s through", s, n.Kind())
			case *east.TableRow:
				if n.ChildCount() != 2 {
					t.Fatalf("Escape(%q) broke the table: %d cells", s, n.ChildCount())
				}
			}
			return ast.WalkContinue, nil
		})
	})
}

func TestMermaid(t *testing.T) {
	got := Mermaid(`A "quoted" <b>[x](y)|z`+"`#;\n{}", 0)
	if strings.ContainsAny(got, "\"<>[]()|`#;\n{}") {
		t.Errorf("Mermaid left a special character: %q", got)
	}
	if got := Mermaid("abcdefgh", 5); got != "abcd…" {
		t.Errorf("Mermaid truncation = %q", got)
	}
}

// TestJSONStreamsEncoderBytes checks that JSON, which encodes the long
// lists an element at a time, writes the bytes of a json.Encoder with
// SetIndent("", "  ") encoding the whole plan: for a full plan, one with
// HTML-special characters, and one whose lists are empty.
func TestJSONStreamsEncoderBytes(t *testing.T) {
	full := testPlan(t)
	if len(full.Clusters) == 0 || len(full.Unclustered) == 0 || len(full.Proposals) == 0 || len(full.Audit) == 0 {
		t.Fatalf("the test plan lacks a list: %d clusters, %d unclustered, %d proposals, %d findings",
			len(full.Clusters), len(full.Unclustered), len(full.Proposals), len(full.Audit))
	}
	special := *full
	special.Site = `<a href="x">&</a>`
	special.Proposals = append([]seoplan.Proposal{{Title: "Tents <&> tarps \u2028"}}, full.Proposals...)
	empty := *full
	empty.Clusters, empty.Unclustered, empty.Proposals, empty.Audit = []seoplan.Cluster{}, nil, []seoplan.Proposal{}, nil
	for name, p := range map[string]*seoplan.Plan{"full": full, "special": &special, "empty": &empty} {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
		if err := JSON(&got, p); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s plan: JSON's bytes differ from json.Encoder's:\n%s\nwant\n%s", name, got.Bytes(), want.Bytes())
		}
	}
}
