package nlp

import "testing"

var kws = []string{"best crm software for small business", "how to reduce churn", "quickbooks online login", "zendesk vs freshdesk", "what is accounts receivable"}

func BenchmarkTag(b *testing.B) {
	Load()
	for i := 0; b.Loop(); i++ {
		Tag(kws[i%len(kws)])
	}
}
