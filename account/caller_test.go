package account_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/organizer"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// A token's user comes with the same organisers, and the same organisers
// under them, as the account list reads for it through the memberships
// and the tree.
func TestTokenUserCoversWhatTheAccountListSays(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cli := audit.Actor{Login: "cli"}
		keys, _ := secret.New(bytes.Repeat([]byte{3}, secret.KeySize))
		orgs := organizer.NewStore(db, audit.New(db, keys))
		for _, o := range [][3]string{{"city", "市", ""}, {"county", "县", "city"}, {"town", "镇", "county"}, {"other", "另", ""}, {"village", "村", "town"}} {
			if err := orgs.Put(ctx, o[0], o[1], o[2], cli); err != nil {
				t.Fatal(err)
			}
		}
		u, _, err := f.store.Create(ctx, account.NewUser{Login: "kiosk", Role: account.Operator, Password: "kiosk-password-1", Organizers: []string{"other", "county"}}, cli)
		if err != nil {
			t.Fatal(err)
		}
		_, token, err := f.store.CreateToken(ctx, u.ID, "kiosk", cli)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.store.TokenUser(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		list, _ := f.store.List(ctx)
		i := slices.IndexFunc(list, func(x account.User) bool { return x.ID == u.ID })
		if i < 0 {
			t.Fatal("the account is not listed")
		}
		want := list[i]
		if !slices.Equal(got.Organizers, want.Organizers) || !slices.Equal(got.Covers, want.Covers) {
			t.Errorf("token user: organizers %v covers %v; account list: %v, %v", got.Organizers, got.Covers, want.Organizers, want.Covers)
		}
		for _, code := range []string{"county", "town", "village", "other"} {
			if !got.Sees(code) {
				t.Errorf("the token user does not see %s: %v", code, got.Covers)
			}
		}
		if got.Sees("city") {
			t.Errorf("the token user sees the city above its county: %v", got.Covers)
		}
	})
}
