package kwfile_test

import (
	"fmt"
	"strings"

	"github.com/seoplan/seoplan/internal/kwfile"
)

func ExampleParse() {
	export := "Top queries,Clicks,Impressions,CTR,Position\n" +
		"helpdesk software,\"1,204\",\"23,400\",5.1%,3.4\n"
	kws, _, err := kwfile.Parse(strings.NewReader(export))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, kw := range kws {
		fmt.Println(kw.Source, kw.Text, kw.Clicks, kw.Impressions, kw.Position)
	}
	// Output:
	// gsc helpdesk software 1204 23400 3.4
}
