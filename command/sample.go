package command

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/phone"
	"pingyi/storage"
)

func cmdSample(e *env, args []string) error {
	var drawID int64
	var campaign string
	cfg, rest, err := parse(e, "sample", args, func(fs *flag.FlagSet, c *app.Config) {
		c.DBFlag(fs)
		fs.Int64Var(&drawID, "draw", 0, "draw id (verify)")
		fs.StringVar(&campaign, "campaign", "", "campaign code (import, erase)")
	})
	if err != nil || len(rest) == 0 {
		return errUsage
	}
	switch {
	case rest[0] == "verify" && len(rest) == 1 && drawID > 0:
		return sampleVerify(e, cfg, drawID)
	case rest[0] == "import" && len(rest) == 2 && campaign != "":
		return sampleImport(e, cfg, campaign, rest[1])
	case rest[0] == "donotcall" && len(rest) == 2:
		return sampleDoNotCall(e, cfg, rest[1])
	case rest[0] == "erase" && len(rest) == 1 && campaign != "":
		a, err := open(e, cfg)
		if err != nil {
			return err
		}
		defer a.Close()
		n, err := a.Phone.Erase(e.ctx, campaign, audit.CLI)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "erased the numbers and names of %d contacts of %s\n", n, campaign)
		return nil
	}
	return errUsage
}

// sampleVerify needs neither the secret key nor write access: a special
// supervisor can run it against a read-only copy of the database.
func sampleVerify(e *env, cfg app.Config, drawID int64) error {
	db, err := storage.Open(e.ctx, cfg.DB, storage.Options{Logger: cfg.Logger()})
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := phone.Verify(e.ctx, db, drawID)
	if err != nil {
		return err
	}
	w := e.stdout
	d := v.Draw
	fmt.Fprintf(w, "draw %d (%s)\n", d.ID, d.Version)
	fmt.Fprintf(w, "seed         %s\n", *d.Seed)
	fmt.Fprintf(w, "commitment   %s: %s\n", d.Commitment, verdict(v.SeedMatches, "the seed hashes to it"))
	fmt.Fprintf(w, "witness      %q\n", *d.Witness)
	var entries int
	for _, st := range v.Strata {
		entries += st.Drawn
	}
	fmt.Fprintf(w, "allocation   %d cases in %d strata\n", entries, len(v.Strata))
	if v.Problem != nil {
		fmt.Fprintf(w, "frame        the list cannot be re-derived: %s\n", problemText(e, v.Problem))
	} else {
		rec := v.Recomputed.Record
		fmt.Fprintf(w, "frame        %s, %d entries: %s\n", d.FrameDigest, d.FrameEntries,
			verdict(v.FrameMatches, fmt.Sprintf("the frame has it (recomputed %s, %d entries)", rec.FrameDigest, rec.FrameEntries)))
		fmt.Fprintf(w, "sample       %s: %s\n", *d.SampleDigest,
			verdict(v.SampleMatches, fmt.Sprintf("the re-derived list has it (recomputed %s)", rec.SampleDigest)))
	}
	fmt.Fprintf(w, "stored list  %s: %s\n", v.StoredDigest, verdict(v.StoredMatches, "the call queue holds the published list"))
	if len(v.Repointed) == 0 {
		fmt.Fprintf(w, "cases        %d: OK, each points at the frame entry it was drawn for\n", v.Cases)
	} else {
		fmt.Fprintf(w, "cases        %d: MISMATCH: %d point at another entry than the one drawn (cases %s)\n", v.Cases, len(v.Repointed), caseList(v.Repointed))
	}
	for _, df := range v.Differ {
		fmt.Fprintf(w, "  stratum %s: stored %d cases, re-derived %d; %d re-derived cases not stored, %d stored cases not re-derived",
			df.Stratum, df.Stored, df.Derived, df.Missing, df.Unwanted)
		if df.Reordered {
			fmt.Fprint(w, ", same cases in another order")
		}
		fmt.Fprintln(w)
	}
	if !v.Identical() {
		fmt.Fprintln(w, "DIFFERENT")
		return errBroken
	}
	fmt.Fprintln(w, "IDENTICAL")
	return nil
}

func verdict(ok bool, what string) string {
	if ok {
		return "OK"
	}
	return "MISMATCH: not " + what
}

func problemText(e *env, err error) string {
	if fe, ok := fault.As(err); ok {
		return fe.Text(e.lang)
	}
	return err.Error()
}

func sampleImport(e *env, cfg app.Config, campaign, path string) error {
	f, format, a, err := openFile(e, cfg, path)
	if err != nil {
		return err
	}
	defer f.Close()
	defer a.Close()
	res, err := a.Phone.ImportFrame(e.ctx, campaign, filepath.Base(path), f, format, audit.CLI)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d rows: %d added, %d duplicates, %d on the do-not-call list, %d invalid; the frame has %d contacts\n",
		res.Rows, res.Added, res.Duplicates, res.DoNotCall, res.Invalid, res.FrameEntries)
	printSkipped(e, res.Skipped, res.Unlisted)
	return nil
}

func sampleDoNotCall(e *env, cfg app.Config, path string) error {
	f, format, a, err := openFile(e, cfg, path)
	if err != nil {
		return err
	}
	defer f.Close()
	defer a.Close()
	res, err := a.Phone.ImportDoNotCall(e.ctx, f, format, audit.CLI)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d rows: %d added to the do-not-call list, %d already on it, %d invalid\n", res.Rows, res.Added, res.Known, res.Invalid)
	printSkipped(e, res.Skipped, 0)
	return nil
}

func printSkipped(e *env, skipped []fault.Problem, unlisted int) {
	for _, p := range skipped {
		fmt.Fprintf(e.stdout, "  %s: %s\n", p.Path, p.Reason.In(e.lang))
	}
	if unlisted > 0 {
		fmt.Fprintf(e.stdout, "  … and %d more skipped rows\n", unlisted)
	}
}

// caseList names the first ten case ids of a list.
func caseList(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i == 10 {
			fmt.Fprintf(&b, ", … %d more", len(ids)-10)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, id)
	}
	return b.String()
}
