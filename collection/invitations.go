package collection

import (
	"context"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/survey"
)

// Batch is a set of invitations made at once for one group.
type Batch struct {
	ID         int64
	CampaignID int64
	GroupID    int64
	Label      string
	Size       int
	CreatedBy  string
	CreatedAt  time.Time
	RevokedAt  *time.Time
	// Units narrows the batch to some of its group's units (JSON codes;
	// batch_units.go), nil for all of them.
	Units *string
}

// TableName ties Batch to the invitation_batches table.
func (Batch) TableName() string { return "invitation_batches" }

type invitationRow struct {
	ID         int64
	BatchID    int64
	Seq        int
	TokenHash  string
	UsedAt     *time.Time
	ResponseID *int64
	RevokedAt  *time.Time
}

func (invitationRow) TableName() string { return "invitations" }

// Invitation is one invitation link, resolved from its token.
type Invitation struct {
	ID         int64
	Seq        int
	Batch      Batch
	Structure  *survey.Structure
	Group      survey.Group
	UsedAt     *time.Time
	ResponseID *int64
	RevokedAt  *time.Time
}

// MaxBatch bounds one batch: a city's deputies and members of the
// political consultative conference are a few thousand.
const MaxBatch = 20000

// The states of an invitation that cannot answer, so that the form can
// give each its own page.
var (
	ErrUnknownInvitation = fault.NotFoundf("this invitation link is not valid; check that it was copied whole")
	ErrUsedInvitation    = fault.Conflictf("this invitation has already been used")
	ErrRevokedInvitation = fault.Conflictf("this invitation has been withdrawn by the organiser")
)

// tokenEncoding is Crockford's base 32, like receipt codes: a token read
// off paper is not misread.
var tokenEncoding = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// Token derives the token of invitation seq of a batch: 80 bits of an
// HMAC under the invitation key, as 16 characters. The database stores
// only its digest; whoever holds the key can make it again.
func (s *Service) Token(batchID int64, seq int) string {
	var msg [16]byte
	binary.BigEndian.PutUint64(msg[:8], uint64(batchID))
	binary.BigEndian.PutUint64(msg[8:], uint64(seq))
	return tokenEncoding.EncodeToString(s.keys.MAC(secret.Invite, msg[:])[:10])
}

// normalToken undoes what people do to a token they type: lower case,
// O for 0, I or L for 1, spaces and dashes.
func normalToken(t string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'O', 'o':
			return '0'
		case 'I', 'i', 'L', 'l':
			return '1'
		case ' ', '-':
			return -1
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, t)
}

// CreateBatch makes size invitations for a group of a campaign.
func (s *Service) CreateBatch(ctx context.Context, code, group string, size int, label string, actor audit.Actor) (Batch, error) {
	return s.CreateBatchFor(ctx, code, group, size, label, nil, actor)
}

