// Command pingyi runs the yearly social-satisfaction evaluation of
// government departments: the web app and API, and the commands an
// administrator runs around it. See README.md and SPEC.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"pingyi/command"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(command.Run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}
