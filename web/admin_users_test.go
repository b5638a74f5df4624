package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
)

// An administrator above a county gives a new account to the county from
// the accounts page, and cannot give one to an organiser outside theirs.
func TestANewAccountGetsTheOrganiserTicked(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		ctx := t.Context()
		if err := h.App.Organizers.Put(ctx, "county", "县测评办", "default", audit.CLI); err != nil {
			t.Fatal(err)
		}
		if err := h.App.Organizers.Put(ctx, "elsewhere", "邻县测评办", "", audit.CLI); err != nil {
			t.Fatal(err)
		}
		page := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/users", nil), http.StatusOK).Body.String()
		if !strings.Contains(page, `name="organizers" value="county"`) || strings.Contains(page, `value="elsewhere"`) {
			t.Fatal("the form does not offer exactly the administrator's organisers")
		}

		refused := apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/users",
			url.Values{"login": {"xu"}, "role": {"committee"}, "organizers": {"county", "elsewhere"}}), http.StatusUnprocessableEntity).Body.String()
		if !strings.Contains(refused, "组织单位 &#34;elsewhere&#34; 不属于您") || !strings.Contains(refused, `value="county" checked`) {
			t.Fatal("the refusal does not name the organiser, or loses the ticks")
		}
		apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/users",
			url.Values{"login": {"xu"}, "display_name": {"许静"}, "role": {"committee"}, "organizers": {"county"}}), http.StatusCreated)

		users, err := h.App.Accounts.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, u := range users {
			if u.Login == "xu" {
				found++
				if !slices.Equal(u.Organizers, []string{"county"}) {
					t.Fatalf("xu belongs to %v, want county only", u.Organizers)
				}
			}
		}
		if found != 1 {
			t.Fatalf("%d accounts xu after a refusal and a success", found)
		}
	})
}
