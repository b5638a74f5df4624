package command

import (
	"flag"
	"fmt"
	"net"

	"pingyi/app"
	"pingyi/demo"
)

func cmdServe(e *env, args []string) error {
	cfg, rest, err := parse(e, "serve", args, func(fs *flag.FlagSet, c *app.Config) { c.ServeFlags(fs) })
	if err != nil || len(rest) > 0 {
		return errUsage
	}
	a, err := open(e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	if a.Config.PublicURL == "" {
		a.Config.PublicURL = app.LocalURL(ln) // before Serve would, for the banner below
	}
	if cfg.Demo {
		loaded, err := demo.Load(e.ctx, a)
		if err != nil {
			ln.Close()
			return fmt.Errorf("demo: %w", err)
		}
		if loaded {
			a.Log.Info("demo campaign loaded", "campaign", demo.CampaignCode)
		}
		base := a.Config.PublicURL
		fmt.Fprintf(e.stdout, "Pingyi demo: %s\n  public form:  %s/s/%s\n  staff login:  %s/login  (%s / %s)\n",
			base, base, demo.CampaignCode, base, demo.AdminLogin, demo.Password)
	}
	a.Log.Info("serving", "addr", ln.Addr().String(), "db", a.DB.Name)
	return a.Serve(e.ctx, ln)
}
