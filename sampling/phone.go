package sampling

import (
	"strings"
	"unicode"
)

// PhoneKind tells a mobile from a landline; the zero value is neither.
type PhoneKind uint8

const (
	Mobile PhoneKind = iota + 1
	Landline
)

func (k PhoneKind) String() string {
	switch k {
	case Mobile:
		return "mobile"
	case Landline:
		return "landline"
	}
	return "unknown"
}

// Phone is a normalised mainland-China number.
//
// Canonical is the one spelling every copy of the same number gets, so that
// duplicates collide and PhoneKey is stable across imports and years:
//
//	mobile:   11 ASCII digits, "13812345678"
//	landline: area code with its trunk 0, a hyphen, the local number:
//	          "0755-12345678", "010-12345678", "0531-1234567"
//
// The form must never change once frames have been keyed with it.
// Phone formats itself masked (fmt, slog), so printing one by accident does
// not leak the number; read Canonical only to store or dial it.
type Phone struct {
	Canonical string
	Kind      PhoneKind
}

// NormalizePhone turns one cell of a frame sheet into a Phone.
//
// It accepts what clerks type: full-width digits and punctuation, spaces,
// dashes, dots and parentheses anywhere, "+86", "0086" or a bare "86" in front
// of a mobile, "+86"/"0086" in front of a landline written with or without its
// trunk 0, and a trunk 0 dialled before a mobile ("013812345678"). The
// numbering plan is checked for shape, not for whether a block is in service:
// mobiles are 1[3-9] and 9 more digits; landlines are 0, an area code (10,
// 2X, or three digits starting 3-9) and a local number of 7 or 8 digits that
// does not start with 0.
//
// A refused cell gets a PhoneError, whose text is the reason for the row
// report; it never contains the number.
func NormalizePhone(raw string) (Phone, error) {
	digits, international, err := phoneDigits(raw)
	if err != nil {
		return Phone{}, err
	}
	national, err := stripCountryCode(digits, international)
	if err != nil {
		return Phone{}, err
	}
	return classify(national)
}

// phoneDigits keeps the digits of raw and reports whether it began with "+".
// Separators are dropped; anything that is not a digit or a separator is a
// reason to refuse, because guessing would key the wrong person.
func phoneDigits(raw string) (digits string, plus bool, err error) {
	s := strings.TrimFunc(foldWidth(raw), unicode.IsSpace)
	if s == "" {
		return "", false, ErrPhoneEmpty
	}
	if looksScientific(s) {
		return "", false, ErrPhoneScientific
	}
	lower := strings.ToLower(s)
	for _, mark := range []string{"转", "分机", "ext", "#", "x"} {
		if strings.Contains(lower, mark) {
			return "", false, ErrPhoneExtension
		}
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0 && !plus:
			plus = true
		case r == '-' || r == '.' || r == '(' || r == ')' || isPhoneSpace(r):
		case strings.ContainsRune("/,;、|\n\r", r):
			return "", false, ErrPhoneMultiple
		default:
			return "", false, ErrPhoneBadChar
		}
	}
	if b.Len() == 0 {
		return "", false, ErrPhoneEmpty
	}
	return b.String(), plus, nil
}

// foldWidth maps the full-width and typographic forms Chinese input methods
// and Excel produce onto the ASCII ones phoneDigits understands.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			return r - 'Ａ' + 'A'
		}
		switch r {
		case '＋':
			return '+'
		case '（':
			return '('
		case '）':
			return ')'
		case '－', '‐', '‑', '‒', '–', '—', '―', '−':
			return '-'
		case '．', '·', '・':
			return '.'
		case '，':
			return ','
		case '；':
			return ';'
		case '／':
			return '/'
		case '＃':
			return '#'
		case '\ufeff', '\u200b':
			return ' '
		}
		return r
	}, s)
}

// isPhoneSpace is any blank inside a cell except a line break, which in a
// cell means a second number on the next line.
func isPhoneSpace(r rune) bool { return r != '\n' && r != '\r' && unicode.IsSpace(r) }

// looksScientific spots "1.38123E+10", what Excel shows when a long number
// was stored as a float: the trailing digits are already gone.
func looksScientific(s string) bool {
	i := strings.IndexAny(s, "eE")
	return i > 0 && i < len(s)-1 && strings.ContainsAny(s[:i], "0123456789") &&
		strings.Trim(s[i+1:], "+-0123456789 ") == ""
}

// stripCountryCode removes +86, 0086 or a bare 86 and gives back the national
// number with its trunk 0 where a landline needs one.
func stripCountryCode(d string, international bool) (string, error) {
	switch {
	case international && strings.HasPrefix(d, "86"):
		d = d[2:]
	case international:
		return "", ErrPhoneForeign
	case strings.HasPrefix(d, "0086"):
		d, international = d[4:], true
	case strings.HasPrefix(d, "00"):
		return "", ErrPhoneForeign
	case len(d) == 13 && strings.HasPrefix(d, "861"):
		// A bare 86 is only trusted before a mobile: "86" could also be
		// the first digits of a local number.
		return d[2:], nil
	}
	if international && d != "" && d[0] != '0' && !isMobilePrefix(d) {
		d = "0" + d // "+86 755 ..." drops the trunk 0 a landline needs
	}
	return d, nil
}

func isMobilePrefix(d string) bool {
	return len(d) >= 2 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// classify checks the national number against the numbering plan.
func classify(d string) (Phone, error) {
	if len(d) < 7 {
		return Phone{}, ErrPhoneDigits
	}
	if len(d) == 12 && d[0] == '0' && isMobilePrefix(d[1:]) {
		d = d[1:] // trunk 0 dialled before an out-of-town mobile
	}
	switch {
	case d[0] == '1' && len(d) == 11:
		if !isMobilePrefix(d) {
			return Phone{}, ErrPhoneMobilePrefix
		}
		return Phone{Canonical: d, Kind: Mobile}, nil
	case d[0] == '1':
		return Phone{}, ErrPhoneDigits
	case d[0] == '0':
		return classifyLandline(d)
	case len(d) == 7 || len(d) == 8:
		return Phone{}, ErrPhoneNoAreaCode
	}
	return Phone{}, ErrPhoneNotSubscriber
}

func classifyLandline(d string) (Phone, error) {
	var areaLen int
	switch {
	case d[1] == '1' && d[2] == '0', d[1] == '2':
		areaLen = 3 // 010 and 020-029
	case d[1] >= '3' && d[1] <= '9':
		areaLen = 4
	default:
		return Phone{}, ErrPhoneAreaCode
	}
	local := d[areaLen:]
	if len(local) < 7 || len(local) > 8 {
		return Phone{}, ErrPhoneDigits
	}
	if local[0] == '0' {
		return Phone{}, ErrPhoneLocal
	}
	return Phone{Canonical: d[:areaLen] + "-" + local, Kind: Landline}, nil
}
