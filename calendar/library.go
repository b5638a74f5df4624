package calendar

import (
	"strconv"
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// The years the calendar library is asked about. Its data start with the
// notice for 2002 (two adjusted working days of late 2001 included); the
// upper bound only has to lie beyond any notice it will ever carry.
const (
	libraryFirstYear = 2001
	libraryLastYear  = 2100
)

// libraryNotices reads the State Council notices the library carries, once
// per process: its data are compiled in. A year counts as known when its
// notice names at least one holiday dated in it, so 2001, which the
// library holds only as two working days before the 2002 New Year, does
// not.
var libraryNotices = sync.OnceValue(func() map[int][]listedDay {
	out := map[int][]listedDay{}
	for y := libraryFirstYear; y <= libraryLastYear; y++ {
		var days []listedDay
		holidays := 0
		for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			date, err := time.Parse(time.DateOnly, h.GetDay())
			if err != nil || date.Year() != y {
				panic("calendar: the holiday library lists a day it cannot date: " + strconv.Quote(h.GetDay()))
			}
			days = append(days, listedDay{date: date, holiday: !h.IsWork(), name: h.GetName()})
			if !h.IsWork() {
				holidays++
			}
		}
		if holidays > 0 {
			out[y] = days
		}
	}
	return out
})
