package calendar

import "time"

// listedDay is one day a notice names: a holiday (放假) or an adjusted
// working day (调休上班).
type listedDay struct {
	date    time.Time // midnight UTC of the date
	holiday bool
	name    string
}

// build lays out the notices of the loaded years (by year) as the table
// Days queries. Years between the first and the last that have no notice
// are Monday to Friday in the table and stay unknown.
func build(notices map[int][]listedDay) *Days {
	if len(notices) == 0 {
		return &Days{}
	}
	first, last := yearSpan(notices)
	d := &Days{firstYear: first}
	for y := first; y <= last+1; y++ {
		d.yearStart = append(d.yearStart, dayNumber(y, time.January, 1))
	}
	d.start, d.end = d.yearStart[0], d.yearStart[len(d.yearStart)-1]
	size := d.end - d.start

	d.knownUpTo = make([]int32, last-first+2)
	for y := first; y <= last; y++ {
		d.knownUpTo[y-first+1] = d.knownUpTo[y-first]
		if _, ok := notices[y]; ok {
			d.knownUpTo[y-first+1]++
		}
	}

	work := make([]bool, size)
	for i := range work {
		work[i] = weekday(d.start + i)
	}
	for _, days := range notices {
		for _, day := range days {
			work[dayNumber(day.date.Date())-d.start] = !day.holiday
		}
	}

	d.working = make([]uint64, (size+63)/64)
	d.workedUpTo = make([]int32, size+1)
	for i, w := range work {
		d.workedUpTo[i+1] = d.workedUpTo[i]
		if w {
			d.working[i/64] |= 1 << (i % 64)
			d.workedUpTo[i+1]++
			d.nthWorking = append(d.nthWorking, int32(i))
		}
	}
	return d
}

func yearSpan(notices map[int][]listedDay) (first, last int) {
	first, last = 1<<30, -1<<30
	for y := range notices {
		first, last = min(first, y), max(last, y)
	}
	return first, last
}
