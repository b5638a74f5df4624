package httpx_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/storage"
)

// Every route, as the router registered it, answers a stranger with 401,
// a role it does not admit with 403, and lets the roles it admits through
// (what they then get depends on the request, but never 401 or 403).
func TestEveryRouteEnforcesItsPolicy(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	if len(h.Policy) < 20 {
		t.Fatalf("only %d routes in the policy", len(h.Policy))
	}
	callers := append([]account.Role{apptest.Stranger}, account.Roles...)
	routes := make([]string, 0, len(h.Policy))
	for route := range h.Policy {
		routes = append(routes, route)
	}
	// Signing out ends the sessions the other requests use: do it last.
	slices.SortFunc(routes, func(a, b string) int {
		return strings.Compare(strings.Replace(a, "POST /logout", "~", 1), strings.Replace(b, "POST /logout", "~", 1))
	})
	for _, route := range routes {
		who := h.Policy[route]
		method, pattern, _ := strings.Cut(route, " ")
		path := apptest.Path(pattern, map[string]string{"code": "nope", "id": "999", "lang": "en"})
		for _, role := range callers {
			var status int
			if strings.HasPrefix(pattern, "/api/") {
				status = h.API(role, method, path, nil).Code
			} else {
				status = h.Page(role, method, path, nil).Code
			}
			admitted := who == nil || slices.Contains(who, role)
			switch {
			case who == nil:
				// Signing in with no password is refused by the handler itself.
				if route != "POST /login" && status == http.StatusUnauthorized || status == http.StatusForbidden {
					t.Errorf("%s is public but %q got %d", route, role, status)
				}
			case role == apptest.Stranger && status != http.StatusUnauthorized:
				t.Errorf("%s: a stranger got %d, want 401", route, status)
			case role != apptest.Stranger && !admitted && status != http.StatusForbidden:
				t.Errorf("%s: %s got %d, want 403", route, role, status)
			case admitted && role != apptest.Stranger && (status == http.StatusUnauthorized || status == http.StatusForbidden):
				t.Errorf("%s: %s is admitted but got %d", route, role, status)
			}
		}
	}
}

// The router and the policy agree: no route escapes the table.
func TestNoRouteOutsideThePolicy(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	srv, err := h.App.Server()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Routes() {
		if strings.HasPrefix(r, "GET /static/") || strings.HasPrefix(r, "HEAD /static/") {
			continue
		}
		if _, ok := h.Policy[r]; !ok {
			t.Errorf("route %s was registered without a policy", r)
		}
	}
}
