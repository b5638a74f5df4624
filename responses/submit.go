package responses

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/scoring"
	"pingyi/storage"
	"pingyi/survey"
)

// Submission is one completed form, as the web form, a kiosk, the phone
// channel or a script sends it: everything named by its code.
type Submission struct {
	Group   string
	Channel Channel
	Stratum string  // "" unless the response came from a stratified sample
	Weight  float64 // 0 means 1
	Answers []Answer
	// Comments maps a unit code to the respondent's 意见建议 about it.
	Comments  map[string]string
	StartedAt *time.Time
	// IdempotencyKey makes retries safe: a second submission with the
	// same key gets the first one's receipt and stores nothing.
	IdempotencyKey string
	IPHash         string
	DeviceHash     string
	// Submitter is the member of staff sending the response for someone
	// (a kiosk, data entry), or nil for a respondent's own form. A
	// submitter is recorded with the response and in the audit log.
	Submitter *audit.Actor
	// Case is the drawn phone case whose interview this is (set by the
	// phone survey only), or 0. A group whose source is draw takes no
	// response without one.
	Case int64
	// Within lists the codes of the units the respondent was asked about
	// (an invitation batch's, a screened choice), or is nil: their group's.
	Within []string
	// InTx runs inside the submission's transaction after the response is
	// stored, to mark what the response uses up (an invitation, a phone
	// case). An error from it undoes the whole submission.
	InTx func(tx *gorm.DB, responseID int64) error
	// Admit, when set, says whether the sender may send this form, by the
	// campaign's structure (a member of staff's group rules), and may fill
	// in its group. It runs before the form's other checks wherever the
	// form is checked against the structure, so the caller need not read
	// the campaign first.
	Admit func(st *survey.Structure, sub *Submission) error
}

// Answer is one rating: a unit rated on an indicator with an option (its
// code or its label).
type Answer struct {
	Unit      string `json:"unit"`
	Indicator string `json:"indicator"`
	Option    string `json:"option"`
}

// Receipt is what the respondent is told: the code of their response.
type Receipt struct {
	Ref         string
	SubmittedAt time.Time
	// Replayed is set when the submission repeated an earlier one (same
	// idempotency key): nothing new was stored.
	Replayed bool
}

// MaxComment is the longest comment a response may carry, in characters:
// a paragraph, not a petition.
const MaxComment = 2000

// Submit validates a submission against its campaign and stores it whole,
// or not at all, answering only once it is committed. The campaign's
// status is read inside the transaction (shared-locked on MySQL), so no
// response slips in after the campaign closes. Submissions to one campaign
// that arrive together share a transaction and its commit (see
// group_commit.go); any that the group cannot take is stored alone.
//
// A submission repeating an earlier one's idempotency key gets the earlier
// receipt.
func (s *Store) Submit(ctx context.Context, code string, sub Submission) (Receipt, error) {
	if err := ctx.Err(); err != nil {
		return Receipt{}, err
	}
	p := &pendingForm{sub: sub, done: make(chan formOutcome, 1)}
	s.groups.add(code, p, s.commitGroup)
	out := <-p.done
	if out.alone {
		return s.submitAlone(ctx, code, sub)
	}
	return out.receipt, nil
}

