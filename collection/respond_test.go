package collection_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"pingyi/audit"
	"pingyi/collection"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/sampling"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/validation"
)

type fixture struct {
	db        *storage.DB
	survey    *survey.Store
	responses *responses.Store
	svc       *collection.Service
	st        *survey.Structure
	codes     *codeBox
}

// codeBox is a Sender that keeps the last code, as a phone would.
type codeBox struct {
	mu   sync.Mutex
	last string
}

func (b *codeBox) SendCode(_ context.Context, _ sampling.Phone, code string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.last = code
	return nil
}

func setup(t *testing.T, db *storage.DB, limits collection.Limits) *fixture {
	t.Helper()
	keys, _ := secret.New(bytes.Repeat([]byte{7}, secret.KeySize))
	log := audit.New(db, keys)
	s := survey.NewStore(db, log, validation.New())
	raw, err := os.ReadFile("../survey/testdata/spec-example.json")
	if err != nil {
		t.Fatal(err)
	}
	var d survey.Definition
	if err := validation.DecodeStrict(raw, &d); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Create(ctx, d, audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, d.Code, survey.Open, audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Structure(ctx, d.Code)
	box := &codeBox{}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	rs := responses.NewStore(db, log, s)
	return &fixture{db: db, survey: s, responses: rs, svc: collection.New(db, s, rs, log, keys, box, quiet, limits), st: st, codes: box}
}

func answers(option string) responses.Submission {
	return responses.Submission{Channel: responses.Web, Answers: []responses.Answer{
		{Unit: "U001", Indicator: "efficiency", Option: option},
		{Unit: "U002", Indicator: "quality", Option: "B"},
	}}
}

func TestTokensAreDerivedAndForgiving(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := setup(t, db, collection.DefaultLimits)
		ctx := context.Background()
		b, err := f.svc.CreateBatch(ctx, "2026-annual", "deputies", 3, "人大代表第一批", audit.Actor{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		_, links, err := f.svc.Links(ctx, "2026-annual", b.ID, audit.Actor{Login: "admin"})
		if err != nil || len(links) != 3 || links[0].Token == links[1].Token || len(links[2].Token) != 16 {
			t.Fatalf("links %v, %v", links, err)
		}
		if links[1].Token != f.svc.Token(b.ID, 2) {
			t.Fatal("an export does not give the derived token")
		}
		var stored int64
		db.Gorm.Table("invitations").Where("token_hash = ?", links[0].Token).Count(&stored)
		if stored != 0 {
			t.Fatal("a token is stored in the clear")
		}
		typed := strings.ToLower(links[0].Token[:8]) + "-" + links[0].Token[8:]
		typed = strings.ReplaceAll(strings.ReplaceAll(typed, "0", "o"), "1", "l")
		inv, err := f.svc.Invitation(ctx, typed)
		if err != nil || inv.Seq != 1 || inv.Group.Code != "deputies" || inv.Usable() != nil {
			t.Fatalf("typed token: %+v, %v", inv, err)
		}
		if _, err := f.svc.Invitation(ctx, "AAAAAAAAAAAAAAAA"); !errors.Is(err, collection.ErrUnknownInvitation) {
			t.Fatalf("unknown token: %v", err)
		}
		if _, err := f.svc.CreateBatch(ctx, "2026-annual", "aliens", 0, "", audit.Actor{Login: "admin"}); !fault.Is(err, fault.Invalid) {
			t.Fatalf("bad batch: %v", err)
		}
		if err := f.svc.RevokeBatch(ctx, "2026-annual", b.ID, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		if inv, _ := f.svc.Invitation(ctx, links[2].Token); !errors.Is(inv.Usable(), collection.ErrRevokedInvitation) {
			t.Fatalf("revoked: %+v", inv)
		}
		list, err := f.svc.Batches(ctx, "2026-annual")
		if len(list) != 1 || list[0].Revoked != 3 || list[0].Open != 0 || list[0].Group.Code != "deputies" {
			t.Fatalf("batches %+v, %v", list, err)
		}
	})
}

// Eight submissions race with one token: one is stored; the identical
// ones get its receipt as a replay, the different ones a conflict.
func TestAnInvitationCarriesOneResponse(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := setup(t, db, collection.DefaultLimits)
		ctx := context.Background()
		b, _ := f.svc.CreateBatch(ctx, "2026-annual", "deputies", 1, "", audit.Actor{Login: "admin"})
		token := f.svc.Token(b.ID, 1)
		var wg sync.WaitGroup
		receipts := make([]responses.Receipt, 8)
		errs := make([]error, 8)
		for i := range receipts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				opt := "A"
				if i%2 == 1 {
					opt = "D"
				}
				receipts[i], errs[i] = f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: answers(opt), Token: token})
			}()
		}
		wg.Wait()
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 1 {
			t.Fatalf("%d responses stored", n)
		}
		var ref string
		db.Gorm.Model(&responses.Response{}).Select("ref").Scan(&ref)
		for i := range receipts {
			switch {
			case errs[i] == nil && receipts[i].Ref != ref:
				t.Errorf("submission %d got receipt %s, want %s", i, receipts[i].Ref, ref)
			case errs[i] != nil && !errors.Is(errs[i], collection.ErrUsedInvitation):
				t.Errorf("submission %d: %v", i, errs[i])
			}
		}
		inv, _ := f.svc.Invitation(ctx, token)
		if inv.UsedAt == nil || inv.ResponseID == nil {
			t.Fatalf("the invitation is not marked used: %+v", inv)
		}
		again, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: answers(winner(db, f)), Token: token})
		if err != nil || !again.Replayed || again.Ref != ref {
			t.Fatalf("a retry of the stored answers: %+v, %v", again, err)
		}
		other := answers("C")
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: other, Token: token}); !errors.Is(err, collection.ErrUsedInvitation) {
			t.Fatalf("a different use: %v", err)
		}
		wrong := answers("A")
		wrong.Group = "officials"
		b2, _ := f.svc.CreateBatch(ctx, "2026-annual", "deputies", 1, "", audit.Actor{Login: "admin"})
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: wrong, Token: f.svc.Token(b2.ID, 1)}); !fault.Is(err, fault.Invalid) {
			t.Fatalf("another group's response on an invitation: %v", err)
		}
	})
}

