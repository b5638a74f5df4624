package command

import (
	"flag"
	"fmt"

	"pingyi/account"
	"pingyi/app"
	"pingyi/audit"
)

func cmdUser(e *env, args []string) error {
	var in account.NewUser
	var role string
	cfg, rest, err := parse(e, "user", args, func(fs *flag.FlagSet, c *app.Config) {
		c.DBFlag(fs)
		fs.StringVar(&role, "role", "", "admin, committee, operator, liaison or supervisor")
		fs.StringVar(&in.Login, "name", "", "login name")
		fs.StringVar(&in.DisplayName, "display-name", "", "name shown on pages (default: the login)")
		fs.StringVar(&in.UnitCode, "unit", "", "unit code, for a liaison")
		fs.Func("organizer", "code of an organiser the account belongs to (repeat for several; default: default)", func(v string) error {
			in.Organizers = append(in.Organizers, v)
			return nil
		})
	})
	if err != nil || len(rest) != 1 || rest[0] != "add" {
		return errUsage
	}
	in.Role = account.Role(role)
	a, err := open(e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	u, password, err := a.Accounts.Create(e.ctx, in, audit.CLI)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "created %s (%s); one-time password, to be changed at first sign-in:\n", u.Login, u.Role)
	fmt.Fprintln(e.stdout, password)
	return nil
}
