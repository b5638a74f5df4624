package command

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/i18n"
)

// cmdCalendar runs `pingyi calendar import FILE`: the official holidays and
// adjusted working days of one or more years, each replacing what was
// known of its year, whole or not at all.
func cmdCalendar(e *env, args []string) error {
	cfg, rest, err := parse(e, "calendar", args, func(fs *flag.FlagSet, c *app.Config) { c.DBFlag(fs) })
	if err != nil || len(rest) != 2 || rest[0] != "import" {
		return errUsage
	}
	f, format, a, err := openFile(e, cfg, rest[1])
	if err != nil {
		return err
	}
	defer f.Close()
	defer a.Close()
	res, err := a.Calendar.Import(e.ctx, f, format, audit.CLI)
	if err != nil {
		return err
	}
	years := make([]string, len(res.Years))
	for i, y := range res.Years {
		years[i] = strconv.Itoa(y)
	}
	fmt.Fprintln(e.stdout, i18n.M("loaded %d holidays and %d adjusted working days for %s",
		res.Holidays, res.Workdays, strings.Join(years, ", ")).In(e.lang))
	return nil
}
