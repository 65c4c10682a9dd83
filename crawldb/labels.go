package crawldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/seoplan/seoplan"
)

// PageLabel is a page's label as the labels table keeps it: what the
// classifier said of the page and the version of the classifier that said
// it, so a later command reuses it while the version holds and labels the
// page again once it changes.
type PageLabel struct {
	URL   string // the page's URL in its snapshot
	Model string // the classifier's version (classify.Version)
	Label seoplan.Label
	// Phrases is the page's candidate key phrases in the classifier's own
	// text form (classify.Terms): the part of labelling that costs, kept so
	// that key phrases can be weighed across the whole crawl again without
	// reading the page's text.
	Phrases string
}

// labelRow scans the label columns of a LEFT JOIN, NULL when there is no
// label of the version asked for.
type labelRow struct {
	intent, subtype, stage, signals, phrases sql.NullString
	confidence                               sql.NullFloat64
}

func (r *labelRow) dest() []any {
	return []any{&r.intent, &r.subtype, &r.stage, &r.confidence, &r.signals, &r.phrases}
}

// label returns the scanned label, or nil when the row had none.
func (r *labelRow) label(url, model string) (*PageLabel, error) {
	if !r.intent.Valid {
		return nil, nil
	}
	l := &PageLabel{URL: url, Model: model, Phrases: r.phrases.String, Label: seoplan.Label{
		Intent: seoplan.Intent(r.intent.String), Subtype: seoplan.Subtype(r.subtype.String),
		Stage: seoplan.Stage(r.stage.String), Confidence: r.confidence.Float64,
	}}
	if err := json.Unmarshal([]byte(r.signals.String), &l.Label.Signals); err != nil {
		return nil, fmt.Errorf("read label of %s: %w", url, err)
	}
	return l, nil
}

// StoreLabels stores labels of a snapshot's pages in one transaction,
// replacing whatever label each page had (of any version). A label whose
// URL is not a page of the snapshot is an error: labels belong to pages.
func (db *DB) StoreLabels(ctx context.Context, snapshotID int64, labels []PageLabel) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store labels: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO labels
	(page_id, model, intent, subtype, stage, confidence, signals, phrases)
	SELECT id, ?, ?, ?, ?, ?, ?, ? FROM pages WHERE snapshot_id = ? AND url = ?`)
	if err != nil {
		return fmt.Errorf("store labels: %w", err)
	}
	defer st.Close()
	for _, l := range labels {
		sig := l.Label.Signals
		if sig == nil {
			sig = []string{}
		}
		js, err := json.Marshal(sig)
		if err != nil {
			return fmt.Errorf("store label of %s: %w", l.URL, err)
		}
		res, err := st.ExecContext(ctx, l.Model, string(l.Label.Intent), string(l.Label.Subtype), string(l.Label.Stage),
			l.Label.Confidence, string(js), l.Phrases, snapshotID, l.URL)
		if err != nil {
			return fmt.Errorf("store label of %s: %w", l.URL, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store label of %s: no such page in snapshot %d", l.URL, snapshotID)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store labels: %w", err)
	}
	return nil
}

// CountLabels returns how many pages of a snapshot have a label of the
// given model version.
func (db *DB) CountLabels(ctx context.Context, snapshotID int64, model string) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM labels l JOIN pages p ON p.id = l.page_id
WHERE p.snapshot_id = ? AND l.model = ?`, snapshotID, model).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count labels: %w", err)
	}
	return n, nil
}
