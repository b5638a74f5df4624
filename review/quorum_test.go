package review

import "testing"

func TestQuorum(t *testing.T) {
	for _, tt := range []struct {
		name       string
		configured int
		members    []int64
		approvers  []int64
		required   int
		approvals  int
		met        bool
	}{
		{"majority of three needs two", 0, []int64{1, 2, 3}, []int64{1}, 2, 1, false},
		{"two of three is a majority", 0, []int64{1, 2, 3}, []int64{3, 1}, 2, 2, true},
		{"majority of four needs three", 0, []int64{1, 2, 3, 4}, []int64{1, 2}, 3, 2, false},
		{"majority of one", 0, []int64{7}, []int64{7}, 1, 1, true},
		{"no committee, no approval counts", 0, nil, []int64{1}, 1, 0, false},
		{"a set quorum beats the majority", 3, []int64{1, 2, 3, 4, 5}, []int64{1, 2, 3}, 3, 3, true},
		{"a set quorum above the committee cannot be met", 4, []int64{1, 2, 3}, []int64{1, 2, 3}, 4, 3, false},
		{"a disabled member's approval does not count", 0, []int64{1, 2, 3}, []int64{1, 9}, 2, 1, false},
		{"one member counts once", 0, []int64{1, 2, 3}, []int64{1, 1}, 2, 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Count(tt.configured, tt.members, tt.approvers)
			if got.Required != tt.required || got.Approvals != tt.approvals || got.Met != tt.met || got.Majority != (tt.configured == 0) {
				t.Fatalf("Count = %+v, want required %d, approvals %d, met %v", got, tt.required, tt.approvals, tt.met)
			}
		})
	}
}

func TestTiers(t *testing.T) {
	s := DefaultSettings()
	idx := func(x float64) *float64 { return &x }
	for _, tt := range []struct {
		index *float64
		want  string
	}{{idx(95), "满意"}, {idx(90), "满意"}, {idx(89.995), "满意"}, {idx(89.994), "比较满意"}, {idx(60), "基本满意"},
		{idx(59.99), "不满意"}, {idx(-3), "不满意"}, {nil, ""}} {
		if got := s.TierOf(tt.index, 2); got != tt.want {
			t.Errorf("TierOf(%v) = %q, want %q", tt.index, got, tt.want)
		}
	}
}

func TestSettingsCheck(t *testing.T) {
	if err := DefaultSettings().Check(); err != nil {
		t.Fatalf("defaults rejected: %v", err)
	}
	for name, change := range map[string]func(*Settings){
		"negative quorum":      func(s *Settings) { s.Quorum = -1 },
		"no tiers":             func(s *Settings) { s.Tiers = nil },
		"tiers not descending": func(s *Settings) { s.Tiers[1].Min = 95 },
		"nameless tier":        func(s *Settings) { s.Tiers[0].Name = " " },
		"duplicate tier name":  func(s *Settings) { s.Tiers[1].Name = s.Tiers[0].Name },
		"burst of one":         func(s *Settings) { s.Flags.BurstSize = 1 },
		"zero interval":        func(s *Settings) { s.Flags.WideInterval = 0 },
	} {
		s := DefaultSettings()
		change(&s)
		if s.Check() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
