// Package account holds Pingyi's staff: their accounts and roles, browser
// sessions and API tokens. Respondents never have accounts.
package account

import (
	"slices"
	"time"

	"pingyi/audit"
)

// Role is what a staff member may do. One account has one role.
type Role string

const (
	Admin      Role = "admin"      // defines campaigns, units and accounts
	Committee  Role = "committee"  // 考评委员会: reviews, excludes, approves, publishes
	Operator   Role = "operator"   // works the phone-survey call queue
	Liaison    Role = "liaison"    // sees its own unit's results (scoped by unit code)
	Supervisor Role = "supervisor" // 特约监督员: watches, read-only
	Dispatcher Role = "dispatcher" // 派单员 (诉求中心): takes in appeal cases, assigns them, calls back
)

// Roles lists every role in the order pages show them.
var Roles = []Role{Admin, Committee, Operator, Liaison, Supervisor, Dispatcher}

// known reports whether r is one of Roles.
func (r Role) known() bool { return slices.Contains(Roles, r) }

// User is a staff account as stored.
type User struct {
	ID                 int64
	Login              string
	DisplayName        string
	Role               Role
	UnitCode           *string // liaisons only: the unit they speak for
	PasswordHash       string
	MustChangePassword bool
	DisabledAt         *time.Time
	CreatedAt          time.Time
	UpdatedAt          time.Time
	// Organizers are the organisers the account belongs to; Covers adds
	// those under them, whose campaigns it sees too (issue 11).
	Organizers []string `gorm:"-"`
	Covers     []string `gorm:"-"`
}

// TableName ties User to the users table.
func (User) TableName() string { return "users" }

// Active reports whether the account may sign in.
func (u User) Active() bool { return u.DisabledAt == nil }

// Actor is the account as domain packages take "who did this".
func (u User) Actor() audit.Actor { return audit.Actor{ID: u.ID, Login: u.Login, Role: string(u.Role)} }

// Unit returns the liaison's unit code, or "".
func (u User) Unit() string {
	if u.UnitCode == nil {
		return ""
	}
	return *u.UnitCode
}

// NewUser is what an administrator supplies to create an account.
type NewUser struct {
	Login       string `json:"login" validate:"required,min=2,max=64,excludesall= /\\:"`
	DisplayName string `json:"display_name" validate:"max=100"`
	Role        Role   `json:"role" validate:"required"`
	UnitCode    string `json:"unit_code" validate:"max=64"`
	// Organizers are the codes of the organisers the account belongs to;
	// none means its creator's own (the command line's: "default").
	Organizers []string `json:"organizers"`
	// Password may be empty: a one-time password is generated and returned
	// once, and the user must change it at first sign-in.
	Password string `json:"password"`
}
