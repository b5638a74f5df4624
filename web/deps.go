package web

// Deps are the stores the pages call. Each field lists the small
// interfaces the handler files declare next to themselves; the store app
// passes implements them all.
type Deps struct {
	Accounts interface {
		adminAccountsAccounts
		adminSigninAccounts
		adminUsersAccounts
		phoneAdminAccounts
		reviewExclusionsAccounts
	}
	Campaigns interface {
		adminCampaignCampaigns
		adminImportCampaigns
		adminInvitationsCampaigns
		dispatchConsoleCampaigns
		formAdmitCampaigns
		phoneAdminCampaigns
		publicHomeCampaigns
		reviewExclusionsCampaigns
		reviewFlagsCampaigns
		reviewSettingsCampaigns
	}
	Responses interface {
		adminCollectionResponses
		adminImportResponses
		confirmActionsResponses
		formPagesResponses
		reviewExclusionsResponses
	}
	Runs interface {
		reviewConsoleRuns
		reviewFlagsRuns
	}
	Collection interface {
		adminCollectionCollection
		adminInvitationsCollection
		formAdmitCollection
		formPagesCollection
	}
	Review interface {
		publicResultsReview
		publicVerifyReview
		reviewConsoleReview
		reviewFlagsReview
		reviewSettingsReview
		reviewUnitReview
	}
	Phone interface {
		phoneAdminPhone
		phoneAdminActionsPhone
		phoneConsolePhone
	}
	Appeals interface {
		adminAppealsImportAppeals
		dispatchCaseAppeals
		dispatchConsoleAppeals
		liaisonAppealsAppeals
	}
	Calendar interface {
		adminCalendarCalendar
	}
	Rectification interface {
		liaisonTasksRectification
		publicRectificationRectification
		rectificationCommentsRectification
		rectificationCommitteeRectification
		rectificationProposalsRectification
	}
}
