package sampling

import (
	"errors"
	"testing"

	"pingyi/i18n"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
		kind PhoneKind
		err  error
	}{
		{"mobile plain", "13812345678", "13812345678", Mobile, nil},
		{"mobile spaced", " 138 1234 5678 ", "13812345678", Mobile, nil},
		{"mobile dashed", "138-1234-5678", "13812345678", Mobile, nil},
		{"mobile dotted", "138.1234.5678", "13812345678", Mobile, nil},
		{"mobile +86", "+86 138 1234 5678", "13812345678", Mobile, nil},
		{"mobile +86 in parentheses", "(+86)13812345678", "13812345678", Mobile, nil},
		{"mobile 0086", "0086-13812345678", "13812345678", Mobile, nil},
		{"mobile bare 86", "8613812345678", "13812345678", Mobile, nil},
		{"mobile full-width", "１３８１２３４５６７８", "13812345678", Mobile, nil},
		{"mobile full-width plus", "＋８６　１３８－１２３４－５６７８", "13812345678", Mobile, nil},
		{"mobile with trunk 0", "013812345678", "13812345678", Mobile, nil},
		{"mobile 199 block", "19912345678", "19912345678", Mobile, nil},
		{"mobile nbsp and bom", "\ufeff138\u00a01234 5678", "13812345678", Mobile, nil},
		{"landline Guangzhou", "020-12345678", "020-12345678", Landline, nil},
		{"landline Shenzhen spaced", "0755 1234 5678", "0755-12345678", Landline, nil},
		{"landline Beijing 7-digit local", "010-1234567", "010-1234567", Landline, nil},
		{"landline Jinan parentheses", "(0531)86012345", "0531-86012345", Landline, nil},
		{"landline full-width parentheses", "（０５３１）８６０１２３４５", "0531-86012345", Landline, nil},
		{"landline 7-digit local", "0531-8601234", "0531-8601234", Landline, nil},
		{"landline no separator", "075512345678", "0755-12345678", Landline, nil},
		{"landline +86 without trunk 0", "+86 755 1234 5678", "0755-12345678", Landline, nil},
		{"landline +86 (0)", "+86 (0)755 1234 5678", "0755-12345678", Landline, nil},
		{"landline +86 Beijing", "+86 10 1234 5678", "010-12345678", Landline, nil},
		{"landline 0086", "0086 531 86012345", "0531-86012345", Landline, nil},

		{"empty", "", "", 0, ErrPhoneEmpty},
		{"blank", "  \u3000 ", "", 0, ErrPhoneEmpty},
		{"only separators", "--()", "", 0, ErrPhoneEmpty},
		{"letters", "138abc45678", "", 0, ErrPhoneBadChar},
		{"label", "手机:13812345678", "", 0, ErrPhoneBadChar},
		{"plus inside", "138+12345678", "", 0, ErrPhoneBadChar},
		{"two numbers slash", "13812345678/13912345678", "", 0, ErrPhoneMultiple},
		{"two numbers comma", "13812345678，13912345678", "", 0, ErrPhoneMultiple},
		{"two numbers on two lines", "13812345678\n13912345678", "", 0, ErrPhoneMultiple},
		{"extension 转", "0531-86012345转123", "", 0, ErrPhoneExtension},
		{"extension ext", "0531-86012345 ext 12", "", 0, ErrPhoneExtension},
		{"extension hash", "0531-86012345#12", "", 0, ErrPhoneExtension},
		{"excel scientific", "1.38123E+10", "", 0, ErrPhoneScientific},
		{"Hong Kong", "+852 2123 4567", "", 0, ErrPhoneForeign},
		{"foreign 00", "0044 20 7946 0958", "", 0, ErrPhoneForeign},
		{"mobile too short", "1381234567", "", 0, ErrPhoneDigits},
		{"mobile too long", "138123456789", "", 0, ErrPhoneDigits},
		{"mobile bad block", "12012345678", "", 0, ErrPhoneMobilePrefix},
		{"too short", "12345", "", 0, ErrPhoneDigits},
		{"plus86 only", "+86", "", 0, ErrPhoneDigits},
		{"landline local too long", "0531-860123456", "", 0, ErrPhoneDigits},
		{"landline local too short", "0531-860123", "", 0, ErrPhoneDigits},
		{"landline bad area", "0123-4567890", "", 0, ErrPhoneAreaCode},
		{"landline local starting 0", "0531-06012345", "", 0, ErrPhoneLocal},
		{"local number without area code", "86012345", "", 0, ErrPhoneNoAreaCode},
		{"service hotline", "400-810-8888", "", 0, ErrPhoneNotSubscriber},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizePhone(tt.raw)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error = %v, want %v", err, tt.err)
			}
			if got.Canonical != tt.want || got.Kind != tt.kind {
				t.Errorf("got (%s, %v), want (%s, %v)", MaskPhone(got.Canonical), got.Kind, MaskPhone(tt.want), tt.kind)
			}
		})
	}
}

// Normalising a canonical number must give it back unchanged, or two imports
// of the same frame would key the same person differently.
func TestNormalizePhoneIdempotent(t *testing.T) {
	for _, raw := range []string{"13812345678", "020-12345678", "0755-12345678", "010-1234567", "0531-8601234"} {
		p, err := NormalizePhone(raw)
		if err != nil || p.Canonical != raw {
			t.Errorf("NormalizePhone(%s) = %s, %v; want it unchanged", MaskPhone(raw), MaskPhone(p.Canonical), err)
		}
	}
}

// Every refusal must be one of the constant reasons, so no error text can
// ever carry the number it refused.
func TestPhoneErrorsCarryNoDigits(t *testing.T) {
	for _, raw := range []string{"13812345678/13912345678", "0531-86012345转123", "+852 2123 4567", "12012345678", "99999"} {
		_, err := NormalizePhone(raw)
		var pe PhoneError
		if !errors.As(err, &pe) {
			t.Fatalf("error %T is not a PhoneError", err)
		}
		for _, r := range err.Error() {
			if r >= '1' && r <= '9' {
				t.Errorf("error text %q contains a digit", err)
			}
		}
	}
}

// The row report shows a refusal in the reader's language: every reason
// must have its Chinese in the catalogue.
func TestEveryPhoneErrorHasChinese(t *testing.T) {
	for _, e := range []PhoneError{ErrPhoneEmpty, ErrPhoneBadChar, ErrPhoneMultiple, ErrPhoneExtension, ErrPhoneScientific,
		ErrPhoneForeign, ErrPhoneDigits, ErrPhoneMobilePrefix, ErrPhoneAreaCode, ErrPhoneNoAreaCode, ErrPhoneLocal,
		ErrPhoneNotSubscriber} {
		if m := e.Reason(); m.In(i18n.ZH) == m.In(i18n.EN) || m.In(i18n.EN) != e.Error() {
			t.Errorf("%q has no Chinese text", e)
		}
	}
}
