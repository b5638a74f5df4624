package command

import (
	"errors"
	"flag"
	"fmt"

	"pingyi/app"
)

// errBroken makes `audit verify` exit non-zero after it has said what broke.
var errBroken = errors.New("verification failed")

// cmdAudit checks the audit log's hash chain and its length against every
// head a publication recorded, then every published version against its
// digest, the chain of versions, what the audit log recorded at
// publication and approval, and the responses that counted then.
func cmdAudit(e *env, args []string) error {
	cfg, rest, err := parse(e, "audit", args, func(fs *flag.FlagSet, c *app.Config) { c.DBFlag(fs) })
	if err != nil || len(rest) != 1 || rest[0] != "verify" {
		return errUsage
	}
	a, err := open(e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	n, brk, err := a.Audit.Verify(e.ctx)
	if err != nil {
		return err
	}
	if brk != nil {
		fmt.Fprintf(e.stdout, "audit log BROKEN at entry %d: %s\n", brk.Seq, brk.Reason)
		return errBroken
	}
	// A log cut back and its head rewound is a chain that holds: only
	// the heads the publications recorded show that entries are missing.
	longest, err := a.Review.LongestRecordedHead(e.ctx)
	if err != nil {
		return err
	}
	if longest.Length > n {
		fmt.Fprintf(e.stdout, "audit log BROKEN: it holds %d entries, but publication %s version %d recorded %d when it was published: entries were cut\n",
			n, longest.Campaign, longest.Version, longest.Length)
		return errBroken
	}
	fmt.Fprintf(e.stdout, "audit log intact: %d entries\n", n)
	versions, pbrk, err := a.Review.Verify(e.ctx)
	if err != nil {
		return err
	}
	if pbrk != nil {
		fmt.Fprintf(e.stdout, "publication %s version %d BROKEN: %s\n", pbrk.Campaign, pbrk.Version, pbrk.Reason)
		return errBroken
	}
	fmt.Fprintf(e.stdout, "publications intact: %d versions\n", versions)
	return nil
}
