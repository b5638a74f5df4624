package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/survey"
)

type homeCampaign struct {
	Name, Organizer    string
	Units              int
	FormURL, ResultURL string
}

func (s *Server) homePage(c *gin.Context) {
	list, err := s.Campaigns.Campaigns(c, survey.Open, survey.Published)
	if err != nil {
		s.fail(c, err)
		return
	}
	var open, published []homeCampaign
	for _, camp := range list {
		if camp.Status == survey.Published {
			published = append(published, homeCampaign{Name: camp.Name, ResultURL: "/p/" + camp.Code})
			continue
		}
		st, err := s.Campaigns.Structure(c, camp.Code)
		if err != nil {
			s.fail(c, err)
			return
		}
		h := homeCampaign{Name: camp.Name, Organizer: camp.Organizer, Units: len(st.Units)}
		if _, ok := st.OpenGroup(); ok {
			h.FormURL = "/s/" + camp.Code
		}
		open = append(open, h)
	}
	s.page(c, http.StatusOK, "home", "", gin.H{"Open": open, "Published": published})
}

// switchLang remembers a language choice and returns to the page it was
// made on.
func (s *Server) switchLang(c *gin.Context) {
	lang := i18n.Parse(c.Param("lang"))
	s.setCookie(c, cookieLang, string(lang), 400*24*3600)
	redirect(c, safeNext(c.Query("next")))
}

// safeNext keeps redirects on this site: a next parameter pointing
// elsewhere would make Pingyi an open redirector for phishing.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" {
		return "/"
	}
	return next
}

type loginData struct {
	Login, Next string
}

func (s *Server) loginForm(c *gin.Context) {
	if _, ok := currentUser(c); ok {
		redirect(c, "/admin")
		return
	}
	s.loginPage(c, http.StatusOK, "")
}

// loginPage shows the sign-in form, also in answer to a page that needs a
// signed-in user (with 401), returning there after sign-in.
func (s *Server) loginPage(c *gin.Context, status int, message string) {
	next := c.Query("next")
	if status == http.StatusUnauthorized && c.Request.Method == http.MethodGet {
		next = c.Request.URL.RequestURI()
	}
	if message != "" {
		c.Set(ctxPageError, message)
	}
	s.page(c, status, "login", i18n.T(langOf(c), "Staff sign-in"), loginData{Login: c.PostForm("login"), Next: next})
}

func (s *Server) login(c *gin.Context) {
	u, token, err := s.Accounts.SignIn(c, strings.TrimSpace(c.PostForm("login")), c.PostForm("password"), s.ipHash(c))
	if err != nil {
		if e, ok := fault.As(err); ok && (e.Kind == fault.Unauthorized || e.Kind == fault.Forbidden || e.Kind == fault.RateLimited) {
			c.Set(ctxPageError, e.Message.In(langOf(c)))
			s.page(c, statusOf[e.Kind], "login", i18n.T(langOf(c), "Staff sign-in"), loginData{Login: c.PostForm("login"), Next: c.PostForm("next")})
			return
		}
		s.fail(c, err)
		return
	}
	s.setCookie(c, cookieSession, token, int(account.SessionTTL.Seconds()))
	next := safeNext(c.PostForm("next"))
	if u.MustChangePassword {
		next = "/password"
	} else if next == "/" {
		next = "/admin"
	}
	redirect(c, next)
}

func (s *Server) logout(c *gin.Context) {
	if token := c.GetString(ctxSession); token != "" {
		if err := s.Accounts.SignOut(c, token); err != nil {
			s.fail(c, err)
			return
		}
	}
	s.setCookie(c, cookieSession, "", -1)
	redirect(c, "/")
}

type passwordData struct {
	Forced    bool
	MinLength int
}

func (s *Server) passwordForm(c *gin.Context) { s.passwordPage(c, http.StatusOK) }

func (s *Server) passwordPage(c *gin.Context, status int) {
	u, _ := currentUser(c)
	s.page(c, status, "password", i18n.T(langOf(c), "Change your password"), passwordData{Forced: u.MustChangePassword, MinLength: account.MinPasswordLength})
}

func (s *Server) changePassword(c *gin.Context) {
	u, _ := currentUser(c)
	err := s.Accounts.ChangePassword(c, u.ID, c.PostForm("current"), c.PostForm("next"), c.GetString(ctxSession))
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.passwordPage(c, status) })
		return
	}
	redirect(c, "/admin")
}
