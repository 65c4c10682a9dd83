package templates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/seoplan/seoplan"
)

// JSON writes the whole plan as indented JSON (plan.json), with the fields
// DESIGN.md promises: clusters, proposals, balance and audit among them.
// HTML-special characters are escaped (\u003c), so the file is safe to
// embed in a page.
func JSON(w io.Writer, p *seoplan.Plan) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	return nil
}
