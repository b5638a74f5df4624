package sampling

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestMaskPhone(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"13812345678", "138****5678"},
		{"0755-12345678", "0755-****5678"},
		{"010-1234567", "010-***4567"},
		{"0531-8601234", "0531-***1234"},
		// Not canonical: never echoed, whatever it is.
		{"", "****"},
		{"138 1234 5678", "****"},
		{"1381234567", "****"},
		{"12012345678", "****"},
		{"075512345678", "****"},
		{"075-512345678", "****"},
		{"075-51234567", "****"},
		{"0755-1234567890", "****"},
		{"abc-defghijk", "****"},
	}
	for _, tt := range tests {
		if got := MaskPhone(tt.in); got != tt.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A Phone printed by accident, with any verb or through slog, shows only the
// mask.
func TestPhonePrintsMasked(t *testing.T) {
	p := Phone{Canonical: "13812345678", Kind: Mobile}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("call", "phone", p)
	outputs := []string{
		fmt.Sprint(p), fmt.Sprintf("%v %+v %#v %s %q %d %x", p, p, p, p, p, p, p),
		fmt.Sprintf("%v", []Phone{p}), fmt.Sprintf("%+v", struct{ P Phone }{p}),
		fmt.Errorf("bad %v", p).Error(), logged.String(),
	}
	for _, out := range outputs {
		if strings.Contains(out, "1234") {
			t.Errorf("output leaks the number: %q", out)
		}
		if !strings.Contains(out, "138****5678") {
			t.Errorf("output %q does not show the mask", out)
		}
	}
}

func TestPhoneKey(t *testing.T) {
	a := Phone{Canonical: "13812345678", Kind: Mobile}
	b := Phone{Canonical: "13812345679", Kind: Mobile}
	secret := []byte("campaign secret, 32 bytes long!!")
	tests := []struct {
		name     string
		x, y     Phone
		sx, sy   []byte
		wantSame bool
	}{
		{"same number same secret", a, a, secret, secret, true},
		{"other number", a, b, secret, secret, false},
		{"other secret", a, a, secret, []byte("another campaign secret........."), false},
	}
	for _, tt := range tests {
		kx, ky := PhoneKey(tt.sx, tt.x), PhoneKey(tt.sy, tt.y)
		if (kx == ky) != tt.wantSame {
			t.Errorf("%s: keys equal = %v, want %v", tt.name, kx == ky, tt.wantSame)
		}
		if len(kx) != 64 || strings.Trim(kx, "0123456789abcdef") != "" || strings.Contains(kx, a.Canonical) {
			t.Errorf("%s: key %q is not 64 lowercase hex digits", tt.name, kx)
		}
	}
}
