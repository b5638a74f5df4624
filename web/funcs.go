package web

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"pingyi/i18n"
	"pingyi/scoring"
)

// DateTime writes a time as pages show it, to the minute in China time,
// for the messages that handlers put on pages.
func DateTime(t time.Time) string { return t.In(i18n.China).Format("2006-01-02 15:04") }

func funcs(lang i18n.Lang) template.FuncMap {
	return template.FuncMap{
		// t translates a text; with arguments it is a format.
		"t": func(text string, args ...any) string {
			if len(args) == 0 {
				return i18n.T(lang, text)
			}
			return i18n.M(text, args...).In(lang)
		},
		"msg":      func(m i18n.Msg) string { return m.In(lang) },
		"lang":     func() string { return string(lang) },
		"date":     func(t time.Time) string { return t.In(i18n.China).Format("2006-01-02") },
		"datetime": DateTime,
		// Every number a page shows is rounded as the ranking's ties are
		// (scoring.FormatRounded), so no page shows 91.37 for a unit whose
		// CSV and tie say 91.38.
		"num":  scoring.FormatRounded,
		"pct":  func(x float64) string { return scoring.FormatRounded(100*x, 1) + "%" },
		"add":  func(a, b int) int { return a + b },
		"join": strings.Join,
		"has":  slices.Contains[[]string],
		"mod":  func(a, b int) int { return a % b },
		"qr":   qrSVG,
		"deref": func(p *float64) float64 {
			if p == nil {
				return 0
			}
			return *p
		},
		// opt, optInt, optPct and the deltas show what may be missing as
		// "—": a unit without an index has no interval, rank or change.
		"opt": func(p *float64, decimals int) string {
			if p == nil {
				return "—"
			}
			return scoring.FormatRounded(*p, decimals)
		},
		"optInt": func(p *int) string {
			if p == nil {
				return "—"
			}
			return strconv.Itoa(*p)
		},
		// rankRange shows a rank interval, one number when it is one rank.
		"rankRange": func(low, high *int) string {
			switch {
			case low == nil || high == nil:
				return "—"
			case *low == *high:
				return strconv.Itoa(*low)
			}
			return strconv.Itoa(*low) + "–" + strconv.Itoa(*high)
		},
		"optPct": func(p *float64) string {
			if p == nil {
				return "—"
			}
			return scoring.FormatRounded(100**p, 1) + "%"
		},
		"delta": func(p *float64, decimals int) string {
			if p == nil {
				return "—"
			}
			r := scoring.RoundHalfAway(*p, decimals)
			return signed(r, scoring.FormatRounded(math.Abs(r), decimals))
		},
		"rankDelta": func(p *int) string {
			if p == nil {
				return "—"
			}
			return signed(float64(*p), strconv.Itoa(max(*p, -*p)))
		},
		"derefTime": func(p *time.Time) time.Time {
			if p == nil {
				return time.Time{}
			}
			return *p
		},
		"short": func(digest string) string {
			if len(digest) > 12 {
				return digest[:12]
			}
			return digest
		},
		"share": func(n, total int) string {
			if total == 0 {
				return "—"
			}
			return scoring.FormatRounded(100*float64(n)/float64(total), 1) + "%"
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs pairs")
			}
			m := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m, nil
		},
	}
}

// signed prefixes a magnitude with + or the minus sign, nothing for zero.
func signed(x float64, magnitude string) string {
	switch {
	case x > 0:
		return "+" + magnitude
	case x < 0:
		return "−" + magnitude
	}
	return magnitude
}