// submitAlone stores one submission in a transaction of its own. The
// earlier receipt of a repeated idempotency key is looked for only when
// the submission fails (its insert meets the unique key, or the campaign
// has closed since): retries are rare, and looking first would cost every
// submission a query.
func (s *Store) submitAlone(ctx context.Context, code string, sub Submission) (Receipt, error) {
	if err := s.admitFirst(ctx, code, &sub); err != nil {
		return Receipt{}, err
	}
	var receipt Receipt
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.surveys.HoldCampaign(tx, code)
		if err != nil {
			return err
		}
		if c.Status != survey.Open {
			return fault.Conflictf("campaign %q is not open for responses (it is %s)", code, c.Status)
		}
		st, err := s.surveys.StructureOf(ctx, tx, c)
		if err != nil {
			return err
		}
		nr, err := admissible(st, sub)
		if err != nil {
			return err
		}
		nr.SubmittedAt, nr.Ref = s.db.Now(), NewRef(sub.Channel)
		row, err := toRow(st, nr)
		if err != nil {
			return err
		}
		if err := insertWithFreshRef(tx, &row); err != nil {
			return err
		}
		if comments := commentRows(st, row.ID, nr.Comments); len(comments) > 0 {
			if err := tx.Create(comments).Error; err != nil {
				return err
			}
		}
		if sub.InTx != nil {
			if err := sub.InTx(tx, row.ID); err != nil {
				return err
			}
		}
		if sub.Submitter != nil {
			if err := s.audit.Append(tx, submitterEntry(st, row, *sub.Submitter)); err != nil {
				return err
			}
		}
		receipt = Receipt{Ref: row.Ref, SubmittedAt: row.SubmittedAt}
		return nil
	})
	if err != nil && sub.IdempotencyKey != "" {
		if r, ok, rerr := s.Replay(ctx, code, sub.IdempotencyKey); ok || rerr != nil {
			return r, rerr
		}
	}
	return receipt, err
}

// admitFirst runs a submission's Admit check before anything else a lone
// submission checks (the campaign's status, a repeated idempotency key),
// so that its refusal comes first, as it did when the caller checked it
// before submitting. Only forms that a group sent back pay for this read.
func (s *Store) admitFirst(ctx context.Context, code string, sub *Submission) error {
	if sub.Admit == nil {
		return nil
	}
	st, err := s.surveys.Structure(ctx, code)
	if err != nil {
		return err
	}
	return sub.Admit(st, sub)
}

// Replay returns the receipt of an earlier submission to a campaign with the
// same idempotency key, if there is one.
func (s *Store) Replay(ctx context.Context, code, key string) (Receipt, bool, error) {
	var r Response
	err := s.db.WithContext(ctx).Select("responses.ref, responses.submitted_at").
		Joins("JOIN campaigns ON campaigns.id = responses.campaign_id").
		Where("campaigns.code = ? AND responses.idempotency_key = ?", code, key).Take(&r).Error
	if storage.IsNotFound(err) {
		return Receipt{}, false, nil
	}
	if err != nil {
		return Receipt{}, false, err
	}
	return Receipt{Ref: r.Ref, SubmittedAt: r.SubmittedAt, Replayed: true}, true, nil
}

