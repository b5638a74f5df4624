package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

// The campaign page shows the open link and its QR code, and leads to a
// printable poster for a service hall.
func TestTheOpenLinkHasAQRAndAPoster(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	page := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual", nil), http.StatusOK).Body.String()
	for _, want := range []string{"http://pingyi.test/s/2026-annual", `<svg class="qr"`, `href="/admin/campaigns/2026-annual/poster"`} {
		if !strings.Contains(page, want) {
			t.Fatalf("campaign page lacks %q: %s", want, page)
		}
	}
	if strings.Contains(page, "PINGYI_PUBLIC_URL") {
		t.Fatalf("a warning with a public URL set: %s", page)
	}
	poster := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual/poster", nil), http.StatusOK).Body.String()
	intro := h.Page(apptest.Stranger, "GET", "/s/2026-annual", nil).Body.String()
	minutes := valueAfter(intro, "<dd>约 ")
	if strings.Count(poster, `<svg class="qr"`) != 1 || !strings.Contains(poster, "http://pingyi.test/s/2026-annual") || minutes == "" ||
		!strings.Contains(poster, "约 "+strings.Split(minutes, " ")[0]+" 分钟") {
		t.Fatalf("poster (intro says %q): %s", minutes, poster)
	}
	if rec := h.Page(account.Committee, "GET", "/admin/campaigns/2026-annual/poster", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("committee opens the poster: %d", rec.Code)
	}
}

// A withdrawn batch prints as void: no QR code, no link, no ticket that
// looks valid and then answers 410.
func TestAWithdrawnBatchPrintsAsVoid(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	const base = "/admin/campaigns/2026-annual/invitations"
	wantRedirect(t, h.Page(account.Admin, "POST", base, url.Values{"group": {"deputies"}, "size": {"3"}}), http.StatusSeeOther, base)
	wantRedirect(t, h.Page(account.Admin, "POST", base+"/1/revoke", url.Values{"confirm": {"1"}}), http.StatusSeeOther, base)
	sheet := h.Page(account.Admin, "GET", base+"/1/print", nil).Body.String()
	if strings.Contains(sheet, `<svg class="qr"`) || strings.Contains(sheet, "/i/") || strings.Count(sheet, "作废") < 3 {
		t.Fatalf("a withdrawn batch's sheet: %s", sheet)
	}
	csv := h.Page(account.Admin, "GET", base+"/1/csv", nil).Body.String()
	if !strings.Contains(csv, "used,revoked") || !strings.Contains(csv, ",false,true") {
		t.Fatalf("csv: %s", csv)
	}
}

// Without a public URL, the codes would lead to this machine: the poster
// and the invitation sheet say so before anything is printed.
func TestPrintsWarnWithoutAPublicURL(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	h.App.Config.PublicURL = "http://localhost:8080"
	srv, err := h.App.Server()
	if err != nil {
		t.Fatal(err)
	}
	h.Handler = srv.Handler()
	const base = "/admin/campaigns/2026-annual/invitations"
	wantRedirect(t, h.Page(account.Admin, "POST", base, url.Values{"group": {"deputies"}, "size": {"1"}}), http.StatusSeeOther, base)
	for _, path := range []string{"/admin/campaigns/2026-annual/poster", base + "/1/print", "/admin/campaigns/2026-annual"} {
		if body := h.Page(account.Admin, "GET", path, nil).Body.String(); !strings.Contains(body, "PINGYI_PUBLIC_URL") || !strings.Contains(body, "http://localhost:8080") {
			t.Errorf("%s has no warning: %s", path, body)
		}
	}
}
