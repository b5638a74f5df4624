package web

import "pingyi/i18n"

// Page is what every template receives: the layout reads the common
// fields, the page's own template reads Data.
type Page struct {
	Title string
	Lang  i18n.Lang
	User  *User
	CSRF  string
	// Path is the current address with its query (a chosen run, a sort
	// order), for the language switch to return to.
	Path  string
	Error string
	Data  any
}

// User is the signed-in staff member as pages show them.
type User struct {
	Login, Name, Role string
	Admin             bool
}
