package sampling

import "pingyi/i18n"

// PhoneError is why a cell is not a usable number. Its text is the English
// form of a message in the project's catalogue, so the row report shows it
// in the reader's language (Reason) without a second table of texts, and it
// is a constant: it can never carry the number it refused. Compare with
// errors.Is against the values below.
type PhoneError string

func (e PhoneError) Error() string { return string(e) }

// Reason is the refusal as a message for the row report.
func (e PhoneError) Reason() i18n.Msg { return i18n.M(string(e)) }

const (
	ErrPhoneEmpty         PhoneError = "the phone number is empty"
	ErrPhoneBadChar       PhoneError = "the phone number contains characters other than digits"
	ErrPhoneMultiple      PhoneError = "more than one number in the cell"
	ErrPhoneExtension     PhoneError = "the number has an extension"
	ErrPhoneScientific    PhoneError = "the number is in scientific notation and its last digits are lost; format the column as text"
	ErrPhoneForeign       PhoneError = "not a mainland China number"
	ErrPhoneDigits        PhoneError = "wrong number of digits"
	ErrPhoneMobilePrefix  PhoneError = "not a mobile number prefix"
	ErrPhoneAreaCode      PhoneError = "invalid area code"
	ErrPhoneNoAreaCode    PhoneError = "a landline number needs its area code"
	ErrPhoneLocal         PhoneError = "the local number starts with 0"
	ErrPhoneNotSubscriber PhoneError = "neither a mobile nor a landline number"
)
