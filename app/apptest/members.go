package apptest

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/secret"
)

// Member is one more signed-in staff member, with a browser of their own:
// for tests in which several people of one role act, such as a committee
// approving by quorum.
type Member struct {
	h       *Harness
	Login   string
	session string
	token   string
	device  string
}

// NewMember creates a staff account with a role and signs it in.
func (h *Harness) NewMember(role account.Role, login string) *Member {
	h.T.Helper()
	in := account.NewUser{Login: login, Role: role, Password: Password}
	if role == account.Liaison {
		in.UnitCode = "U001"
	}
	if _, _, err := h.App.Accounts.Create(context.Background(), in, audit.Actor{Login: "test"}); err != nil {
		h.T.Fatal(err)
	}
	return h.SignIn(login, Password)
}

// SignIn signs in an existing account, such as one the demo created.
func (h *Harness) SignIn(login, password string) *Member {
	h.T.Helper()
	ctx := context.Background()
	u, session, err := h.App.Accounts.SignIn(ctx, login, password, "")
	if err != nil {
		h.T.Fatal(err)
	}
	_, token, err := h.App.Accounts.CreateToken(ctx, u.ID, "test", audit.Actor{Login: "test"})
	if err != nil {
		h.T.Fatal(err)
	}
	return &Member{h: h, Login: login, session: session, token: token, device: "device-" + secret.Token(12)}
}

// API sends a JSON request as the member, by bearer token.
func (m *Member) API(method, path string, body any) *httptest.ResponseRecorder {
	m.h.T.Helper()
	return m.h.api(m.token, method, path, body)
}

// Page sends a browser request as the member, with the anti-forgery token
// on forms, as Harness.Page does for the role accounts.
func (m *Member) Page(method, path string, form url.Values) *httptest.ResponseRecorder {
	m.h.T.Helper()
	req := formRequest(method, path, form, csrfOf(m.h, m.device))
	for _, c := range m.Cookies() {
		req.AddCookie(c)
	}
	return m.h.Do(req)
}

// Cookies are the member's browser cookies, for a real browser to carry.
func (m *Member) Cookies() []*http.Cookie {
	return []*http.Cookie{{Name: "pingyi_device", Value: m.device}, {Name: "pingyi_session", Value: m.session}}
}

// csrfOf is the anti-forgery token of a browser with device id device.
func csrfOf(h *Harness, device string) string {
	return base64.RawURLEncoding.EncodeToString(h.App.Keys.MAC(secret.CSRF, []byte(device)))
}
