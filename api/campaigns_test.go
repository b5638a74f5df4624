package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

type errorJSON struct {
	Error struct {
		Code     string `json:"code"`
		Message  string `json:"message"`
		Problems []struct {
			Path   string `json:"path"`
			Reason string `json:"reason"`
		} `json:"problems"`
		RequestID string `json:"request_id"`
	} `json:"error"`
}

type campaignJSON struct {
	Status           string `json:"status"`
	StructureVersion int    `json:"structure_version"`
	Weights          struct {
		Indicators map[string]float64 `json:"indicators"`
		Groups     map[string]float64 `json:"groups"`
	} `json:"effective_weights"`
	Definition struct {
		Code  string `json:"code"`
		Units []struct {
			Code, Name string
		} `json:"units"`
	} `json:"definition"`
}

func TestCreateAndReadACampaign(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		rec := h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
		if rec.Code != http.StatusCreated || rec.Header().Get("Location") != "/api/v1/campaigns/2026-annual" {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		got := apptest.Decode[campaignJSON](t, h.API(account.Supervisor, "GET", "/api/v1/campaigns/2026-annual", nil))
		if got.Status != "draft" || len(got.Definition.Units) != 3 || got.Weights.Groups["public"] != 0.6 {
			t.Fatalf("read back: %+v", got)
		}
		if w := got.Weights.Indicators["efficiency"]; w < 0.3333 || w > 0.3334 {
			t.Errorf("efficiency weight %v, want 1/3", w)
		}
		rec = h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
		if rec.Code != http.StatusConflict {
			t.Fatalf("duplicate code: %d", rec.Code)
		}
		list := apptest.Decode[struct {
			Campaigns []struct{ Code, Status string }
		}](t, h.API(account.Operator, "GET", "/api/v1/campaigns", nil))
		if len(list.Campaigns) != 1 || list.Campaigns[0].Code != "2026-annual" {
			t.Fatalf("list: %+v", list)
		}
	})
}

// One request, every problem, nothing written: the malformed
// document has duplicate unit codes, an unknown category, a negative
// weight, an inconsistent AHP matrix and an empty scale.
func TestBadDefinitionsAreRefusedWhole(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		var doc map[string]any
		json.Unmarshal([]byte(apptest.Definition()), &doc)
		units := doc["units"].([]any)
		units[2].(map[string]any)["code"] = "U001"
		units[2].(map[string]any)["category"] = "nowhere"
		doc["groups"].([]any)[2].(map[string]any)["weight"] = -0.15
		for _, ind := range doc["indicators"].([]any)[:3] {
			delete(ind.(map[string]any), "weight")
		}
		doc["ahp"] = [][]float64{{1, 9, 0.2}, {0.1111, 1, 7}, {5, 0.1429, 1}}
		doc["scale"] = []any{}
		rec := h.API(account.Admin, "POST", "/api/v1/campaigns", doc)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		e := apptest.Decode[errorJSON](t, rec)
		reasons := map[string]string{}
		for _, p := range e.Error.Problems {
			reasons[p.Path] = p.Reason
		}
		for path, want := range map[string]string{"units[2].code": "重复", "units[2].category": "未知的类别", "groups[2].weight": "负数",
			"ahp": "CR = ", "scale": "至少需要 2 项"} {
			if !strings.Contains(reasons[path], want) {
				t.Errorf("problem at %s = %q, want it to mention %q; all: %+v", path, reasons[path], want, e.Error.Problems)
			}
		}
		if e.Error.Code != "invalid" || e.Error.RequestID == "" || !strings.Contains(e.Error.Message, "处问题") {
			t.Errorf("error body: %+v", e.Error)
		}
		if got := apptest.Decode[struct{ Campaigns []any }](t, h.API(account.Admin, "GET", "/api/v1/campaigns", nil)); len(got.Campaigns) != 0 {
			t.Fatalf("a refused definition was stored")
		}
	})
}

