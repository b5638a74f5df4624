package web

import (
	"fmt"
	"html/template"
	"strconv"
	"time"

	"pingyi/i18n"
)

// china is where the evaluations happen; dates on pages are China time
// whatever the server's zone.
var china = time.FixedZone("CST", 8*3600)

func funcs(lang i18n.Lang) template.FuncMap {
	return template.FuncMap{
		// t translates a text; with arguments it is a format.
		"t": func(text string, args ...any) string {
			if len(args) == 0 {
				return i18n.T(lang, text)
			}
			return i18n.M(text, args...).In(lang)
		},
		"msg":  func(m i18n.Msg) string { return m.In(lang) },
		"lang": func() string { return string(lang) },
		"date": func(t time.Time) string { return t.In(china).Format("2006-01-02") },
		"datetime": func(t time.Time) string {
			return t.In(china).Format("2006-01-02 15:04")
		},
		"num": func(x float64, decimals int) string { return strconv.FormatFloat(x, 'f', decimals, 64) },
		"pct": func(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" },
		"add": func(a, b int) int { return a + b },
		"qr":  qrSVG,
		"deref": func(p *float64) float64 {
			if p == nil {
				return 0
			}
			return *p
		},
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i
			}
			return out
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