// CreateBatchFor makes size invitations for a group of a campaign, asking
// only about units (codes within the group's units) when it names some.
func (s *Service) CreateBatchFor(ctx context.Context, code, group string, size int, label string, units []string, actor audit.Actor) (Batch, error) {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return Batch{}, err
	}
	var problems []fault.Problem
	gi, ok := st.GroupIndex(group)
	if !ok {
		problems = append(problems, fault.P("group", "unknown respondent group %q", group))
	} else if st.Groups[gi].FromDraw() {
		problems = append(problems, fault.P("group", "group %q takes only the interviews of the phone draw's cases: it has no invitations", group))
	}
	if size < 1 || size > MaxBatch {
		problems = append(problems, fault.P("size", "a batch holds 1 to %d invitations", MaxBatch))
	}
	label = strings.TrimSpace(label)
	if utf8.RuneCountInString(label) > 200 {
		problems = append(problems, fault.P("label", "the label may have at most %d characters", 200))
	}
	narrowed, bad := batchUnits(st, gi, ok, units)
	problems = append(problems, bad...)
	if len(problems) > 0 {
		return Batch{}, fault.WithProblems(problems, "the batch has %d problems", len(problems))
	}
	if st.Campaign.Status == survey.Review || st.Campaign.Status == survey.Published {
		return Batch{}, fault.Conflictf("campaign %q no longer collects responses", code)
	}
	b := Batch{CampaignID: st.Campaign.ID, GroupID: st.Groups[gi].ID, Label: label, Size: size, CreatedBy: actor.Login, CreatedAt: s.db.Now(), Units: narrowed}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&b).Error; err != nil {
			return err
		}
		rows := make([]invitationRow, 0, 500)
		for seq := 1; seq <= size; seq++ {
			rows = append(rows, invitationRow{BatchID: b.ID, Seq: seq, TokenHash: secret.Digest(s.Token(b.ID, seq))})
			if len(rows) == cap(rows) || seq == size {
				if err := tx.Create(&rows).Error; err != nil {
					return err
				}
				rows = rows[:0]
			}
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "invitations.create", Object: "campaign:" + code,
			Detail: map[string]any{"batch": b.ID, "group": group, "size": size, "units": len(units)}})
	})
	return b, err
}

// BatchSummary is a batch with how far it has been used.
type BatchSummary struct {
	Batch
	Group               survey.Group
	Used, Revoked, Open int
}

// Batches lists a campaign's batches, newest first.
func (s *Service) Batches(ctx context.Context, code string) ([]BatchSummary, error) {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return nil, err
	}
	var batches []Batch
	if err := s.db.WithContext(ctx).Where("campaign_id = ?", st.Campaign.ID).Order("id DESC").Find(&batches).Error; err != nil {
		return nil, err
	}
	var counts []struct {
		BatchID       int64
		Used, Revoked int
	}
	err = s.db.WithContext(ctx).Model(&invitationRow{}).
		Select("invitations.batch_id, SUM(CASE WHEN invitations.used_at IS NOT NULL THEN 1 ELSE 0 END) AS used, SUM(CASE WHEN invitations.used_at IS NULL AND invitations.revoked_at IS NOT NULL THEN 1 ELSE 0 END) AS revoked").
		Joins("JOIN invitation_batches ON invitation_batches.id = invitations.batch_id").
		Where("invitation_batches.campaign_id = ?", st.Campaign.ID).Group("invitations.batch_id").Scan(&counts).Error
	if err != nil {
		return nil, err
	}
	byBatch := map[int64]int{}
	for i, c := range counts {
		byBatch[c.BatchID] = i
	}
	out := make([]BatchSummary, len(batches))
	for i, b := range batches {
		out[i] = BatchSummary{Batch: b, Group: groupByID(st, b.GroupID)}
		if j, ok := byBatch[b.ID]; ok {
			out[i].Used, out[i].Revoked = counts[j].Used, counts[j].Revoked
		}
		out[i].Open = b.Size - out[i].Used - out[i].Revoked
	}
	return out, nil
}

func groupByID(st *survey.Structure, id int64) survey.Group {
	for _, g := range st.Groups {
		if g.ID == id {
			return g
		}
	}
	return survey.Group{}
}

// Link is one invitation of an exported batch.
type Link struct {
	Seq           int
	Token         string
	Used, Revoked bool
}

// Links exports a batch's invitations with their tokens. Each export is
// audited: whoever holds the list can answer in the group's name.
func (s *Service) Links(ctx context.Context, code string, batchID int64, actor audit.Actor) (BatchSummary, []Link, error) {
	b, err := s.batch(ctx, code, batchID)
	if err != nil {
		return BatchSummary{}, nil, err
	}
	var rows []invitationRow
	if err := s.db.WithContext(ctx).Where("batch_id = ?", b.ID).Order("seq").Find(&rows).Error; err != nil {
		return BatchSummary{}, nil, err
	}
	links := make([]Link, len(rows))
	for i, r := range rows {
		links[i] = Link{Seq: r.Seq, Token: s.Token(b.ID, r.Seq), Used: r.UsedAt != nil, Revoked: r.UsedAt == nil && r.RevokedAt != nil}
		switch {
		case r.UsedAt != nil:
			b.Used++
		case r.RevokedAt != nil:
			b.Revoked++
		}
	}
	b.Open = b.Size - b.Used - b.Revoked
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "invitations.export", Object: "campaign:" + code,
			Detail: map[string]int64{"batch": b.ID}})
	})
	return b, links, err
}

