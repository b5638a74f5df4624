package phone

import (
	"gorm.io/gorm"
)

// exclude removes from a frame, just before it is frozen, the numbers on
// the do-not-call list and those that had a call attempt in the last
// months months in any campaign. They leave the frame rather than being
// marked: they are not part of the population drawn from, and a person who
// asked not to be called should not stay on file. The lists are read into
// memory (they are short next to a frame) and the frame is scanned once.
func (s *Store) exclude(tx *gorm.DB, f Frame, months int) (dnc, contacted int, err error) {
	const (
		byDNC byte = iota + 1
		byContact
	)
	reason := map[string]byte{}
	var hashes []string
	if err := tx.Model(&doNotCall{}).Pluck("match_hash", &hashes).Error; err != nil {
		return 0, 0, err
	}
	for _, h := range hashes {
		reason[h] = byDNC
	}
	if months > 0 {
		hashes = hashes[:0]
		cutoff := s.db.Now().AddDate(0, -months, 0)
		if err := tx.Model(&phoneCase{}).Distinct("match_hash").Where("last_attempt_at >= ?", cutoff).Pluck("match_hash", &hashes).Error; err != nil {
			return 0, 0, err
		}
		for _, h := range hashes {
			if reason[h] == 0 {
				reason[h] = byContact
			}
		}
	}
	if len(reason) == 0 {
		return 0, 0, nil
	}
	var drop []int64
	rows, err := tx.Model(&entry{}).Select("id, match_hash").Where("frame_id = ?", f.ID).Rows()
	if err != nil {
		return 0, 0, err
	}
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return 0, 0, err
		}
		switch reason[h] {
		case byDNC:
			dnc++
			drop = append(drop, id)
		case byContact:
			contacted++
			drop = append(drop, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	for start := 0; start < len(drop); start += 500 {
		if err := tx.Where("id IN ?", drop[start:min(start+500, len(drop))]).Delete(&entry{}).Error; err != nil {
			return 0, 0, err
		}
	}
	return dnc, contacted, nil
}
