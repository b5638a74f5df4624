package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage/galeratest"
	"pingyi/survey"
)

// A submission through node 1 that read the campaign open, and the
// campaign's close through node 2 committed while that submission is still
// in flight: a shared row lock does not reach node 2, so only Galera's
// certification can stop the submission. Its commit must fail, and its
// retry must find the campaign closed: the form is refused (a conflict,
// which the API answers 409) and nothing is stored after the close.
func clusterCloseUnderSubmission(t *testing.T, c *galeratest.Cluster) {
	h1, h2 := harnesses(t, c)
	h1.OpenCampaigns()
	ctx := context.Background()
	code := "2026-annual"
	for round := range 5 {
		before := responseCount(t, h2, code)
		closed := make(chan error, 1)
		var once sync.Once
		runs := 0
		_, err := h1.App.Responses.Submit(ctx, code, responses.Submission{Group: "public", Channel: responses.Web,
			Answers: []responses.Answer{{Unit: "U001", Indicator: "efficiency", Option: "A"}},
			// Runs after the response is inserted, before the commit: the
			// close goes through node 2 in between, and is acknowledged.
			InTx: func(tx *gorm.DB, id int64) error {
				runs++
				once.Do(func() {
					_, err := h2.App.Survey.SetStatus(ctx, code, survey.Closed, audit.Actor{Login: "closer"})
					closed <- err
				})
				return nil
			}})
		if cerr := <-closed; cerr != nil {
			t.Fatalf("round %d: closing through node 2 while a submission is in flight on node 1: %v", round, cerr)
		}
		if !fault.Is(err, fault.Conflict) {
			t.Fatalf("round %d: a submission whose campaign closed through another node before it committed: %v (ran %d times), want a conflict", round, err, runs)
		}
		if after := responseCount(t, h1, code); after != before {
			t.Fatalf("round %d: %d responses before the close, %d after it: the submission was stored", round, before, after)
		}
		t.Logf("round %d: the submission ran %d times and was refused: %v", round, runs, err)
		apptest.Expect(t, h1.API(account.Admin, "POST", "/api/v1/campaigns/"+code+"/status", map[string]string{"status": "open"}), http.StatusOK)
		submitThrough(h1, code, fmt.Sprintf("between-%d", round), "10.9.9.9:1")
	}
}

