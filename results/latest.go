package results

import "context"

// RunOrLatest returns a campaign's run with this id, or with id 0 its
// latest run: nil when the campaign has no run yet.
func (s *Store) RunOrLatest(ctx context.Context, code string, id int64) (*Run, error) {
	if id == 0 {
		runs, err := s.List(ctx, code)
		if err != nil || len(runs) == 0 {
			return nil, err
		}
		id = runs[0].ID
	}
	return s.Get(ctx, code, id)
}
