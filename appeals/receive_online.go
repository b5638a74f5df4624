package appeals

import (
	"context"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/secret"
	"pingyi/storage"
)

// Online is a case a person files on the public form (/appeal).
type Online struct {
	Kind, Content string
	Unit          string // the unit concerned, optional (required for a 举报)
	Contact       string // a phone number, optional
	Password      string // optional; without it the case cannot be followed at /q
	Confirm       string // the password again
	Consent       bool   // the person read how the case and the contact are used
	// Key is the form's one-time key: the same form sent twice (a double
	// click, a reload of the answer) files one case.
	Key string
	// AddrHash is the keyed hash of the sender's address, for the hourly
	// limit of filings per address.
	AddrHash string
}

// publicFiler is who files at /appeal: the person, not staff.
var publicFiler = audit.Actor{Login: "public"}

var (
	formKey    = regexp.MustCompile(`^[A-Za-z0-9_-]{16,48}$`)
	phoneShape = regexp.MustCompile(`^\+?[0-9][0-9 -]{4,22}[0-9]$`)
)

// ReceiveOnline files a case from the public form: every problem at once,
// at most Config.FilingsPerAddress an hour from one address (counted in
// the transaction that files, so a refused attempt is not counted), and
// one case per form however often it is sent. The case is held under
// source "" with the form's key as its source number, so the unique index
// on (source, source_no) catches a second sending even from another serve
// process; the second sending gets the first one's number.
func (s *Store) ReceiveOnline(ctx context.Context, o Online) (Received, error) {
	var problems []fault.Problem
	o.Contact = strings.TrimSpace(o.Contact)
	o.Unit = strings.TrimSpace(o.Unit)
	if !formKey.MatchString(o.Key) {
		return Received{}, fault.Invalidf("the form has expired; open it again")
	}
	if o.Contact != "" && !phoneShape.MatchString(o.Contact) {
		problems = append(problems, fault.P("contact", "write a phone number in digits, or leave it empty"))
	}
	if o.Password != o.Confirm {
		problems = append(problems, fault.P("confirm", "the two passwords differ"))
	}
	if !o.Consent {
		problems = append(problems, fault.P("consent", "tick the box to agree to how your case is handled"))
	}
	in := Intake{Channel: "web", Kind: o.Kind, Content: o.Content, Contact: o.Contact, Password: o.Password}
	kind := kindNames[strings.TrimSpace(o.Kind)]
	switch {
	case kind == Report:
		in.ConcernsUnit = o.Unit
	case o.Unit != "" && strings.TrimSpace(o.Content) != "":
		// Only a report is kept apart from the unit it names; for the
		// other kinds the unit is a hint for the dispatcher.
		in.Content = strings.TrimSpace(o.Content) + "\n" + "涉及单位：" + o.Unit
	}
	us, err := s.units(ctx)
	if err != nil {
		return Received{}, err
	}
	if err := s.checkIntake(&in, us); err != nil {
		e, ok := fault.As(err)
		if !ok {
			return Received{}, err
		}
		for _, p := range e.Problems {
			if p.Path == "concerns_unit" {
				p.Path = "unit"
			}
			problems = append(problems, p)
		}
	}
	if len(problems) > 0 {
		return Received{}, fault.WithProblems(problems, "the case cannot be received")
	}
	if r, ok, err := s.receivedAs(ctx, onlineSourceNo(o.Key)); err != nil || ok {
		return r, err
	}
	addrKey := s.keys.Hash(secret.IP, "appeal-filing:"+o.AddrHash)
	var r Received
	// Concurrent sendings of one form meet on its key's index and on the
	// address's counter: MySQL may answer one with a deadlock, which db.Tx
	// runs again (and that then finds the case of the other).
	r, err = s.receive(ctx, in, publicFiler, onlineSourceNo(o.Key), func(tx *gorm.DB) error {
		return s.countFiling(tx, addrKey)
	})
	return r, err
}

func onlineSourceNo(key string) string { return "web:" + key }

// receivedAs finds the case a form's key filed.
func (s *Store) receivedAs(ctx context.Context, sourceNo string) (Received, bool, error) {
	var c caseRow
	err := s.db.WithContext(ctx).Select("id", "number").Where("source = ? AND source_no = ?", "", sourceNo).Take(&c).Error
	if storage.IsNotFound(err) {
		return Received{}, false, nil
	}
	if err != nil {
		return Received{}, false, err
	}
	return Received{ID: c.ID, Number: deref(c.Number)}, true, nil
}

// countFiling adds a filing to this hour's count of the address, in tx,
// and refuses past the limit (0: no limit).
func (s *Store) countFiling(tx *gorm.DB, addrKey string) error {
	limit := s.cfg.FilingsPerAddress
	if limit <= 0 {
		return nil
	}
	hour := s.db.Now().Unix() / 3600
	n, err := bumpCounter(tx, "file", addrKey, hour, 1)
	if err != nil {
		return err
	}
	if n > limit {
		next := time.Unix((hour+1)*3600, 0)
		return fault.RateLimitedf("too many cases from your network in the last hour; try again after %s", next.In(i18n.China).Format("15:04"))
	}
	return nil
}