// winner returns the option the stored response gave U001's efficiency.
func winner(db *storage.DB, f *fixture) string {
	var r responses.Response
	db.Gorm.Take(&r)
	ratings, _ := responses.DecodeAnswers(r.Answers, nil)
	return f.st.Scale[ratings[0].Option].Code
}

func TestTheOpenLinkTakesOneResponsePerDeviceAndLimitsAddresses(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := setup(t, db, collection.Limits{SubmissionsPerIPHour: 2})
		ctx := context.Background()
		open := func(device, ip string) (responses.Receipt, error) {
			sub := answers("A")
			sub.DeviceHash, sub.IPHash = device, ip
			return f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub})
		}
		first, err := open("dev-1", "ip-1")
		if err != nil {
			t.Fatal(err)
		}
		_, err = open("dev-1", "ip-2")
		if !fault.Is(err, fault.Conflict) || !strings.Contains(err.Error(), first.Ref) {
			t.Fatalf("second response of a device: %v", err)
		}
		if _, err := open("dev-2", "ip-1"); err != nil {
			t.Fatal(err)
		}
		if _, err := open("dev-3", "ip-1"); !errors.Is(err, collection.ErrRateLimited) {
			t.Fatalf("third response from one address with a limit of 2: %v", err)
		}
		sub := answers("A")
		sub.Group = "deputies"
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub}); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("an invitation-only group on the open link: %v", err)
		}
		sub.Channel = responses.Paper
		seesAll := func(string) bool { return true }
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub, Staff: true, Sees: seesAll}); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("staff entering an invitation-only group without its invitation: %v", err)
		}
		sub.Group = ""
		seesNone := func(string) bool { return false }
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub, Staff: true, Sees: seesNone}); !fault.Is(err, fault.NotFound) {
			t.Fatalf("staff of another organiser enter the open group: %v", err)
		}
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub, Staff: true, Sees: seesAll}); err != nil {
			t.Fatalf("staff enter the open group (a kiosk): %v", err)
		}
		zero := 0
		f.svc.SetSettings(ctx, "2026-annual", collection.Settings{SubmissionsPerIPHour: &zero}, audit.Actor{Login: "admin"})
		if _, err := open("dev-4", "ip-1"); err != nil {
			t.Fatalf("the campaign lifted the limit: %v", err)
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 4 {
			t.Fatalf("%d responses, want 4", n)
		}
	})
}

