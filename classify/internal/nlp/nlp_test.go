package nlp

import "testing"

func TestHead(t *testing.T) {
	tests := []struct{ phrase, head string }{
		{"best crm software for small business", "software"},
		{"project management tool for agencies", "tool"},
		{"how to reduce churn", "churn"},
		{"churn rate formula", "formula"},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			toks := Tag(tt.phrase)
			h := Head(toks)
			if h < 0 || toks[h].Text != tt.head {
				t.Errorf("Head(%q) = %d in %v, want %q", tt.phrase, h, toks, tt.head)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ word, lang, want string }{
		{"routing", "en", "rout"},
		{"templates", "en", "templat"},
		{"équipes", "fr", "équip"},
		{"integrations", "", "integr"},
		{"preise", "de", "preise"},
	}
	for _, tt := range tests {
		if got := Stem(tt.word, tt.lang); got != tt.want {
			t.Errorf("Stem(%q, %s) = %q, want %q", tt.word, tt.lang, got, tt.want)
		}
	}
}
