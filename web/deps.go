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
		publicAppealRatesCampaigns
		publicHomeCampaigns
		reviewExclusionsCampaigns
		reviewFlagsCampaigns
		reviewSettingsCampaigns
	}
	Responses interface {
		adminCollectionResponses
		adminImportResponses
		confirmActionsResponses
		exportPagesResponses
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
		formScreenCollection
	}
	Review interface {
		publicDrawReview
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
		phoneProgressChartPhone
		publicDrawPhone
	}
	Appeals interface {
		adminAppealsImportAppeals
		dispatchCaseAppeals
		dispatchConsoleAppeals
		liaisonAppealsAppeals
		publicAppealAppeals
		publicAppealLookupAppeals
		publicAppealRatesAppeals
	}
	Calendar interface {
		adminCalendarCalendar
	}
	Rectification interface {
		dispatchFollowUpRectification
		liaisonTasksRectification
		publicAppealLookupRectification
		publicRectificationRectification
		rectificationCommentsRectification
		rectificationCommitteeRectification
		rectificationProposalsRectification
		reviewConsoleLastYearRectification
	}
}
