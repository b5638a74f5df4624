package account_test

import (
	"context"
	"fmt"
	"testing"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// An administrator sees a locked-out login and lifts the lock; a reset
// gives a one-time password that signs in and must be changed; both are
// audited.
func TestAdministratorsLiftLockOutsAndResetPasswords(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		const password = "correct horse battery"
		sun, _, _ := f.store.Create(ctx, account.NewUser{Login: "sun", Role: account.Operator, Password: password}, audit.Actor{Login: "admin"})
		zhou, _, _ := f.store.Create(ctx, account.NewUser{Login: "zhou", Role: account.Operator, Password: password}, audit.Actor{Login: "admin"})
		for i := range 6 {
			f.store.SignIn(ctx, "sun", "wrong password", fmt.Sprintf("address-%d", i))
		}
		locks, err := f.store.Lockouts(ctx)
		if err != nil || locks[sun.ID].IsZero() || !locks[zhou.ID].IsZero() {
			t.Fatalf("lock-outs: %v %v", locks, err)
		}
		if err := f.store.Unlock(ctx, zhou.ID, audit.Actor{Login: "admin"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("unlocking an account that is not locked: %v", err)
		}
		if err := f.store.Unlock(ctx, sun.ID, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.store.SignIn(ctx, "sun", password, "office"); err != nil {
			t.Fatalf("after the lock is lifted: %v", err)
		}

		u, once, err := f.store.ResetPassword(ctx, zhou.ID, audit.Actor{Login: "admin"})
		if err != nil || once == "" || u.Login != "zhou" {
			t.Fatalf("reset: %q %v", once, err)
		}
		if _, _, err := f.store.SignIn(ctx, "zhou", password, "office"); err == nil {
			t.Fatal("the old password still signs in")
		}
		if signed, _, err := f.store.SignIn(ctx, "zhou", once, "office"); err != nil || !signed.MustChangePassword {
			t.Fatalf("the one-time password: %v, must change %v", err, signed.MustChangePassword)
		}
		if _, _, err := f.store.ResetPassword(ctx, 999, audit.Actor{Login: "admin"}); !fault.Is(err, fault.NotFound) {
			t.Fatalf("an unknown account: %v", err)
		}
		var actions []string
		db.Gorm.Raw("SELECT action FROM audit_log WHERE action IN ('user.unlock', 'user.password_reset') ORDER BY seq").Scan(&actions)
		if len(actions) != 2 {
			t.Fatalf("audited: %v", actions)
		}
	})
}
