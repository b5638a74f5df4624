// Package publicdata reads and writes the files a published version
// serves beside publication.json for anyone to check it (SPEC
// "Publication: public data and verification"): responses.csv,
// appeals.csv, the signature and the signing keys. Both sides use it —
// review writes the files when it publishes, verify reads them with no
// database — so the format has one definition. The files are byte-exact
// data: nothing here neutralises formulas as staff exports do.
package publicdata

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime/debug"
)

// The file names of a version's public data, as served under
// /p/CODE/v/N/ and as read from a directory by `pingyi verify DIR`.
const (
	PublicationFile = "publication.json"
	SignatureFile   = "publication.json.sig"
	ResponsesFile   = "responses.csv"
	AppealsFile     = "appeals.csv"
	KeysFile        = "signing-keys.json"
	// DrawFile and SampleFile are the phone draw's record and its sample
	// manifest, frozen with each version published after the draw was
	// executed (issue 17, item 6). draw.json is no table: publication.json
	// names its SHA-256 and 0 rows.
	DrawFile   = "draw.json"
	SampleFile = "sample.csv"
)

// Generator names the bootstrap's random generator as the method states
// it; the scoring package's documentation ("Rank intervals") defines it.
const Generator = "xoshiro256** (gonum prng.NewXoshiro256starstar), replicate b seeded with splitmix64(seed XOR splitmix64(b)); Lemire's bounded draw"

// SHA256 is the lowercase hex SHA-256 of a file's bytes.
func SHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SoftwareVersion names the build of Pingyi that published a version: the
// module version and, when built from a checkout, the commit.
func SoftwareVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "pingyi (unknown build)"
	}
	v := "pingyi " + info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			v += " " + s.Value
		}
	}
	return v
}
