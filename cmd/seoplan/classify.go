package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newClassifyCmd is replaced by its owner's implementation.
func newClassifyCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "classify",
		Short: "classify (not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("classify is not built yet")
		},
	}
}
