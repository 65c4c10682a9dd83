package templates_test

import (
	"fmt"
	"os"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/templates"
)

func ExampleEscape() {
	fmt.Println(templates.Escape("Tips | <b>[free](https://x.example)</b>"))
	// Output: Tips \| \<b\>\[free\]\(https\://x.example\)\</b\>
}

func ExampleJSON() {
	p := &seoplan.Plan{Site: "https://example.test/", Pages: 1, Balance: seoplan.Balance{Product: 1, ProductShare: 1}}
	if err := templates.JSON(os.Stdout, p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "site": "https://example.test/",
	//   "crawled_at": "",
	//   "pages": 1,
	//   "keywords": 0,
	//   "business": {
	//     "kind": "",
	//     "summary": ""
	//   },
	//   "profile": {
	//     "name": "",
	//     "product_share": 0,
	//     "problem_share": 0,
	//     "reasoning": "",
	//     "product_metric": "",
	//     "problem_metric": ""
	//   },
	//   "balance": {
	//     "product": 1,
	//     "problem": 0,
	//     "other": 0,
	//     "product_share": 1,
	//     "problem_share": 0,
	//     "target_product": 0,
	//     "target_problem": 0,
	//     "verdict": ""
	//   },
	//   "clusters": null,
	//   "unclustered": null,
	//   "proposals": null,
	//   "audit": null,
	//   "highlights": null,
	//   "calendar": {
	//     "start": "",
	//     "per_week": 0,
	//     "weeks": 0
	//   }
	// }
}
