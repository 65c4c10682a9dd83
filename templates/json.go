package templates

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/seoplan/seoplan"
)

// JSON writes the whole plan as indented JSON (plan.json), with the fields
// DESIGN.md promises: clusters, proposals, balance and audit among them.
// HTML-special characters are escaped (\u003c), so the file is safe to
// embed in a page. The bytes are those of a json.Encoder with
// SetIndent("", "  ").
//
// The plan's long lists (clusters, unclustered pages, proposals, audit)
// are encoded one element at a time as they are written, so that what is
// held at once is the rest of the plan and one element: encoded whole, a
// 100,000-page plan.json of 100 MB was held twice, compact and indented,
// each in a buffer grown by doubling. A plan that fails to encode may
// therefore leave part of it written to w.
func JSON(w io.Writer, p *seoplan.Plan) error {
	head := *p
	lists := []struct {
		key  string
		n    int
		elem func(i int) any
		drop func()
	}{
		{"clusters", len(p.Clusters), func(i int) any { return &p.Clusters[i] }, func() { head.Clusters = []seoplan.Cluster{} }},
		{"unclustered", len(p.Unclustered), func(i int) any { return &p.Unclustered[i] }, func() { head.Unclustered = []seoplan.PageRef{} }},
		{"proposals", len(p.Proposals), func(i int) any { return &p.Proposals[i] }, func() { head.Proposals = []seoplan.Proposal{} }},
		{"audit", len(p.Audit), func(i int) any { return &p.Audit[i] }, func() { head.Audit = []seoplan.Finding{} }},
	}
	for _, l := range lists {
		if l.n > 0 {
			l.drop()
		}
	}
	// The rest of the plan, each long list in it as "[]": a top-level
	// field is the one line that opens with two spaces and its key (a
	// string holds no raw newline), so the list goes in where its "[]" is.
	rest, err := json.MarshalIndent(&head, "", "  ")
	if err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var compact, indented bytes.Buffer
	for _, l := range lists {
		if l.n == 0 {
			continue
		}
		mark := []byte("\n  \"" + l.key + "\": []")
		at := bytes.Index(rest, mark)
		if at < 0 {
			return fmt.Errorf("encode plan: no %q in the plan's fields", l.key)
		}
		bw.Write(rest[:at+len(mark)-1]) // up to and with the "["
		for i := range l.n {
			compact.Reset()
			indented.Reset()
			enc := json.NewEncoder(&compact)
			if err := enc.Encode(l.elem(i)); err != nil {
				return fmt.Errorf("encode plan: %s: %w", l.key, err)
			}
			if err := json.Indent(&indented, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), "    ", "  "); err != nil {
				return fmt.Errorf("encode plan: %s: %w", l.key, err)
			}
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n    ")
			bw.Write(indented.Bytes())
		}
		bw.WriteString("\n  ]")
		rest = rest[at+len(mark):]
	}
	bw.Write(rest)
	bw.WriteByte('\n') // as json.Encoder ends a value
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	return nil
}
