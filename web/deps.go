package web

// Deps are the stores the pages call. Each field lists the small
// interfaces the handler files declare next to themselves; the store app
// passes implements them all.
type Deps struct {
	Accounts interface {
		adminSigninAccounts
		adminUsersAccounts
		phoneAdminAccounts
		reviewExclusionsAccounts
	}
	Campaigns interface {
		adminCampaignCampaigns
		adminCollectionCampaigns
		adminImportCampaigns
		adminInvitationsCampaigns
		formAdmitCampaigns
		formPagesCampaigns
		phoneAdminCampaigns
		publicHomeCampaigns
		reviewExclusionsCampaigns
		reviewFlagsCampaigns
		reviewSettingsCampaigns
	}
	Runs interface {
		reviewConsoleRuns
		reviewFlagsRuns
	}
	Respond interface {
		adminCollectionCollection
		adminInvitationsCollection
		formAdmitCollection
		formPagesCollection
	}
	Review interface {
		publicResultsReview
		reviewConsoleReview
		reviewFlagsReview
		reviewSettingsReview
		reviewUnitReview
	}
	Responses interface {
		reviewExclusionsResponses
	}
	Phone interface {
		phoneAdminPhone
		phoneAdminActionsPhone
		phoneConsolePhone
	}
}
