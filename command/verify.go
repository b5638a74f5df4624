package command

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"pingyi/app"
	"pingyi/signing"
	"pingyi/verify"
)

// cmdVerify checks a published version from its public files alone, read
// from a directory or downloaded from the version's address, with no
// database: it prints IDENTICAL, or every difference and exits 1.
func cmdVerify(e *env, args []string) error {
	var keyFile string
	_, rest, err := parse(e, "verify", args, func(fs *flag.FlagSet, _ *app.Config) {
		fs.StringVar(&keyFile, "key", "", "the public key in hex, or a key list (as served at "+verify.KeysPath+"), to trust instead of the one beside the files")
	})
	if err != nil || len(rest) != 1 {
		return errUsage
	}
	var keys *signing.KeyList
	if keyFile != "" {
		if keys, err = trustedKeys(keyFile); err != nil {
			return err
		}
	}
	var files verify.Files
	if where := rest[0]; strings.HasPrefix(where, "http://") || strings.HasPrefix(where, "https://") {
		files, err = verify.Fetch(e.ctx, &http.Client{Timeout: 5 * time.Minute}, where)
	} else {
		files, err = verify.ReadDir(where)
	}
	if err != nil {
		return err
	}
	report := verify.Check(files, keys)
	for _, d := range report.Differences {
		fmt.Fprintf(e.stdout, "DIFFERS: %s\n", d)
	}
	for _, n := range report.NotRecomputed {
		fmt.Fprintf(e.stdout, "not recomputed (data withheld): %s\n", n)
	}
	if !report.Identical() {
		fmt.Fprintf(e.stdout, "%d differences\n", len(report.Differences))
		return errBroken
	}
	fmt.Fprintf(e.stdout, "IDENTICAL (%d published numbers recomputed, digests and signature checked)\n", report.Checked)
	return nil
}

// trustedKeys reads --key: a public key in hex, or a key list file.
func trustedKeys(key string) (*signing.KeyList, error) {
	if k, err := signing.KeyFromHex(key); err == nil {
		return &signing.KeyList{Keys: []signing.Key{k}}, nil
	}
	raw, err := os.ReadFile(key)
	if err != nil {
		return nil, fmt.Errorf("--key is neither a public key in hex nor a readable key list: %w", err)
	}
	keys := &signing.KeyList{}
	if err := json.Unmarshal(raw, keys); err != nil {
		return nil, fmt.Errorf("%s is not a key list: %w", key, err)
	}
	return keys, nil
}
