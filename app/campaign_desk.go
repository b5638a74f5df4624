package app

import (
	"pingyi/responses"
	"pingyi/survey"
)

// campaignDesk is what the API's campaign handlers use: a campaign with its
// structure (survey) and its responses — imports, exports, progress,
// receipts (responses). The two stores share no method name, so each call
// reaches the one store that owns it. It lives here, where packages are
// wired, until each handler declares the few methods it uses (issue 9).
type campaignDesk struct {
	*campaigns
	*answers
}

// The aliases give the two embedded stores distinct field names.
type (
	campaigns = survey.Store
	answers   = responses.Store
)
