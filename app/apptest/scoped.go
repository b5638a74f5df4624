package apptest

import (
	"net/http"
	"strings"

	"pingyi/account"
)

// ScopedDefinition is the test campaign with each group scoped (SPEC: a
// group's "units"): the public screens, deputies rate the departments
// (level 1), officials only U002.
func ScopedDefinition() string {
	def := Definition()
	for _, r := range [][2]string{
		{`"weight": 0.6}`, `"weight": 0.6, "units": "screen"}`},
		{`"weight": 0.25}`, `"weight": 0.25, "units": {"levels": [1]}}`},
		{`"weight": 0.15}`, `"weight": 0.15, "units": {"list": ["U002"]}}`},
	} {
		def = strings.Replace(def, r[0], r[1], 1)
	}
	return def
}

// ScopedCampaign creates ScopedDefinition as "2026-annual" and opens it.
func (h *Harness) ScopedCampaign() {
	h.T.Helper()
	if rec := h.API(account.Admin, "POST", "/api/v1/campaigns", ScopedDefinition()); rec.Code != http.StatusCreated {
		h.T.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	if rec := h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", map[string]string{"status": "open"}); rec.Code != http.StatusOK {
		h.T.Fatalf("open: %d %s", rec.Code, rec.Body)
	}
}
