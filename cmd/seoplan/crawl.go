package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newCrawlCmd is replaced by its owner's implementation.
func newCrawlCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "crawl",
		Short: "crawl (not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("crawl is not built yet")
		},
	}
}
