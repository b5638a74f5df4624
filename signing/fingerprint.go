package signing

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Fingerprint is the SHA-256 of a key's public bytes in hex, in groups of
// four digits, as a reader compares it by eye with the one a public page
// or /.well-known/pingyi-signing-keys shows; "" for a key not in hex.
func (k Key) Fingerprint() string {
	pub, err := hex.DecodeString(k.PublicKey)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(pub)
	digits := hex.EncodeToString(sum[:])
	groups := make([]string, 0, len(digits)/4)
	for i := 0; i < len(digits); i += 4 {
		groups = append(groups, digits[i:i+4])
	}
	return strings.Join(groups, " ")
}
