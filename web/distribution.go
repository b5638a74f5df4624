package web

import (
	"html/template"
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/survey"
)

// distributionRoutes are the pages that put the form in people's hands:
// the open link's QR poster, the blank paper questionnaire and the
// matching import template.
func (s *Site) distributionRoutes(admin *gin.RouterGroup) {
	s.On(admin, "GET", "/campaigns/:code/poster", httpx.AdminOnly, s.adminPoster)
	s.On(admin, "GET", "/campaigns/:code/paper", httpx.AdminOnly, s.adminPaperForm)
	s.On(admin, "GET", "/campaigns/:code/paper/template.xlsx", httpx.AdminOnly, s.adminPaperTemplate)
}

// publicBase is where respondents reach Pingyi, and whether it is only
// this machine (PINGYI_PUBLIC_URL unset, or set to a loopback address):
// a QR code printed so would lead every phone that scans it nowhere.
func (s *Site) publicBase() (string, bool) {
	base := strings.TrimSuffix(s.PublicURL.String(), "/")
	host := s.PublicURL.Hostname()
	ip := net.ParseIP(host)
	local := host == "" || host == "localhost" || strings.HasSuffix(host, ".localhost") || (ip != nil && (ip.IsLoopback() || ip.IsUnspecified()))
	return base, local
}

// openLink is a campaign's open link as the campaign page and the poster
// show it.
type openLink struct {
	URL, Group string
	QR         template.HTML
	Local      bool // the link leads to this machine only: warn before printing
}

// openLinkOf is the open link of a campaign, if one of its groups answers
// through it.
func (s *Site) openLinkOf(st *survey.Structure) (*openLink, error) {
	g, ok := st.OpenGroup()
	if !ok {
		return nil, nil
	}
	base, local := s.publicBase()
	l := &openLink{URL: base + "/s/" + st.Campaign.Code, Group: g.Name, Local: local}
	var err error
	l.QR, err = qrSVG(l.URL)
	return l, err
}

type posterPage struct {
	Campaign survey.Campaign
	Link     *openLink
	Minutes  int
}

// adminPoster is the open link's poster for a service hall: the
// campaign, a large QR code and the link, on one printed page.
func (s *Site) adminPoster(c *gin.Context) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	link, err := s.openLinkOf(st)
	if err != nil {
		s.Fail(c, err)
		return
	}
	if link == nil {
		s.notice(c, http.StatusNotFound, i18n.M("This evaluation has no public link"),
			i18n.M("It is answered by invitation only."), i18n.M("Print the invitations of a batch instead."))
		return
	}
	s.Render(c, http.StatusOK, "campaign_poster", st.Campaign.Name, posterPage{Campaign: st.Campaign, Link: link, Minutes: formMinutes(st)})
}
