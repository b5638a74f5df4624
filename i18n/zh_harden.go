package i18n

// zhHarden holds the texts of issue 12's hardening: sign-in throttling,
// file encodings, phone queue give-backs and the sample-size bounds.
var zhHarden = map[string]string{
	"the margin of error or the response rate asks for more than %d interviews or contacts: widen the margin": "误差界限或预期应答率要求超过%d次访问或联系：请放宽误差界限",
}