// prepare checks every part of a submission against the structure and
// names each bad field, all at once.
func prepare(st *survey.Structure, sub Submission) (NewResponse, error) {
	var problems []fault.Problem
	nr := NewResponse{Stratum: sub.Stratum, Weight: sub.Weight, Channel: sub.Channel, StartedAt: sub.StartedAt,
		Comments: map[int]string{}}
	if nr.Weight == 0 {
		nr.Weight = 1
	}
	g, ok := st.GroupIndex(sub.Group)
	if !ok {
		problems = append(problems, fault.P("group", "unknown respondent group %q", sub.Group))
	}
	nr.Group = g
	if !slices.Contains(Channels, sub.Channel) {
		problems = append(problems, fault.P("channel", "channel must be web, phone or paper"))
	}
	if !scoring.ValidDesignWeight(nr.Weight) {
		problems = append(problems, fault.P("weight", "the weight must be a number from %g to %g", scoring.MinDesignWeight, scoring.MaxDesignWeight))
	}
	// first[u*n+i] is 1 + the index of the answer that rated unit u on
	// indicator i: a slice, not a map, because this runs for every cell of
	// every form.
	n := len(st.Indicators)
	first := make([]int32, len(st.Units)*n)
	nr.Ratings = make([]Rating, 0, len(sub.Answers))
	for i, a := range sub.Answers {
		u, uok := st.UnitIndex(a.Unit)
		ind, iok := st.IndicatorIndex(a.Indicator)
		opt, ook := st.OptionIndex(a.Option)
		switch {
		case !uok:
			problems = append(problems, fault.P(answerPath(i, ".unit"), "unknown unit %q", a.Unit))
		case !iok:
			problems = append(problems, fault.P(answerPath(i, ".indicator"), "unknown indicator %q", a.Indicator))
		case !ook:
			problems = append(problems, fault.P(answerPath(i, ".option"), "unknown option %q", a.Option))
		case first[u*n+ind] != 0:
			problems = append(problems, fault.P(answerPath(i, ""), "unit %q is rated on %q twice (first at answers[%d])", a.Unit, a.Indicator, first[u*n+ind]-1))
		default:
			first[u*n+ind] = int32(i + 1)
			nr.Ratings = append(nr.Ratings, Rating{Unit: u, Indicator: ind, Option: opt})
		}
	}
	for unit, body := range sub.Comments {
		u, ok := st.UnitIndex(unit)
		body = strings.TrimSpace(body)
		switch {
		case !ok:
			problems = append(problems, fault.P("comments."+unit, "unknown unit %q", unit))
		case utf8.RuneCountInString(body) > MaxComment:
			problems = append(problems, fault.P("comments."+unit, "a comment may have at most %d characters", MaxComment))
		case body != "":
			nr.Comments[u] = body
		}
	}
	if len(nr.Ratings) == 0 && len(problems) == 0 {
		problems = append(problems, fault.P("answers", "the form rates no unit"))
	}
	if len(problems) > 0 {
		return nr, fault.WithProblems(problems, "the response has %d problems", len(problems))
	}
	if sub.IdempotencyKey != "" {
		nr.IdempotencyKey = &sub.IdempotencyKey
	}
	if sub.IPHash != "" {
		nr.IPHash = &sub.IPHash
	}
	if sub.DeviceHash != "" {
		nr.DeviceHash = &sub.DeviceHash
	}
	if sub.Submitter != nil {
		nr.SubmittedBy = &sub.Submitter.Login
	}
	return nr, nil
}

func answerPath(i int, field string) string { return fmt.Sprintf("answers[%d]%s", i, field) }

// insertWithFreshRef stores a response under its random receipt code,
// drawing another in the rare case the code is taken (40 bits: about one
// collision in a thousand Jinan-sized campaigns). A duplicate idempotency
// key is returned as it is, for Submit to replay.
func insertWithFreshRef(tx *gorm.DB, row *Response) error {
	for attempt := 0; ; attempt++ {
		err := tx.Create(row).Error
		if err == nil || !storage.IsDuplicate(err) || attempt == 3 {
			return err
		}
		if row.IdempotencyKey != nil {
			var n int64
			if cerr := tx.Model(&Response{}).Where("campaign_id = ? AND idempotency_key = ?", row.CampaignID, *row.IdempotencyKey).Count(&n).Error; cerr != nil || n > 0 {
				return err
			}
		}
		row.ID, row.Ref = 0, NewRef(row.Channel)
	}
}

// refAlphabet is Crockford's base 32: no I, L, O or U, so a code read out
// over the phone or copied from a screen is not misread.
const refAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewRef returns a receipt code such as W-7K3M-9QX2: the channel's initial
// and 40 random bits.
func NewRef(ch Channel) string {
	b := make([]byte, 8)
	rand.Read(b)
	initial := byte('R')
	if ch != "" {
		initial = strings.ToUpper(string(ch))[0]
	}
	out := []byte{initial, '-'}
	for i, x := range b {
		if i == 4 {
			out = append(out, '-')
		}
		out = append(out, refAlphabet[x&31])
	}
	return string(out)
}

// admissible is a submission checked against its campaign's structure,
// its source and its group's units: what a form must pass alone or in a
// group.
func admissible(st *survey.Structure, sub Submission) (NewResponse, error) {
	if sub.Admit != nil {
		if err := sub.Admit(st, &sub); err != nil {
			return NewResponse{}, err
		}
	}
	nr, err := prepare(st, sub)
	if err != nil {
		return nr, err
	}
	if err := allowedBySource(st, nr.Group, sub); err != nil {
		return nr, err
	}
	return nr, outsideScope(st, nr, sub)
}
