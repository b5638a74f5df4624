package sampling

// PhoneError is why a cell is not a usable number. Its text is what the row
// report shows, Chinese first, and it is a constant: it can never carry the
// number it refused. Compare with errors.Is against the values below.
type PhoneError string

func (e PhoneError) Error() string { return string(e) }

const (
	ErrPhoneEmpty         PhoneError = "号码为空 (empty)"
	ErrPhoneBadChar       PhoneError = "含有数字以外的字符 (contains characters other than digits)"
	ErrPhoneMultiple      PhoneError = "一个单元格里有多个号码 (more than one number in the cell)"
	ErrPhoneExtension     PhoneError = "含分机号 (has an extension)"
	ErrPhoneScientific    PhoneError = "科学计数法，尾数已丢失 (scientific notation: the last digits are lost)"
	ErrPhoneForeign       PhoneError = "不是中国大陆号码 (not a mainland China number)"
	ErrPhoneDigits        PhoneError = "号码位数不对 (wrong number of digits)"
	ErrPhoneMobilePrefix  PhoneError = "手机号段不对 (not a mobile number prefix)"
	ErrPhoneAreaCode      PhoneError = "区号不对 (invalid area code)"
	ErrPhoneNoAreaCode    PhoneError = "固话缺少区号 (landline without area code)"
	ErrPhoneLocal         PhoneError = "本地号码不能以0开头 (local number starts with 0)"
	ErrPhoneNotSubscriber PhoneError = "不是手机或固话号码 (neither a mobile nor a landline number)"
)