func (s *Service) batch(ctx context.Context, code string, id int64) (BatchSummary, error) {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return BatchSummary{}, err
	}
	var b Batch
	err = s.db.WithContext(ctx).Where("id = ? AND campaign_id = ?", id, st.Campaign.ID).Take(&b).Error
	if storage.IsNotFound(err) {
		return BatchSummary{}, fault.NotFoundf("no invitation batch %d in campaign %q", id, code)
	}
	return BatchSummary{Batch: b, Group: groupByID(st, b.GroupID)}, err
}

// RevokeBatch withdraws a batch's unused invitations.
func (s *Service) RevokeBatch(ctx context.Context, code string, batchID int64, actor audit.Actor) error {
	b, err := s.batch(ctx, code, batchID)
	if err != nil {
		return err
	}
	now := s.db.Now()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&invitationRow{}).Where("batch_id = ? AND used_at IS NULL AND revoked_at IS NULL", b.ID).Update("revoked_at", now)
		if res.Error != nil {
			return res.Error
		}
		if err := tx.Model(&Batch{}).Where("id = ?", b.ID).Update("revoked_at", now).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "invitations.revoke", Object: "campaign:" + code,
			Detail: map[string]int64{"batch": b.ID, "withdrawn": res.RowsAffected}})
	})
}

// Invitation resolves a token, whatever its state: the caller decides what
// a used or withdrawn invitation means to it. An unknown token is NotFound.
func (s *Service) Invitation(ctx context.Context, token string) (Invitation, error) {
	token = normalToken(token)
	if len(token) != 16 {
		return Invitation{}, ErrUnknownInvitation
	}
	var row invitationRow
	err := s.db.WithContext(ctx).Where("token_hash = ?", secret.Digest(token)).Take(&row).Error
	if storage.IsNotFound(err) {
		return Invitation{}, ErrUnknownInvitation
	}
	if err != nil {
		return Invitation{}, err
	}
	var b Batch
	if err := s.db.WithContext(ctx).Where("id = ?", row.BatchID).Take(&b).Error; err != nil {
		return Invitation{}, err
	}
	st, err := s.survey.StructureByID(ctx, b.CampaignID)
	if err != nil {
		return Invitation{}, err
	}
	return Invitation{ID: row.ID, Seq: row.Seq, Batch: b, Structure: st, Group: groupByID(st, b.GroupID),
		UsedAt: row.UsedAt, ResponseID: row.ResponseID, RevokedAt: row.RevokedAt}, nil
}

// Usable says why an invitation cannot answer any more, if it cannot.
func (inv Invitation) Usable() error {
	switch {
	case inv.UsedAt != nil:
		return ErrUsedInvitation
	case inv.RevokedAt != nil:
		return ErrRevokedInvitation
	}
	return nil
}

// claimInvitation marks an invitation used by a response, inside the
// response's transaction. The update changes exactly one row or none: of
// two submissions racing with one token, the second finds it used.
func claimInvitation(id int64, now time.Time) func(tx *gorm.DB, responseID int64) error {
	return func(tx *gorm.DB, responseID int64) error {
		res := tx.Model(&invitationRow{}).Where("id = ? AND used_at IS NULL AND revoked_at IS NULL", id).
			Updates(map[string]any{"used_at": now, "response_id": responseID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrUsedInvitation
		}
		return nil
	}
}
