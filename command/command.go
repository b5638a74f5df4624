// Package command is pingyi's command line: serve, migrate, campaign, user,
// audit, score, import and sample. main hands it the process's arguments,
// streams and environment; tests call Run the same way.
package command

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"pingyi/app"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/tabular"
)

// env is what a command runs with.
type env struct {
	ctx            context.Context
	stdout, stderr io.Writer
	lang           i18n.Lang
	// cfg is the configuration the PINGYI_* variables give; a command's
	// flags override it.
	cfg app.Config
}

type command struct {
	usage string
	run   func(e *env, args []string) error
}

var commands = map[string]command{
	"serve":     {"serve [--addr :8080] [--db DSN] [--demo] [--public-url URL]", cmdServe},
	"migrate":   {"migrate up|down|status [--steps N] [--db DSN]", cmdMigrate},
	"campaign":  {"campaign create --file def.json | open CODE | close CODE [--db DSN]", cmdCampaign},
	"user":      {"user add --role ROLE --name NAME [--unit CODE] [--organizer CODE]... [--display-name NAME] [--db DSN]", cmdUser},
	"organizer": {"organizer add CODE --name NAME [--parent CODE] | list [--db DSN]", cmdOrganizer},
	"audit":     {"audit verify [--db DSN]", cmdAudit},
	"score":     {"score --campaign CODE [--format json|csv|table] [--db DSN]", cmdScore},
	"import":    {"import responses --campaign CODE FILE.csv|FILE.xlsx [--db DSN]", cmdImport},
	"verify":    {"verify DIR|URL [--key PUBLIC_KEY_HEX|KEYS.json]", cmdVerify},
	"appeals":   {"appeals import --file FILE [--source NAME] [--mapping FILE.json] [--db DSN]", cmdAppeals},
	"calendar":  {"calendar import FILE.csv|FILE.xlsx [--db DSN]", cmdCalendar},
	"sample":    {"sample verify --draw ID | import --campaign CODE FILE | donotcall FILE | erase --campaign CODE [--db DSN]", cmdSample},
}

// errUsage marks a command line that could not be understood.
var errUsage = errors.New("usage")

// Run executes one command and returns the process exit code: 0 for
// success, 1 for a failure, 2 for a command line that makes no sense.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr, lang: cliLang(getenv)}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		return 2
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "pingyi: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	// A variable that cannot be read is reported as what it is, not as a
	// command line that makes no sense.
	cfg, err := app.FromEnv(getenv)
	if err == nil {
		e.cfg = cfg
		err = cmd.run(e, args[1:])
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stderr, "usage: pingyi %s\n", cmd.usage)
		return 2
	}
	if fe, ok := fault.As(err); ok {
		fmt.Fprintf(stderr, "pingyi %s: %s\n", args[0], fe.Text(e.lang))
	} else {
		fmt.Fprintf(stderr, "pingyi %s: %v\n", args[0], err)
	}
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: pingyi <command> [options]")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  pingyi %s\n", commands[n].usage)
	}
}

// cliLang speaks English to a terminal whose locale is English, Chinese to
// every other.
func cliLang(getenv func(string) string) i18n.Lang {
	for _, v := range []string{getenv("PINGYI_LANG"), getenv("LC_ALL"), getenv("LANG")} {
		if v != "" {
			if strings.HasPrefix(strings.ToLower(v), "en") {
				return i18n.EN
			}
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return i18n.ZH
			}
		}
	}
	return i18n.Default
}

// parse reads a command's flags over the environment's configuration;
// args may put flags after positionals, as people type them (`campaign
// open 2026-annual --db ...`). Its only error is errUsage.
func parse(e *env, name string, args []string, register func(*flag.FlagSet, *app.Config)) (app.Config, []string, error) {
	cfg := e.cfg
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	register(fs, &cfg)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return cfg, nil, errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return cfg, positional, nil
}

// open starts the app for a command that works on the database, migrating
// first as serve does, so any command works on a fresh database.
func open(e *env, cfg app.Config) (*app.App, error) {
	return app.Open(e.ctx, cfg, cfg.Logger(), true)
}

// openFile opens a CSV or XLSX file named on the command line, and the
// app to import it with.
func openFile(e *env, cfg app.Config, path string) (*os.File, tabular.Format, *app.App, error) {
	format, err := tabular.FormatOf(path)
	if err != nil {
		return nil, "", nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", nil, err
	}
	a, err := open(e, cfg)
	if err != nil {
		f.Close()
		return nil, "", nil, err
	}
	return f, format, a, nil
}
