package responses

import (
	"context"
	"pingyi/survey"
	"sync"
)

// Progress is how collection stands: how many responses, from which groups
// and channels, and how many of them rated each unit.
type Progress struct {
	Responses int
	Groups    []Count
	Channels  []Count
	Units     []UnitCount
}

// Count is a number of responses under a code.
type Count struct {
	Code, Name string
	N          int
}

// UnitCount says how many responses rated a unit at all (Rated) and how
// many of them with at least one option that counts (Known: not 不了解).
type UnitCount struct {
	Code, Name   string
	Level        int
	Rated, Known int
}

// tally is the running count behind Progress, for one campaign.
type tally struct {
	version      int
	maxID        int64
	n            int
	groups       map[int64]int
	channels     map[Channel]int
	rated, known []int
}

// progressCache keeps each campaign's tally between requests. An entry is
// used only after checking it against the database: the responses with
// larger ids are added, and the count of those up to the largest id must
// then equal the tally's, or the tally is rebuilt. That also catches a
// response whose transaction committed after a larger id was counted.
type progressCache struct {
	mu      sync.Mutex
	tallies map[int64]*tally
}

// Progress counts a campaign's responses, decoding their answers; only the
// responses added since the last call are read.
func (s *Store) Progress(ctx context.Context, code string) (Progress, error) {
	st, err := s.surveys.Structure(ctx, code)
	if err != nil {
		return Progress{}, err
	}
	s.progress.mu.Lock()
	defer s.progress.mu.Unlock()
	if s.progress.tallies == nil {
		s.progress.tallies = map[int64]*tally{}
	}
	t := s.progress.tallies[st.Campaign.ID]
	if t == nil || t.version != st.Campaign.StructureVersion {
		t = newTally(st)
	}
	if err := s.extend(ctx, st, t); err != nil {
		return Progress{}, err
	}
	var stored int64
	if err := s.db.WithContext(ctx).Model(&Response{}).Where("campaign_id = ? AND id <= ?", st.Campaign.ID, t.maxID).
		Count(&stored).Error; err != nil {
		return Progress{}, err
	}
	if int(stored) != t.n {
		t = newTally(st)
		if err := s.extend(ctx, st, t); err != nil {
			return Progress{}, err
		}
	}
	s.progress.tallies[st.Campaign.ID] = t
	return t.report(st), nil
}

func newTally(st *survey.Structure) *tally {
	return &tally{version: st.Campaign.StructureVersion, groups: map[int64]int{}, channels: map[Channel]int{},
		rated: make([]int, len(st.Units)), known: make([]int, len(st.Units))}
}

// extend adds the responses after t.maxID.
func (s *Store) extend(ctx context.Context, st *survey.Structure, t *tally) error {
	var ratings []Rating
	for {
		var page []Response
		err := s.db.WithContext(ctx).Select("id, group_id, channel, answers").
			Where("campaign_id = ? AND id > ?", st.Campaign.ID, t.maxID).Order("id").Limit(exportPage).Find(&page).Error
		if err != nil || len(page) == 0 {
			return err
		}
		for _, r := range page {
			if ratings, err = DecodeAnswers(r.Answers, ratings); err != nil {
				return err
			}
			t.add(st, r, ratings)
		}
	}
}

func (t *tally) add(st *survey.Structure, r Response, ratings []Rating) {
	t.n++
	t.maxID = max(t.maxID, r.ID)
	t.groups[r.GroupID]++
	t.channels[r.Channel]++
	unit, known := -1, false
	for _, rt := range ratings { // sorted by unit
		if rt.Unit != unit {
			unit, known = rt.Unit, false
			t.rated[unit]++
		}
		if !known && !st.Scale[rt.Option].Excluded {
			known = true
			t.known[unit]++
		}
	}
}

func (t *tally) report(st *survey.Structure) Progress {
	p := Progress{Responses: t.n}
	for _, g := range st.Groups {
		p.Groups = append(p.Groups, Count{Code: g.Code, Name: g.Name, N: t.groups[g.ID]})
	}
	for _, ch := range Channels {
		p.Channels = append(p.Channels, Count{Code: string(ch), N: t.channels[ch]})
	}
	for i, u := range st.Units {
		p.Units = append(p.Units, UnitCount{Code: u.Code, Name: u.Name, Level: u.Level, Rated: t.rated[i], Known: t.known[i]})
	}
	return p
}
