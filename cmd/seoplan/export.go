package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newExportCmd is replaced by its owner's implementation.
func newExportCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "export",
		Short: "export (not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("export is not built yet")
		},
	}
}
