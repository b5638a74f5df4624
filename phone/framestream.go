package phone

import (
	"iter"
	"slices"
	"strings"

	"gorm.io/gorm"

	"pingyi/sampling"
)

// stratumSize is a stratum of a frame and its number of entries.
type stratumSize struct {
	Stratum string
	N       int
}

// frameStrata returns a frame's strata in byte order.
func frameStrata(q *gorm.DB, frameID int64) ([]stratumSize, error) {
	var out []stratumSize
	err := q.Model(&entry{}).Select("stratum, COUNT(*) AS n").Where("frame_id = ?", frameID).
		Group("stratum").Scan(&out).Error
	slices.SortFunc(out, func(a, b stratumSize) int { return strings.Compare(a.Stratum, b.Stratum) })
	return out, err
}

// frameEntries streams a frame as sampling.Draw and FrameDigester need it:
// sorted by stratum, then key, byte by byte. No database collation decides
// that order: strata are sorted here, and each stratum's keys come from the
// unique index in key order, which for lowercase hex is byte order under
// every collation. Should a database still yield them out of order, the
// digester refuses the frame rather than digest it wrongly.
func frameEntries(q *gorm.DB, frameID int64) iter.Seq2[sampling.Entry, error] {
	return func(yield func(sampling.Entry, error) bool) {
		strata, err := frameStrata(q, frameID)
		if err != nil {
			yield(sampling.Entry{}, err)
			return
		}
		for _, st := range strata {
			if !streamStratum(q, frameID, st.Stratum, yield) {
				return
			}
		}
	}
}

// streamStratum yields one stratum's entries; false means stop.
func streamStratum(q *gorm.DB, frameID int64, stratum string, yield func(sampling.Entry, error) bool) bool {
	rows, err := q.Raw("SELECT stratum, phone_key FROM phone_frame_entries WHERE frame_id = ? AND stratum = ? ORDER BY phone_key",
		frameID, stratum).Rows()
	if err != nil {
		yield(sampling.Entry{}, err)
		return false
	}
	defer rows.Close()
	for rows.Next() {
		var e sampling.Entry
		if err := rows.Scan(&e.Stratum, &e.Key); err != nil {
			yield(sampling.Entry{}, err)
			return false
		}
		if !yield(e, nil) {
			return false
		}
	}
	if err := rows.Err(); err != nil {
		yield(sampling.Entry{}, err)
		return false
	}
	return true
}
