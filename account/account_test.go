package account_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/validation"
)

// fixture is an account store on a real database with a clock the test moves.
type fixture struct {
	store *account.Store
	db    *storage.DB
	now   time.Time
}

func newFixture(t *testing.T, db *storage.DB) *fixture {
	f := &fixture{db: db, now: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return f.now }
	keys, _ := secret.New(bytes.Repeat([]byte{3}, secret.KeySize))
	f.store = account.NewStore(db, audit.New(db, keys), validation.New())
	return f
}

func TestCreateRejectsBadAccountsWithEveryProblem(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		_, _, err := f.store.Create(ctx, account.NewUser{Login: "", Role: "mayor", UnitCode: "U001"}, audit.Actor{Login: "cli"})
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid {
			t.Fatalf("err = %v, want invalid", err)
		}
		paths := map[string]bool{}
		for _, p := range e.Problems {
			paths[p.Path] = true
		}
		for _, want := range []string{"login", "role", "unit_code"} {
			if !paths[want] {
				t.Errorf("no problem reported for %s: %v", want, e.Problems)
			}
		}
		_, _, err = f.store.Create(ctx, account.NewUser{Login: "liaison1", Role: account.Liaison}, audit.Actor{Login: "cli"})
		if !fault.Is(err, fault.Invalid) {
			t.Errorf("liaison without unit: %v", err)
		}
		if users, _ := f.store.List(ctx); len(users) != 0 {
			t.Fatalf("rejected accounts were stored: %d", len(users))
		}
	})
}

func TestOneTimePasswordMustBeChanged(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		u, otp, err := f.store.Create(ctx, account.NewUser{Login: "chen", DisplayName: "陈委员", Role: account.Committee}, audit.Actor{Login: "cli"})
		if err != nil {
			t.Fatal(err)
		}
		if len(otp) != 12 || !u.MustChangePassword {
			t.Fatalf("one-time password %q, must change %v", otp, u.MustChangePassword)
		}
		if _, _, err := f.store.Create(ctx, account.NewUser{Login: "chen", Role: account.Admin}, audit.Actor{Login: "cli"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("duplicate login: %v", err)
		}
		got, token, err := f.store.SignIn(ctx, "chen", otp, "")
		if err != nil || !got.MustChangePassword {
			t.Fatalf("sign in with one-time password: %v", err)
		}
		if err := f.store.ChangePassword(ctx, u.ID, otp, "short", token); !fault.Is(err, fault.Invalid) {
			t.Fatalf("short password accepted: %v", err)
		}
		if err := f.store.ChangePassword(ctx, u.ID, "wrong-current", "a much longer one", token); !fault.Is(err, fault.Invalid) {
			t.Fatalf("wrong current password accepted: %v", err)
		}
		if err := f.store.ChangePassword(ctx, u.ID, otp, "a much longer one", token); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.SessionUser(ctx, token); err != nil {
			t.Fatalf("the session that changed the password ended: %v", err)
		}
		if _, _, err := f.store.SignIn(ctx, "chen", otp, ""); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("old password still works: %v", err)
		}
		got, _, err = f.store.SignIn(ctx, "chen", "a much longer one", "")
		if err != nil || got.MustChangePassword {
			t.Fatalf("after change: %v, must change %v", err, got.MustChangePassword)
		}
	})
}

