package phone

import (
	"errors"

	"pingyi/i18n"
	"pingyi/sampling"
)

// phoneReasons are sampling's reasons for refusing a cell as messages in
// the reader's language. sampling's own texts are fixed bilingual strings;
// the row report needs the catalogue's, Chinese first.
var phoneReasons = map[sampling.PhoneError]i18n.Msg{
	sampling.ErrPhoneEmpty:         i18n.M("the phone number is empty"),
	sampling.ErrPhoneBadChar:       i18n.M("the phone number contains characters other than digits"),
	sampling.ErrPhoneMultiple:      i18n.M("more than one number in the cell"),
	sampling.ErrPhoneExtension:     i18n.M("the number has an extension"),
	sampling.ErrPhoneScientific:    i18n.M("the number is in scientific notation and its last digits are lost; format the column as text"),
	sampling.ErrPhoneForeign:       i18n.M("not a mainland China number"),
	sampling.ErrPhoneDigits:        i18n.M("wrong number of digits"),
	sampling.ErrPhoneMobilePrefix:  i18n.M("not a mobile number prefix"),
	sampling.ErrPhoneAreaCode:      i18n.M("invalid area code"),
	sampling.ErrPhoneNoAreaCode:    i18n.M("a landline number needs its area code"),
	sampling.ErrPhoneLocal:         i18n.M("the local number starts with 0"),
	sampling.ErrPhoneNotSubscriber: i18n.M("neither a mobile nor a landline number"),
}

// phoneReason is why NormalizePhone refused a cell; it never holds the
// cell's content.
func phoneReason(err error) i18n.Msg {
	var pe sampling.PhoneError
	if errors.As(err, &pe) {
		if m, ok := phoneReasons[pe]; ok {
			return m
		}
	}
	return i18n.M("not a usable phone number")
}
