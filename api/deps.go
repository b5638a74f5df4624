package api

// Deps are the stores the API handlers call. Each field lists the small
// interfaces the handler files declare next to themselves; the store app
// passes implements them all.
type Deps struct {
	Accounts interface {
		phoneAdminAccounts
		reviewAccounts
		userAccountsAccounts
		usersAccounts
	}
	Campaigns interface {
		campaignsCampaigns
		listsCampaigns
		responsesCampaigns
	}
	Responses interface {
		responsesResponses
		reviewResponses
	}
	Runs interface {
		reviewRuns
		scoreRunsRuns
	}
	Collection interface {
		responsesCollection
	}
	Review interface {
		reviewReview
		signingKeysReview
	}
	Phone interface {
		phoneAdminPhone
		phoneCallsPhone
	}
	Appeals interface {
		appealsAppeals
		open311Appeals
	}
	Calendar interface {
		calendarCalendar
	}
	Rectification interface {
		rectificationRectification
		rectificationWorkRectification
	}
}
