package account

import "context"

// Names names every account by its id, as name writes it: the record of
// who did what stores ids, pages and exports show people.
func (s *Store) Names(ctx context.Context, name func(User) string) (map[int64]string, error) {
	users, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(users))
	for _, u := range users {
		out[u.ID] = name(u)
	}
	return out, nil
}
