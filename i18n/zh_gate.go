package i18n

// zhGate holds the texts of the request gates: one-time passwords on the
// API and JSON that is not UTF-8.
var zhGate = map[string]string{
	"this account still has a one-time password: choose your own at %s before using the API": "此账号仍在使用一次性密码：请先在%s设置自己的密码，再使用API",
}