// Kiosks submit without pause through nodes 1 and 3 while the campaign is
// closed through node 2, round after round. Every form is either stored
// and acknowledged (201) or refused because the campaign is not open (409):
// never an internal error; every acknowledged form is stored; and what a
// reader on any node finds once the campaign shows closed is final: no
// response is stored after the close.
func clusterSubmissionsAtClose(t *testing.T, c *galeratest.Cluster) {
	dsns := c.DSNs(t)
	h1 := apptest.NewOn(t, dsns[0])
	quietLog(t, h1)
	h2, h3 := h1.Through(t, dsns[1]), h1.Through(t, dsns[2])
	h1.OpenCampaigns()
	code := "2026-annual"
	var campaignID int64
	h1.App.DB.Gorm.Table("campaigns").Select("id").Where("code = ?", code).Row().Scan(&campaignID)
	for round := range 3 {
		var (
			mu      sync.Mutex
			acked   []string
			bad     []string
			refused atomic.Int64
			stop    atomic.Bool
			wg      sync.WaitGroup
		)
		for k := range 12 {
			h := []*apptest.Harness{h1, h3}[k%2]
			wg.Go(func() {
				for n := 0; !stop.Load(); n++ {
					rec := submitThrough(h, code, fmt.Sprintf("r%d-k%d-%d", round, k, n), fmt.Sprintf("10.%d.%d.%d:1", round, k, n%250))
					mu.Lock()
					switch {
					case rec.Code == http.StatusCreated:
						var r struct {
							Ref string `json:"ref"`
						}
						json.Unmarshal(rec.Body.Bytes(), &r)
						acked = append(acked, r.Ref)
					case rec.Code == http.StatusConflict && strings.Contains(rec.Body.String(), "未开放答卷"):
						refused.Add(1)
					default:
						bad = append(bad, fmt.Sprintf("%d %.200s", rec.Code, rec.Body))
					}
					mu.Unlock()
				}
			})
		}
		// Readers on all three nodes watch the campaign: the count of
		// responses each sees in the same snapshot as a closed status.
		seenClosed := make([][]int64, 3)
		var readers sync.WaitGroup
		for i, h := range []*apptest.Harness{h1, h2, h3} {
			readers.Go(func() {
				for !stop.Load() {
					var status string
					var n int64
					err := h.App.DB.Gorm.Raw("SELECT c.status, (SELECT COUNT(*) FROM responses r WHERE r.campaign_id = c.id) FROM campaigns c WHERE c.id = ?", campaignID).Row().Scan(&status, &n)
					if err == nil && status == string(survey.Closed) {
						seenClosed[i] = append(seenClosed[i], n)
					}
				}
			})
		}
		time.Sleep(700 * time.Millisecond)
		apptest.Expect(t, h2.API(account.Admin, "POST", "/api/v1/campaigns/"+code+"/status", map[string]string{"status": "closed"}), http.StatusOK)
		atClose := responseCount(t, h2, code)
		time.Sleep(500 * time.Millisecond)
		stop.Store(true)
		wg.Wait()
		readers.Wait()
		final := responseCount(t, h1, code)
		if len(bad) > 0 {
			t.Fatalf("round %d: %d submissions neither stored nor refused as closed, first: %s", round, len(bad), bad[0])
		}
		present := int64(0)
		for _, ref := range acked {
			var n int64
			h2.App.DB.Gorm.Table("responses").Where("ref = ?", ref).Count(&n)
			present += n
		}
		if present != int64(len(acked)) {
			t.Fatalf("round %d: %d forms acknowledged, %d of them stored", round, len(acked), present)
		}
		if atClose != final {
			t.Fatalf("round %d: %d responses when the close was acknowledged, %d in the end: %d stored after the close", round, atClose, final, final-atClose)
		}
		for i, counts := range seenClosed {
			for _, n := range counts {
				if n != final {
					t.Fatalf("round %d: a reader on node %d saw the campaign closed with %d responses; %d in the end", round, i+1, n, final)
				}
			}
		}
		if refused.Load() == 0 {
			t.Fatalf("round %d: no submission met the closed campaign: the race was not run", round)
		}
		t.Logf("round %d: %d acknowledged, %d refused after the close, %d stored; closed seen %d/%d/%d times by the readers", round,
			len(acked), refused.Load(), final, len(seenClosed[0]), len(seenClosed[1]), len(seenClosed[2]))
		apptest.Expect(t, h1.API(account.Admin, "POST", "/api/v1/campaigns/"+code+"/status", map[string]string{"status": "open"}), http.StatusOK)
	}
}

// submitThrough sends one form to a serve process, as a kiosk with its
// own address (under the hourly cap) and an idempotency key.
func submitThrough(h *apptest.Harness, code, key, addr string) *httptest.ResponseRecorder {
	body := fmt.Sprintf(`{"answers": [{"unit": "U001", "indicator": "efficiency", "option": "A"}], "idempotency_key": %q}`, key)
	req := httptest.NewRequest("POST", "/api/v1/campaigns/"+code+"/responses", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr
	return h.Do(req)
}

func responseCount(t *testing.T, h *apptest.Harness, code string) int64 {
	t.Helper()
	var n int64
	err := h.App.DB.Gorm.Table("responses").Joins("JOIN campaigns ON campaigns.id = responses.campaign_id").
		Where("campaigns.code = ?", code).Count(&n).Error
	if err != nil {
		t.Fatal(err)
	}
	return n
}
