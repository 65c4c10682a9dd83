package templates

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/seoplan/seoplan"
)

// JSON writes the whole plan as indented JSON (plan.json), with the fields
// DESIGN.md promises: clusters, proposals, balance and audit among them.
// HTML-special characters are escaped (\u003c), so the file is safe to
// embed in a page.
//
// The encoder writes to w once, when the whole plan is encoded, so a plan
// that fails to encode writes nothing; it is not copied into a buffer of
// its own first (a 100,000-page plan.json is about 100 MB, and the encoder
// already holds it twice, compact and indented).
func JSON(w io.Writer, p *seoplan.Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	return nil
}
