package apptest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/responses"
	"pingyi/review"
	"pingyi/survey"
)

// PublishStations creates "2026-annual" with 市公安局 (U001) over three
// stations, U001-1 to U001-3, beside 市教育局 (U002), min_sample 2 and 50
// bootstrap replicates, and publishes it as version 1. Public forms, every
// main indicator answered alike: U001 4 × 满意 (100); U001-1 3 × 不满意
// (0); U001-2 2 × 比较满意 (80); U001-3 one 满意 (no index); U002 2 ×
// 基本满意 (60). By hand: U001 ranks 1st of the departments, U001-2 1st
// and U001-1 2nd of the stations; U001's stations are 3, 2 with an index,
// mean (0·3 + 80·2)/5 = 32, lowest 0.
func (h *Harness) PublishStations() *review.Content {
	t := h.T
	t.Helper()
	var def map[string]any
	if err := json.Unmarshal([]byte(Definition()), &def); err != nil {
		t.Fatal(err)
	}
	station := func(code, name string) map[string]any {
		return map[string]any{"code": code, "name": name, "category": "enforcement", "parent": "U001"}
	}
	def["units"] = []map[string]any{
		{"code": "U001", "name": "市公安局", "category": "enforcement"},
		station("U001-1", "市公安局出入境管理支队"), station("U001-2", "城东派出所"), station("U001-3", "城西派出所"),
		{"code": "U002", "name": "市教育局", "category": "service"},
	}
	def["scoring"] = map[string]any{"min_sample": 2, "bootstrap": 50, "seed": 20261121, "tie_decimals": 2}
	if rec := h.API(account.Admin, "POST", "/api/v1/campaigns", def); rec.Code != 201 {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	ctx := context.Background()
	code := "2026-annual"
	if _, err := h.App.Survey.SetStatus(ctx, code, survey.Open, audit.Actor{Login: "test"}); err != nil {
		t.Fatal(err)
	}
	st, err := h.App.Survey.Structure(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	const optA, optB, optC, optD = 0, 1, 2, 3
	var rs []responses.NewResponse
	add := func(unit, option, times int) {
		for range times {
			r := responses.NewResponse{Ref: fmt.Sprintf("S%02d", len(rs)), Group: 0, Weight: 1, Channel: responses.Paper, SubmittedAt: time.Now()}
			for ind := range 3 {
				r.Ratings = append(r.Ratings, responses.Rating{Unit: unit, Indicator: ind, Option: option})
			}
			rs = append(rs, r)
		}
	}
	add(0, optA, 4)
	add(1, optD, 3)
	add(2, optB, 2)
	add(3, optA, 1)
	add(4, optC, 2)
	return h.publishCollected(code, st, rs)
}