func TestWrongPasswordsLockTheAccountForAWhile(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		f.store.Create(ctx, account.NewUser{Login: "li", Role: account.Admin, Password: "correct horse battery"}, audit.Actor{Login: "cli"})
		for i := 0; i < 5; i++ {
			if _, _, err := f.store.SignIn(ctx, "li", "guess", ""); !fault.Is(err, fault.Unauthorized) {
				t.Fatalf("guess %d: %v", i, err)
			}
		}
		_, _, err := f.store.SignIn(ctx, "li", "correct horse battery", "")
		if !fault.Is(err, fault.Forbidden) {
			t.Fatalf("right password during lock: %v", err)
		}
		e, _ := fault.As(err)
		if msg := e.Text(i18n.ZH); msg == e.Text(i18n.EN) {
			t.Errorf("lock message has no Chinese: %s", msg)
		}
		// Locked at 09:00 UTC for 15 minutes: 17:15 in China, whatever
		// the server's own zone.
		if msg := e.Text(i18n.ZH); !strings.Contains(msg, "17:15") {
			t.Errorf("lock message does not give China time: %s", msg)
		}
		f.now = f.now.Add(16 * time.Minute)
		if _, _, err := f.store.SignIn(ctx, "li", "correct horse battery", ""); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		if _, _, err := f.store.SignIn(ctx, "nobody", "whatever", ""); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("unknown login: %v", err)
		}
	})
}

func TestSessionsExpireAndEndOnDisable(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		u, _, _ := f.store.Create(ctx, account.NewUser{Login: "wang", Role: account.Supervisor, Password: "supervisor-pass"}, audit.Actor{Login: "admin"})
		_, token, err := f.store.SignIn(ctx, "wang", "supervisor-pass", "")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := f.store.SessionUser(ctx, token); err != nil || got.ID != u.ID {
			t.Fatalf("live session: %v", err)
		}
		if _, err := f.store.SessionUser(ctx, token+"x"); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("forged session accepted: %v", err)
		}
		f.now = f.now.Add(account.SessionTTL + time.Second)
		if _, err := f.store.SessionUser(ctx, token); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("expired session accepted: %v", err)
		}
		_, token, _ = f.store.SignIn(ctx, "wang", "supervisor-pass", "")
		_, apiToken, err := f.store.CreateToken(ctx, u.ID, "export script", audit.Actor{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := f.store.TokenUser(ctx, apiToken); err != nil || got.Login != "wang" {
			t.Fatalf("token: %v", err)
		}
		if err := f.store.Disable(ctx, u.ID, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.SessionUser(ctx, token); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("session of a disabled account accepted: %v", err)
		}
		if _, err := f.store.TokenUser(ctx, apiToken); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("token of a disabled account accepted: %v", err)
		}
		if _, _, err := f.store.SignIn(ctx, "wang", "supervisor-pass", ""); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("disabled account signed in: %v", err)
		}
		if _, _, err := f.store.SignIn(ctx, "wang", "a guess", ""); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("a wrong password learnt that the account is disabled: %v", err)
		}
	})
}

func TestRevokedTokenStopsWorking(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		u, _, _ := f.store.Create(ctx, account.NewUser{Login: "bot", Role: account.Admin, Password: "a long password"}, audit.Actor{Login: "cli"})
		if _, _, err := f.store.CreateToken(ctx, u.ID, strings.Repeat("名", 101), audit.Actor{Login: "cli"}); !fault.Is(err, fault.Invalid) {
			t.Fatalf("a 101-character token name: %v", err)
		}
		tok, secretToken, _ := f.store.CreateToken(ctx, u.ID, "", audit.Actor{Login: "cli"})
		if err := f.store.RevokeToken(ctx, u.ID, tok.ID, audit.Actor{Login: "bot"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.TokenUser(ctx, secretToken); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("revoked token accepted: %v", err)
		}
		if err := f.store.RevokeToken(ctx, u.ID, tok.ID, audit.Actor{Login: "bot"}); !fault.Is(err, fault.NotFound) {
			t.Fatalf("second revoke: %v", err)
		}
	})
}

func TestPasswordHashRoundTrip(t *testing.T) {
	h := account.HashPassword("长城 great wall 2026")
	if !account.CheckPassword(h, "长城 great wall 2026") || account.CheckPassword(h, "长城 great wall 2027") {
		t.Fatal("hash does not check correctly")
	}
	if account.HashPassword("x") == account.HashPassword("x") {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
	if account.CheckPassword("$argon2id$v=19$garbage", "x") {
		t.Fatal("malformed hash accepted")
	}
}
