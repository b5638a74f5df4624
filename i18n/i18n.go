// Package i18n renders Pingyi's messages in the reader's language.
//
// Code writes messages in English, as fmt formats; the catalogue maps each
// format to its Chinese form. A message travels unrendered (Msg) from the
// domain to the edge, and the page, API response or command line renders it
// in the language of whoever reads it. Chinese is the default: the people
// who run and answer an evaluation read Chinese.
package i18n

import (
	"fmt"
	"strings"
	"time"
)

// Lang is a supported language.
type Lang string

const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Default is the language used when the reader's is unknown.
const Default = ZH

// Parse picks a supported language from a tag such as "en-US" or an
// Accept-Language header, falling back to Default.
func Parse(s string) Lang {
	for _, part := range strings.Split(s, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "zh"):
			return ZH
		case strings.HasPrefix(tag, "en"):
			return EN
		}
	}
	return Default
}

// Msg is a message not yet rendered: an English format and its arguments.
type Msg struct {
	Format string
	Args   []any
}

// M makes a message.
func M(format string, args ...any) Msg { return Msg{Format: format, Args: args} }

// Localized is a value that has words in each language: a message, or an
// enumerated value such as a campaign's status, which a message should
// show as "收集中" rather than as its code "open".
type Localized interface{ In(Lang) string }

// In renders the message in lang. Arguments that are messages themselves,
// or other Localized values, are rendered in the same language.
func (m Msg) In(lang Lang) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if inner, ok := a.(Localized); ok {
			args[i] = inner.In(lang)
		} else {
			args[i] = a
		}
	}
	return fmt.Sprintf(T(lang, m.Format), args...)
}

// String renders the message in English, for logs.
func (m Msg) String() string { return m.In(EN) }

// T translates a format or a fixed text. A text missing from the catalogue
// is shown in English rather than not at all; TestCatalogueCoversCode keeps
// that from happening unnoticed.
func T(lang Lang, text string) string {
	table := english
	if lang == ZH {
		table = catalogue
	}
	if out, ok := table[text]; ok {
		return out
	}
	return text
}

// China is the time zone of everyone Pingyi serves: dates on pages,
// calling hours and lock-out times are China time whatever the server's
// zone. China keeps no daylight saving time.
var China = time.FixedZone("CST", 8*3600)
