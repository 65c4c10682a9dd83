package dataset

import (
	"strings"
	"testing"
)

func TestDecodePages(t *testing.T) {
	in := `{"url":"https://a.example/pricing","title":"Pricing","h1":["Plans"],"headings":[{"level":2,"text":"Starter"}],"text":"From $9 a month.","ctas":["Start free trial"],"intent":"product","subtype":"pricing","stage":"decision","site_kind":"saas"}

{"url":"https://a.example/x","title":"X","intent":"problem","subtype":"pricing","stage":"awareness"}
`
	items, err := decodePages("pages.jsonl", strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "pages.jsonl:3") {
		t.Fatalf("want an error on line 3 for a subtype of the wrong intent, got %v (%d items)", err, len(items))
	}
	items, err = decodePages("pages.jsonl", strings.NewReader(strings.SplitN(in, "\n", 2)[0]))
	if err != nil {
		t.Fatal(err)
	}
	p := items[0].Page
	if p.MainText != "From $9 a month." || p.WordCount != 4 || len(p.Links) != 1 || p.Links[0].Text != "Start free trial" || p.Headings[0].Text != "Starter" {
		t.Errorf("page record decoded as %+v", p)
	}
	if items[0].Label.Subtype != "pricing" || items[0].Group != "saas" {
		t.Errorf("label %+v group %q", items[0].Label, items[0].Group)
	}
}
