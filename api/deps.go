package api

// Deps are the stores the API handlers call. Each field lists the small
// interfaces the handler files declare next to themselves; the store app
// passes implements them all.
type Deps struct {
	Accounts interface {
		phoneAdminAccounts
		reviewAccounts
		usersAccounts
	}
	Campaigns interface {
		campaignsCampaigns
		listsCampaigns
		responsesCampaigns
	}
	Runs interface {
		reviewRuns
		scoreRunsRuns
	}
	Respond interface {
		responsesCollection
	}
	Review interface {
		reviewReview
	}
	Responses interface {
		reviewResponses
	}
	Phone interface {
		phoneAdminPhone
		phoneCallsPhone
	}
}
