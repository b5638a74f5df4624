package i18n

// catalogue maps English texts to Chinese. Each area of the product keeps
// its texts in its own file (zh_*.go), merged here.
var catalogue = merge(
	zhKeys,
	zhCommon,
	zhAccount,
	zhCampaign,
	zhResponse,
	zhScoring,
	zhSource,
	zhScope,
	zhWeb,
	zhRespondents,
	zhForm,
	zhReview,
	zhReviewWeb,
	zhLevels,
	zhPhone,
	zhPhoneWeb,
	zhPhoneKeys,
	zhAppeals,
	zhAppealsKeys,
	zhAppealsStaff,
	zhAppealsStaffKeys,
	zhAppealsPublic,
	zhAppealsPublicKeys,
	zhCalendar,
	zhDrawPub,
	zhGate,
	zhFieldwork,
	zhHarden,
	zhHotline,
	zhHotlineIndex,
	zhHotlineKeys,
	zhPublicData,
	zhRectfix,
	zhRectfixKeys,
	zhRectification,
	zhRectificationKeys,
	zhRectificationWeb,
	zhRectificationWebKeys,
	zhUX,
	zhUXB,
	zhUXBKeys,
	zhVerifyWeb,
	zhOrganizers,
	zhSeries,
)

// english names the keyed texts ("status:open") that code uses where a
// plain English text would be ambiguous; other English texts are their own
// keys.
var english = merge(
	enKeys,
	enPhoneKeys,
	enAppealsKeys,
	enAppealsStaffKeys,
	enAppealsPublicKeys,
	enHotlineKeys,
	enRectfixKeys,
	enRectificationKeys,
	enRectificationWebKeys,
	enUXBKeys,
)

func merge(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			// Two areas may share a text; they must agree on its translation.
			if prev, dup := out[k]; dup && prev != v {
				panic("i18n: text translated twice, differently: " + k)
			}
			out[k] = v
		}
	}
	return out
}
