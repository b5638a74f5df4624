package web

// Deps are the stores the pages call. Each field lists the small
// interfaces the handler files declare next to themselves; the store app
// passes implements them all.
type Deps struct {
	Accounts interface {
		adminSigninAccounts
		adminUsersAccounts
		phoneAdminAccounts
		reviewFlagsAccounts
	}
	Campaigns interface {
		adminCampaignCampaigns
		adminCollectionCampaigns
		formAdmitCampaigns
		formPagesCampaigns
		phoneAdminCampaigns
		publicHomeCampaigns
		reviewFlagsCampaigns
	}
	Runs interface {
		reviewConsoleRuns
		reviewFlagsRuns
	}
	Respond interface {
		adminCollectionCollection
		formAdmitCollection
		formPagesCollection
	}
	Review interface {
		publicResultsReview
		reviewConsoleReview
		reviewFlagsReview
		reviewUnitReview
	}
	Responses interface {
		reviewFlagsResponses
	}
	Phone interface {
		phoneAdminPhone
		phoneAdminActionsPhone
		phoneConsolePhone
	}
}
