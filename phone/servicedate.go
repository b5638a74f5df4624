package phone

import (
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the ways a service date arrives: ISO and Chinese forms,
// and "01-02-06", which is how a spreadsheet reader renders a cell in
// Excel's built-in short-date format.
var dateLayouts = []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日", "20060102", "01-02-06"}

// excelEpoch is day 0 of Excel's serial dates (1900 system, after its leap
// year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseServiceDate reads a date in any of dateLayouts, or an Excel serial
// day number, and writes it as 2006-01-02. A time after the date is
// ignored. Dates outside 2000–2100 are refused as typing errors.
func parseServiceDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil && plausibleYear(t) {
			return t.Format(time.DateOnly), true
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 100000 {
		if t := excelEpoch.AddDate(0, 0, n); plausibleYear(t) {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

func plausibleYear(t time.Time) bool { return t.Year() >= 2000 && t.Year() <= 2100 }
