package audit

// Actor is who did something, as every domain package takes it and as the
// audit log records it: a staff account (its id, login and role), or the
// command line run by whoever operates the server.
type Actor struct {
	ID    int64  // the account's id; 0 for the command line
	Login string // the account's login, or "cli"
	Role  string // the account's role; empty for the command line
}

// CLI is the actor of a command run on the server itself.
var CLI = Actor{Login: "cli"}

// String is what the audit log's actor column holds.
func (a Actor) String() string { return a.Login }
