package command

import (
	"flag"
	"fmt"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/i18n"
)

// cmdImport runs `pingyi import responses --campaign CODE FILE`: paper
// forms (or any responses) in the long format, streamed, stored whole or
// not at all. The summary goes to stdout; every problem to stderr.
func cmdImport(e *env, args []string) error {
	var campaign string
	cfg, rest, err := parse(e, "import", args, func(fs *flag.FlagSet, c *app.Config) {
		c.DBFlag(fs)
		fs.StringVar(&campaign, "campaign", "", "campaign code")
	})
	if err != nil || len(rest) != 2 || rest[0] != "responses" || campaign == "" {
		return errUsage
	}
	f, format, a, err := openFile(e, cfg, rest[1])
	if err != nil {
		return err
	}
	defer f.Close()
	defer a.Close()
	res, err := a.Responses.ImportResponses(e.ctx, campaign, f, format, audit.CLI)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, i18n.M("imported %d responses with %d ratings and %d comments into %s",
		res.Responses, res.Ratings, res.Comments, campaign).In(e.lang))
	return nil
}