func TestPhoneVerification(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := setup(t, db, collection.DefaultLimits)
		ctx := context.Background()
		f.svc.SetSettings(ctx, "2026-annual", collection.Settings{PhoneVerification: true}, audit.Actor{Login: "admin"})
		key := collection.DraftKey{CampaignID: f.st.Campaign.ID, DeviceHash: "dev-1"}
		d, err := f.svc.StartDraft(ctx, key, "ip")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SendCode(ctx, d, "12345", "ip"); !fault.Is(err, fault.Invalid) {
			t.Fatalf("not a mobile: %v", err)
		}
		if err := f.svc.SendCode(ctx, d, "138 1234 5678", "ip"); err != nil {
			t.Fatal(err)
		}
		var rows []map[string]any
		db.Gorm.Table("phone_verifications").Find(&rows)
		for _, r := range rows {
			for k, v := range r {
				if s, ok := v.(string); ok && (strings.Contains(s, "13812345678") || strings.Contains(s, f.codes.last)) {
					t.Fatalf("column %s holds the number or the code", k)
				}
			}
		}
		if err := f.svc.CheckCode(ctx, d, "000000"+"x"); !fault.Is(err, fault.Invalid) {
			t.Fatalf("wrong code: %v", err)
		}
		sub := answers("A")
		sub.DeviceHash = "dev-1"
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub, Draft: d}); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("unverified: %v", err)
		}
		if err := f.svc.CheckCode(ctx, d, f.codes.last); err != nil {
			t.Fatal(err)
		}
		d, _ = f.svc.Draft(ctx, key)
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub, Draft: d}); err != nil {
			t.Fatal(err)
		}
		other, _ := f.svc.StartDraft(ctx, collection.DraftKey{CampaignID: f.st.Campaign.ID, DeviceHash: "dev-2"}, "ip")
		if err := f.svc.SendCode(ctx, other, "13812345678", "ip"); !fault.Is(err, fault.Conflict) {
			t.Fatalf("the same number again: %v", err)
		}
		third, _ := f.svc.StartDraft(ctx, collection.DraftKey{CampaignID: f.st.Campaign.ID, DeviceHash: "dev-3"}, "ip")
		f.svc.SendCode(ctx, third, "13900000000", "ip")
		for range 5 {
			f.svc.CheckCode(ctx, third, "wrong")
		}
		if err := f.svc.CheckCode(ctx, third, f.codes.last); !fault.Is(err, fault.RateLimited) {
			t.Fatalf("after five wrong codes: %v", err)
		}
	})
}

func TestDraftsKeepPagesAndResume(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := setup(t, db, collection.DefaultLimits)
		ctx := context.Background()
		key := collection.DraftKey{CampaignID: f.st.Campaign.ID, DeviceHash: "dev-1"}
		d, _ := f.svc.StartDraft(ctx, key, "ip")
		same, _ := f.svc.StartDraft(ctx, key, "ip")
		if same.ID != d.ID || !same.StartedAt.Equal(d.StartedAt) {
			t.Fatal("starting again made another draft")
		}
		pages := collection.Pages(f.st)
		if len(pages) != 2 || len(pages[0].Units) != 2 || pages[1].Category.Code != "service" {
			t.Fatalf("pages %+v", pages)
		}
		page := collection.Content{Ratings: map[collection.Cell]int{{Unit: 0, Indicator: 0}: 1, {Unit: 1, Indicator: 3}: 4},
			Comments: map[int]string{0: "很好"}}
		if err := f.svc.SavePage(ctx, d.ID, f.st, pages[0].Units, page, 2); err != nil {
			t.Fatal(err)
		}
		again := collection.Content{Ratings: map[collection.Cell]int{{Unit: 0, Indicator: 1}: 2}}
		if err := f.svc.SavePage(ctx, d.ID, f.st, pages[0].Units, again, 2); err != nil {
			t.Fatal(err)
		}
		d, _ = f.svc.Draft(ctx, key)
		c, _ := d.Content(f.st)
		if d.Page != 2 || len(c.Ratings) != 1 || c.Ratings[collection.Cell{Unit: 0, Indicator: 1}] != 2 || len(c.Comments) != 0 {
			t.Fatalf("resaving a page replaces it: %+v %+v", d, c)
		}
		sub := c.Submission(f.st)
		sub.DeviceHash = "dev-1"
		r, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub, Draft: d})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SavePage(ctx, d.ID, f.st, pages[0].Units, again, 2); !errors.Is(err, collection.ErrSubmitted) {
			t.Fatalf("saving a submitted form: %v", err)
		}
		sub.IdempotencyKey = ""
		if _, err := f.svc.Submit(ctx, "2026-annual", collection.Input{Submission: sub, Draft: d}); !errors.Is(err, collection.ErrSubmitted) {
			t.Fatalf("submitting twice: %v", err)
		}
		d, _ = f.svc.Draft(ctx, key)
		if got, _ := f.responses.ReceiptOf(ctx, *d.ResponseID); got.Ref != r.Ref {
			t.Fatalf("the draft's receipt %s, want %s", got.Ref, r.Ref)
		}
	})
}

// Outside development the log-only sender says that a code went out, and
// nothing else: neither the number nor the code.
func TestTheLogSenderKeepsNumbersAndCodesOutOfTheLog(t *testing.T) {
	var buf bytes.Buffer
	p, _ := sampling.NormalizePhone("13812345678")
	for _, dev := range []bool{false, true} {
		buf.Reset()
		s := collection.LogSender{Log: slog.New(slog.NewTextHandler(&buf, nil)), ShowCodes: dev}
		if err := s.SendCode(context.Background(), p, "246810"); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, "13812345678") || dev != strings.Contains(out, "246810") || !strings.Contains(out, "code") {
			t.Errorf("development %v: %s", dev, out)
		}
	}
}
