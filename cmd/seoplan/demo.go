package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newDemoCmd is replaced by its owner's implementation.
func newDemoCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "demo (not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("demo is not built yet")
		},
	}
}
