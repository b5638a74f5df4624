package collection

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/responses"
	"pingyi/survey"
)

// Input is a submission with who is making it.
type Input struct {
	// Submission is the form's content. Group may be left empty for an
	// invitation (its group) or the open link (the open group).
	Submission responses.Submission
	// Token is an invitation token, or "".
	Token string
	// Staff marks an administrator or operator (kiosks, the phone channel,
	// data entry): any group and channel, no open-link limits.
	Staff bool
	// Sees says which organisers' campaigns the member of staff sees; a
	// campaign of another organiser is not found, as on every staff route.
	Sees func(organizerCode string) bool
	// Draft is the web form's draft being submitted, or nil (the API).
	Draft *Draft
}

// Submit applies who may submit what, then stores the response through
// responses.Submit, using up in the same transaction what the response uses
// up: the invitation, the device's or the phone's one response, the
// address's hourly allowance.
func (s *Service) Submit(ctx context.Context, code string, in Input) (responses.Receipt, error) {
	sub := in.Submission
	var hooks []func(tx *gorm.DB, responseID int64) error
	var inv Invitation
	var err error
	switch {
	case in.Token != "":
		if inv, err = s.Invitation(ctx, in.Token); err != nil {
			return responses.Receipt{}, err
		}
		if inv.Structure.Campaign.Code != code {
			return responses.Receipt{}, ErrUnknownInvitation
		}
		if sub.Group != "" && sub.Group != inv.Group.Code {
			return responses.Receipt{}, fault.WithProblems([]fault.Problem{fault.P("group", "the invitation is for group %q", inv.Group.Code)},
				"the response has %d problems", 1)
		}
		sub.Group = inv.Group.Code
		switch {
		case inv.UsedAt != nil:
			return s.repeatOrRefuse(ctx, code, inv, sub)
		case inv.RevokedAt != nil:
			return responses.Receipt{}, ErrRevokedInvitation
		}
		sub.Within = within(&inv.Batch, in.Draft)
		hooks = append(hooks, claimInvitation(inv.ID, s.db.Now()))
		if in.Draft != nil {
			hooks = append(hooks, claimDraft(in.Draft.ID))
		}
	case in.Staff: // kiosks and data entry: nothing to use up
		sub.Admit = func(st *survey.Structure, sub *responses.Submission) error {
			if in.Sees == nil || !in.Sees(st.Campaign.OrganizerCode) {
				return fault.NotFoundf("no campaign %q", code)
			}
			return staffMayAnswer(st, sub)
		}
	default:
		st, err := s.survey.Structure(ctx, code)
		if err != nil {
			return responses.Receipt{}, err
		}
		if hooks, err = s.openLinkHooks(ctx, st, &sub, in.Draft); err != nil {
			return responses.Receipt{}, err
		}
		sub.Within = within(nil, in.Draft)
	}
	sub.InTx = func(tx *gorm.DB, responseID int64) error {
		for _, h := range hooks {
			if err := h(tx, responseID); err != nil {
				return err
			}
		}
		return nil
	}
	r, err := s.responses.Submit(ctx, code, sub)
	switch {
	case errors.Is(err, ErrUsedInvitation): // lost a race with another use of the token
		if inv, err = s.Invitation(ctx, in.Token); err != nil {
			return responses.Receipt{}, err
		}
		return s.repeatOrRefuse(ctx, code, inv, sub)
	case errors.Is(err, ErrSubmitted) && in.Draft == nil:
		return responses.Receipt{}, s.deviceAnswered(ctx, code, sub.DeviceHash)
	}
	return r, err
}

// openLinkHooks checks an anonymous submission to the open group and says
// what it uses up.
func (s *Service) openLinkHooks(ctx context.Context, st *survey.Structure, sub *responses.Submission, d *Draft) ([]func(*gorm.DB, int64) error, error) {
	open, ok := st.OpenGroup()
	switch {
	case !ok:
		return nil, fault.Forbiddenf("this evaluation has no open link: answer through the invitation you were given")
	case sub.Group == "":
		sub.Group = open.Code
	case sub.Group != open.Code:
		return nil, fault.Forbiddenf("group %q answers by invitation only", sub.Group)
	}
	sub.Channel = responses.Web
	set, err := s.Settings(ctx, st.Campaign.ID)
	if err != nil {
		return nil, err
	}
	var hooks []func(*gorm.DB, int64) error
	if set.PhoneVerification {
		if d == nil || d.PhoneHash == nil {
			return nil, fault.Forbiddenf("this evaluation asks respondents to verify a mobile number first: please use the web form")
		}
		hooks = append(hooks, claimPhone(st.Campaign.ID, *d.PhoneHash))
	}
	switch {
	case d != nil:
		hooks = append(hooks, claimDraft(d.ID))
	case sub.DeviceHash != "":
		hooks = append(hooks, claimDevice(st.Campaign.ID, sub.DeviceHash, s.db.Now()))
	}
	if limit := set.limit(s.limits); limit > 0 && sub.IPHash != "" {
		campaignID, ipHash := st.Campaign.ID, sub.IPHash
		hooks = append(hooks, func(tx *gorm.DB, _ int64) error { return s.count(tx, "submit", campaignID, ipHash, limit) })
	}
	return hooks, nil
}

// repeatOrRefuse answers a submission with a used invitation: a retry of
// the response it was used for gets that receipt, anything else a 409.
func (s *Service) repeatOrRefuse(ctx context.Context, code string, inv Invitation, sub responses.Submission) (responses.Receipt, error) {
	if sub.IdempotencyKey != "" {
		if r, ok, err := s.responses.Replay(ctx, code, sub.IdempotencyKey); ok || err != nil {
			return r, err
		}
	}
	if inv.ResponseID != nil {
		r, same, err := s.responses.Repeats(ctx, code, *inv.ResponseID, sub)
		if same || err != nil {
			return r, err
		}
	}
	return responses.Receipt{}, ErrUsedInvitation
}

// deviceAnswered says that a device has answered already, with the receipt
// of its response.
func (s *Service) deviceAnswered(ctx context.Context, code, deviceHash string) error {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return err
	}
	d, err := s.Draft(ctx, DraftKey{CampaignID: st.Campaign.ID, DeviceHash: deviceHash})
	if err != nil || d == nil || d.ResponseID == nil {
		return ErrSubmitted
	}
	r, err := s.responses.ReceiptOf(ctx, *d.ResponseID)
	if err != nil {
		return err
	}
	return fault.Conflictf("this device has already answered this evaluation (receipt %s)", r.Ref)
}
