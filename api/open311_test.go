package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"pingyi/app/apptest"
	"pingyi/appeals"
	"pingyi/audit"
)

// The Open311 GeoReport v2 read API: the kinds as services, the public
// cases with the standard's fields and filters, one case by its number,
// errors as the standard writes them; never a content or a contact.
func TestOpen311ReadsThePublicCases(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		ctx := context.Background()
		a := h.App.Appeals
		disp := audit.Actor{Login: "paidan-test", Role: "dispatcher"}
		file := func(kind, key string, public bool) appeals.Received {
			r, err := a.ReceiveOnline(ctx, appeals.Online{Kind: kind, Content: "秘密内容" + key, Contact: "13812341234",
				Consent: true, Key: key, AddrHash: "x"})
			if err != nil {
				t.Fatal(err)
			}
			if public {
				if err := a.SetPublic(ctx, r.ID, true, disp); err != nil {
					t.Fatal(err)
				}
			}
			return r
		}
		help := file("求助", "open311-key-0000000001", true)
		if err := a.Assign(ctx, help.ID, "U002", disp); err != nil {
			t.Fatal(err)
		}
		complaint := file("投诉", "open311-key-0000000002", true)
		hidden := file("投诉", "open311-key-0000000003", false)

		rec := h.API(apptest.Stranger, "GET", "/open311/v2/services.json", nil)
		services := apptest.Decode[[]map[string]any](t, rec)
		if rec.Code != http.StatusOK || len(services) != 5 || services[0]["service_code"] != "consult" || services[0]["type"] != "realtime" ||
			services[0]["metadata"] != false {
			t.Fatalf("services: %d %s", rec.Code, rec.Body)
		}

		rec = h.API(apptest.Stranger, "GET", "/open311/v2/requests.json", nil)
		body := rec.Body.String()
		list := apptest.Decode[[]map[string]any](t, rec)
		if rec.Code != http.StatusOK || len(list) != 2 || strings.Contains(body, hidden.Number) || strings.Contains(body, "秘密内容") ||
			strings.Contains(body, "1381234") || strings.Contains(body, `"description"`) {
			t.Fatalf("requests: %d %s", rec.Code, body)
		}
		for _, field := range []string{"service_request_id", "status", "service_code", "service_name", "agency_responsible", "requested_datetime", "updated_datetime"} {
			if _, ok := list[0][field]; !ok {
				t.Errorf("a request lacks %s: %v", field, list[0])
			}
		}
		// Filters: service_code, status.
		rec = h.API(apptest.Stranger, "GET", "/open311/v2/requests.json?service_code=help&status=open", nil)
		list = apptest.Decode[[]map[string]any](t, rec)
		if len(list) != 1 || list[0]["service_request_id"] != help.Number || list[0]["agency_responsible"] != "市教育局" ||
			list[0]["expected_datetime"] == nil || !strings.HasSuffix(list[0]["requested_datetime"].(string), "+08:00") {
			t.Fatalf("help, open: %s", rec.Body)
		}
		rec = h.API(apptest.Stranger, "GET", "/open311/v2/requests.json?service_code=help,complaint", nil)
		if list = apptest.Decode[[]map[string]any](t, rec); len(list) != 2 {
			t.Fatalf("two codes: %s", rec.Body)
		}
		if list = apptest.Decode[[]map[string]any](t, h.API(apptest.Stranger, "GET", "/open311/v2/requests.json?status=closed", nil)); len(list) != 0 {
			t.Fatalf("closed: %v", list)
		}
		if list = apptest.Decode[[]map[string]any](t, h.API(apptest.Stranger, "GET", "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z", nil)); len(list) != 0 {
			t.Fatalf("an old period: %v", list)
		}
		// One request, by its number.
		rec = h.API(apptest.Stranger, "GET", "/open311/v2/requests/"+complaint.Number+".json", nil)
		if one := apptest.Decode[[]map[string]any](t, rec); rec.Code != http.StatusOK || len(one) != 1 || one[0]["service_request_id"] != complaint.Number {
			t.Fatalf("one request: %d %s", rec.Code, rec.Body)
		}
		// Errors in the standard's format.
		for _, c := range []struct {
			path   string
			status int
		}{
			{"/open311/v2/requests/" + hidden.Number + ".json", http.StatusNotFound},
			{"/open311/v2/requests/" + complaint.Number + ".xml", http.StatusNotFound},
			{"/open311/v2/requests.json?start_date=yesterday", http.StatusBadRequest},
			{"/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", http.StatusBadRequest},
			{"/open311/v2/requests.json?status=pending", http.StatusBadRequest},
		} {
			rec := h.API(apptest.Stranger, "GET", c.path, nil)
			var errs []struct {
				Code        int    `json:"code"`
				Description string `json:"description"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &errs); err != nil || rec.Code != c.status || len(errs) == 0 || errs[0].Code != c.status || errs[0].Description == "" {
				t.Errorf("%s: %d %s", c.path, rec.Code, rec.Body)
			}
		}
	})
}
