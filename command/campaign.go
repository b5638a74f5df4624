package command

import (
	"flag"
	"fmt"
	"os"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/survey"
	"pingyi/validation"
)

func cmdCampaign(e *env, args []string) error {
	var file string
	cfg, rest, err := parse(e, "campaign", args, func(fs *flag.FlagSet, c *app.Config) {
		c.DBFlag(fs)
		fs.StringVar(&file, "file", "", "campaign definition document (JSON)")
	})
	if err != nil || len(rest) == 0 {
		return errUsage
	}
	switch {
	case rest[0] == "create" && len(rest) == 1 && file != "":
		raw, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		var d survey.Definition
		if err := validation.DecodeStrict(raw, &d); err != nil {
			return err
		}
		a, err := open(e, cfg)
		if err != nil {
			return err
		}
		defer a.Close()
		st, err := a.Survey.Create(e.ctx, d, audit.CLI)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, st.Campaign.Code)
		return nil
	case (rest[0] == "open" || rest[0] == "close") && len(rest) == 2:
		to := survey.Open
		if rest[0] == "close" {
			to = survey.Closed
		}
		a, err := open(e, cfg)
		if err != nil {
			return err
		}
		defer a.Close()
		c, err := a.Survey.SetStatus(e.ctx, rest[1], to, audit.CLI)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %s\n", c.Code, c.Status)
		return nil
	}
	return errUsage
}
