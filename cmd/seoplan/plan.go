package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newPlanCmd is replaced by its owner's implementation.
func newPlanCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "plan",
		Short: "plan (not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("plan is not built yet")
		},
	}
}
