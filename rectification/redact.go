package rectification

import (
	"regexp"
	"strconv"
)

// A comment or a clue goes into a task as text only, without who wrote
// it; a respondent may still have written a phone number, an e-mail
// address or an identity card number into it, so those are masked.
var (
	mobile   = regexp.MustCompile(`1[3-9]\d{9}`)
	landline = regexp.MustCompile(`0\d{2,3}-?\d{7,8}`)
	idCard   = regexp.MustCompile(`\d{17}[\dXx]`)
	email    = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
)

func redact(text string) string {
	for _, re := range []*regexp.Regexp{idCard, email, mobile, landline} {
		text = re.ReplaceAllString(text, "***")
	}
	return text
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
