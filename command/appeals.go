package command

import (
	"flag"
	"fmt"
	"os"

	"pingyi/app"
	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/i18n"
)

// cmdAppeals runs `pingyi appeals import --file FILE [--source NAME]
// [--mapping FILE.json]`: a hotline platform's export, checked whole and
// then written whole, or refused with every bad row on stderr and nothing
// written.
func cmdAppeals(e *env, args []string) error {
	var file, source, mappingFile string
	cfg, rest, err := parse(e, "appeals", args, func(fs *flag.FlagSet, c *app.Config) {
		c.DBFlag(fs)
		fs.StringVar(&file, "file", "", "the platform's export (.csv or .xlsx)")
		fs.StringVar(&source, "source", "12345", "the platform the file comes from")
		fs.StringVar(&mappingFile, "mapping", "", "a JSON file mapping the file's headers to the columns")
	})
	if err != nil || len(rest) != 1 || rest[0] != "import" || file == "" {
		return errUsage
	}
	var mapping map[string]string
	if mappingFile != "" {
		raw, err := os.ReadFile(mappingFile)
		if err != nil {
			return err
		}
		if mapping, err = appeals.ParseMapping(raw); err != nil {
			return err
		}
	}
	f, format, a, err := openFile(e, cfg, file)
	if err != nil {
		return err
	}
	defer f.Close()
	defer a.Close()
	res, err := a.Appeals.Import(e.ctx, f, format, source, mapping, audit.CLI)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, i18n.M("imported %d cases from %s: %d new, %d updated",
		res.Rows, source, res.Created, res.Updated).In(e.lang))
	return nil
}
