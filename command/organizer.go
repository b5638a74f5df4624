package command

import (
	"flag"
	"fmt"

	"pingyi/app"
	"pingyi/audit"
)

// cmdOrganizer adds or changes an organiser (a county under its city),
// or lists them. A campaign's definition creates its organiser too, but
// only this command sets a parent.
func cmdOrganizer(e *env, args []string) error {
	var name, parent string
	cfg, rest, err := parse(e, "organizer", args, func(fs *flag.FlagSet, c *app.Config) {
		c.DBFlag(fs)
		fs.StringVar(&name, "name", "", "the organiser's name")
		fs.StringVar(&parent, "parent", "", "code of the organiser above it (a county's city)")
	})
	if err != nil || len(rest) == 0 || !(rest[0] == "add" && len(rest) == 2 || rest[0] == "list" && len(rest) == 1) {
		return errUsage
	}
	a, err := open(e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if rest[0] == "add" {
		return a.Organizers.Put(e.ctx, rest[1], name, parent, audit.CLI)
	}
	list, err := a.Organizers.List(e.ctx)
	for _, o := range list {
		p := ""
		if o.ParentCode != nil {
			p = *o.ParentCode
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", o.Code, p, o.Name)
	}
	return err
}
