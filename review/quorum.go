package review

// Tally is where a run stands against the quorum.
type Tally struct {
	Required  int  `json:"required"`  // approvals needed
	Approvals int  `json:"approvals"` // approvals that count: by active committee members
	Members   int  `json:"members"`   // active committee members
	Majority  bool `json:"majority"`  // Required is the default majority rather than a set number
	Met       bool `json:"met"`
}

// Count tallies the approvals of a run. configured is Settings.Quorum;
// members are the ids of the committee accounts active now; approvers the
// ids of those who approved the run and have not withdrawn. An approver who
// is no longer an active committee member does not count, and a member
// counts once however often listed.
func Count(configured int, members, approvers []int64) Tally {
	t := Tally{Members: len(members), Required: configured}
	if configured <= 0 {
		t.Majority, t.Required = true, len(members)/2+1
	}
	active := make(map[int64]bool, len(members))
	for _, id := range members {
		active[id] = true
	}
	for _, id := range approvers {
		if active[id] {
			t.Approvals++
			active[id] = false
		}
	}
	t.Met = t.Approvals >= t.Required
	return t
}
