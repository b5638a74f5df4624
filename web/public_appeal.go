package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/secret"
)

// publicAppealAppeals is what public_appeal.go needs of the ledger.
type publicAppealAppeals interface {
	ReceiveOnline(ctx context.Context, o appeals.Online) (appeals.Received, error)
}

// publicAppealKinds are the types a person chooses from, in the order of SPEC.
var publicAppealKinds = []string{appeals.Consult, appeals.Help, appeals.Complaint, appeals.Report, appeals.Suggest}

// publicAppealForm is what the filing page shows: the answers so far (never the
// passwords), the problems at their fields, and the form's one-time key.
type publicAppealForm struct {
	Kinds    []string
	Kind     string
	Content  string
	Unit     string
	Contact  string
	Consent  bool
	Key      string
	Problems []fault.Problem
	At       map[string]fault.Problem // the problem of each field
}

// publicAppealFormPage is the public form to file a case, without sign-in.
func (s *Site) publicAppealFormPage(c *gin.Context) {
	httpx.NoStore(c) // a fresh key each time, also after going back
	s.renderPublicAppealForm(c, http.StatusOK, publicAppealForm{Key: secret.Token(24)})
}

func (s *Site) renderPublicAppealForm(c *gin.Context, status int, f publicAppealForm) {
	f.Kinds = publicAppealKinds
	f.At = map[string]fault.Problem{}
	for _, p := range f.Problems {
		if _, seen := f.At[p.Path]; !seen {
			f.At[p.Path] = p
		}
	}
	s.Render(c, status, "public_appeal", i18n.T(httpx.Lang(c), "File a case"), f)
}

// filePublicAppeal receives the form. Sent twice (a double click, a reload), it
// files one case and shows its number both times. A refusal shows the
// form again with every problem at its field and the answers kept, except
// the passwords, which are never sent back.
func (s *Site) filePublicAppeal(c *gin.Context) {
	httpx.NoStore(c)
	f := publicAppealForm{Kind: c.PostForm("kind"), Content: c.PostForm("content"), Unit: c.PostForm("unit"),
		Contact: c.PostForm("contact"), Consent: c.PostForm("consent") != "", Key: c.PostForm("key")}
	r, err := s.Appeals.ReceiveOnline(c, appeals.Online{Kind: f.Kind, Content: f.Content, Unit: f.Unit,
		Contact: f.Contact, Password: c.PostForm("password"), Confirm: c.PostForm("confirm"), Consent: f.Consent,
		Key: f.Key, AddrHash: s.IPHash(c)})
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) {
			if e, ok := fault.As(err); ok && len(e.Problems) == 0 && e.Kind == fault.Invalid {
				f.Key = secret.Token(24) // an expired or forged key: a new one
			}
			f.Problems = problems
			s.renderPublicAppealForm(c, status, f)
		})
		return
	}
	s.Render(c, http.StatusOK, "public_appeal_received", i18n.T(httpx.Lang(c), "Case received"), gin.H{
		"Number": r.Number, "Followable": c.PostForm("password") != ""})
}
