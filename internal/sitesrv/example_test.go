package sitesrv_test

import (
	"fmt"
	"io"
	"net/http"
	"testing/fstest"

	"github.com/seoplan/seoplan/internal/sitesrv"
)

func ExampleStart() {
	site := fstest.MapFS{
		"site.json":        {Data: []byte(`{"name":"Tiny","origin":"https://www.tiny.example"}`)},
		"www/pricing.html": {Data: []byte(`<link rel="canonical" href="https://www.tiny.example/pricing">`)},
	}
	srv, err := sitesrv.Start(site)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/pricing")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	// The page names the serving origin, not the site's real one.
	fmt.Println(resp.StatusCode, string(body) == `<link rel="canonical" href="`+srv.URL+`/pricing">`)
	// Output: 200 true
}
