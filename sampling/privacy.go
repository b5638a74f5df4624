package sampling

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
)

// MaskPhone hides the middle of a canonical number for screens and reports:
// "138****1234" for a mobile, "0755-****5678" for a landline (area code and
// last four kept, one star per hidden digit). Anything that is not a
// canonical number comes back as "****": the input is never echoed, since a
// malformed number is still somebody's number.
func MaskPhone(canonical string) string {
	const hidden = "****"
	if len(canonical) == 11 && isMobilePrefix(canonical) && allDigits(canonical) {
		return canonical[:3] + hidden + canonical[7:]
	}
	area, local, ok := strings.Cut(canonical, "-")
	if !ok || !allDigits(area) || !allDigits(local) || len(local) < 7 || len(local) > 8 {
		return hidden
	}
	if p, err := classifyLandline(area + local); err != nil || p.Canonical != canonical {
		return hidden
	}
	return area + "-" + strings.Repeat("*", len(local)-4) + local[len(local)-4:]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// String, Format and LogValue all print the masked number, so a Phone that
// slips into a log line, an error or a %v shows no more than a screen would.
func (p Phone) String() string { return MaskPhone(p.Canonical) }

func (p Phone) Format(f fmt.State, verb rune) { _, _ = f.Write([]byte(p.String())) }

func (p Phone) LogValue() slog.Value { return slog.StringValue(p.String()) }

// PhoneKey is the non-personal identity of a number in a frame: lowercase hex
// of HMAC-SHA256(secret, canonical). The draw, the frame digest and anything
// shown to a supervisor use this key, never the number.
//
// It is keyed because a plain hash of a phone number is no protection: there
// are only about 10^10 numbers, and hashing them all takes minutes. secret
// should be at least 32 random bytes, one per campaign, guarded like the
// numbers themselves. Verifying a draw needs only the keys, not the secret;
// the secret is needed again only to key new numbers into the same frame.
func PhoneKey(secret []byte, p Phone) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(p.Canonical))
	return hex.EncodeToString(m.Sum(nil))
}