func TestRequestErrorsHaveTheStableShape(t *testing.T) {
	h := apptest.New(t, "sqlite")
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"not JSON", "POST", "/api/v1/campaigns", `{"code": `, http.StatusBadRequest, "malformed"},
		{"empty body", "POST", "/api/v1/campaigns", ``, http.StatusBadRequest, "malformed"},
		{"unknown field", "POST", "/api/v1/campaigns", `{"cdoe": "x"}`, http.StatusUnprocessableEntity, "invalid"},
		{"unknown campaign", "GET", "/api/v1/campaigns/none", ``, http.StatusNotFound, "not_found"},
		{"unknown route", "GET", "/api/v1/nothing", ``, http.StatusNotFound, "not_found"},
		{"too large", "POST", "/api/v1/campaigns", `{"name":"` + strings.Repeat("x", 3<<20) + `"}`, http.StatusRequestEntityTooLarge, "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := h.API(account.Admin, tt.method, tt.path, tt.body)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if e := apptest.Decode[errorJSON](t, rec); e.Error.Code != tt.code || e.Error.Message == "" {
				t.Fatalf("body %s", rec.Body)
			}
		})
	}
	rec := h.API(account.Admin, "GET", "/api/v1/campaigns/none", nil)
	if e := apptest.Decode[errorJSON](t, rec); !strings.Contains(e.Error.Message, "不存在") {
		t.Errorf("default language is not Chinese: %s", e.Error.Message)
	}
}

func TestPatchingFollowsTheLifecycle(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
		rec := h.API(account.Admin, "PATCH", "/api/v1/campaigns/2026-annual/groups/public", `{"weight": 0.7}`)
		if rec.Code != http.StatusOK {
			t.Fatalf("weight change in draft: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "PATCH", "/api/v1/campaigns/2026-annual/units/U001", `{"code": "U9"}`); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("code change: %d", rec.Code)
		}
		if rec := h.API(account.Admin, "PATCH", "/api/v1/campaigns/2026-annual/units/U001", `{"parent": "U001-1"}`); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("cycle: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", `{"status": "open"}`); rec.Code != http.StatusOK {
			t.Fatalf("open: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "PATCH", "/api/v1/campaigns/2026-annual/groups/public", `{"weight": 0.5}`); rec.Code != http.StatusConflict {
			t.Fatalf("weight change while open: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/units", `{"code":"U3","name":"新单位","category":"service"}`); rec.Code != http.StatusConflict {
			t.Fatalf("unit added while open: %d %s", rec.Code, rec.Body)
		}
		rec = h.API(account.Admin, "PATCH", "/api/v1/campaigns/2026-annual/units/U002", `{"name": "市教育局（改）"}`)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "市教育局（改）") {
			t.Fatalf("rename while open: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", `{"status": "published"}`); rec.Code != http.StatusConflict {
			t.Fatalf("publish by status change: %d", rec.Code)
		}
	})
}

func TestUnitsImportAndDelete(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
		rec := h.Upload(account.Admin, "/api/v1/campaigns/2026-annual/units/import", "units.csv",
			[]byte("code,name,category,parent\nU010,市民政局,service,\nU010-1,婚姻登记处,service,U010\n"))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"added":2`) {
			t.Fatalf("import: %d %s", rec.Code, rec.Body)
		}
		rec = h.Upload(account.Admin, "/api/v1/campaigns/2026-annual/units/import", "units.xls", []byte("x"))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("wrong extension: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "DELETE", "/api/v1/campaigns/2026-annual/units/U010", nil); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("deleting a parent of a station: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "DELETE", "/api/v1/campaigns/2026-annual/units/U010-1", nil); rec.Code != http.StatusNoContent {
			t.Fatalf("delete: %d %s", rec.Code, rec.Body)
		}
		units := apptest.Decode[struct{ Units []struct{ Code string } }](t, h.API(account.Admin, "GET", "/api/v1/campaigns/2026-annual/units", nil))
		if len(units.Units) != 4 {
			t.Fatalf("units after import and delete: %+v", units)
		}
	})
}

// An item is found by its code in each list; a missing one, or a patch
// without a body, is a clear error.
func TestListItems(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
	for _, tt := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/api/v1/campaigns/2026-annual/units/U002", "", http.StatusOK, `"code":"U002"`},
		{"GET", "/api/v1/campaigns/2026-annual/groups/public", "", http.StatusOK, `"code":"public"`},
		{"GET", "/api/v1/campaigns/2026-annual/units/U404", "", http.StatusNotFound, `U404`},
		{"PATCH", "/api/v1/campaigns/2026-annual/units/U404", `{"name": "无"}`, http.StatusNotFound, `U404`},
		{"PATCH", "/api/v1/campaigns/2026-annual/units/U002", "", http.StatusBadRequest, `"malformed"`},
		{"DELETE", "/api/v1/campaigns/2026-annual/units/U404", "", http.StatusNotFound, `U404`},
	} {
		var body any
		if tt.body != "" {
			body = tt.body
		}
		rec := h.API(account.Admin, tt.method, tt.path, body)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%s %s: %d %s", tt.method, tt.path, rec.Code, rec.Body)
		}
	}
}
