package command

import (
	"encoding/json"
	"flag"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/scoring"
)

func cmdScore(e *env, args []string) error {
	var code, format string
	cfg, rest, err := parse(e, "score", args, func(fs *flag.FlagSet, c *app.Config) {
		c.DBFlag(fs)
		fs.StringVar(&code, "campaign", "", "campaign code")
		fs.StringVar(&format, "format", "table", "json, csv or table")
	})
	if err != nil || len(rest) > 0 || code == "" || (format != "json" && format != "csv" && format != "table") {
		return errUsage
	}
	a, err := open(e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	run, res, err := a.Results.Create(e.ctx, code, audit.CLI)
	if err != nil {
		return err
	}
	if format == "json" {
		out, err := json.MarshalIndent(run.Document(code), "", "  ")
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(append(out, '\n'))
		return err
	}
	st, err := a.Survey.Structure(e.ctx, code)
	if err != nil {
		return err
	}
	if format == "csv" {
		cfg, err := run.ScoringConfig(st)
		if err != nil {
			return err
		}
		return scoring.WriteCSV(e.stdout, cfg, res)
	}
	names := map[string]string{}
	for _, u := range st.Units {
		names[u.Code] = u.Name
	}
	for _, c := range st.Categories {
		names[c.Code] = c.Name
	}
	return scoring.WriteTable(e.stdout, res, names)
}
