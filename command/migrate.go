package command

import (
	"flag"
	"fmt"

	"pingyi/app"
	"pingyi/migrations"
)

func cmdMigrate(e *env, args []string) error {
	steps := 1
	cfg, rest, err := parse(e, "migrate", args, func(fs *flag.FlagSet, c *app.Config) {
		c.DBFlag(fs)
		fs.IntVar(&steps, "steps", 1, "how many migrations down reverts")
	})
	if err != nil || len(rest) != 1 || steps < 1 {
		return errUsage
	}
	a, err := app.Open(e.ctx, cfg, cfg.Logger(), false)
	if err != nil {
		return err
	}
	defer a.Close()
	switch rest[0] {
	case "up":
		applied, err := migrations.Up(e.ctx, a.DB)
		for _, m := range applied {
			fmt.Fprintf(e.stdout, "applied %04d_%s\n", m.Version, m.Name)
		}
		if err == nil && len(applied) == 0 {
			fmt.Fprintln(e.stdout, "schema is up to date")
		}
		return err
	case "down":
		reverted, err := migrations.Down(e.ctx, a.DB, steps)
		for _, m := range reverted {
			fmt.Fprintf(e.stdout, "reverted %04d_%s\n", m.Version, m.Name)
		}
		return err
	case "status":
		states, err := migrations.Status(e.ctx, a.DB)
		if err != nil {
			return err
		}
		for _, s := range states {
			at := "pending"
			if s.AppliedAt != nil {
				at = "applied " + s.AppliedAt.Format("2006-01-02 15:04:05 UTC")
			}
			fmt.Fprintf(e.stdout, "%04d_%-30s %s\n", s.Version, s.Name, at)
		}
		return nil
	}
	return errUsage
}
