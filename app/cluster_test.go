package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/migrations"
	"pingyi/review"
	"pingyi/storage"
	"pingyi/storage/galeratest"
)

// TestOnAGaleraCluster runs Pingyi's multi-process races with each process
// on its own node of a three-node Galera cluster (PINGYI_TEST_GALERA=1),
// where a row lock taken on one node does not hold on another and a
// transaction that loses to a write through another node fails its
// certification at commit.
func TestOnAGaleraCluster(t *testing.T) {
	start := time.Now()
	c := galeratest.Start(t)
	t.Logf("3-node cluster up in %s", time.Since(start).Round(time.Millisecond))
	t.Run("migrations through three nodes at once", func(t *testing.T) { withConflicts(t, func() { clusterMigrations(t, c) }) })
	t.Run("one idempotency key through two nodes", func(t *testing.T) { withConflicts(t, func() { clusterIdempotency(t, c) }) })
	t.Run("phone queue through two nodes", func(t *testing.T) { withConflicts(t, func() { clusterPhoneQueue(t, c) }) })
	t.Run("appeals steps racing through two nodes", func(t *testing.T) { withConflicts(t, func() { clusterAppealSteps(t, c) }) })
	t.Run("approvals reaching quorum from two nodes", func(t *testing.T) { withConflicts(t, func() { clusterApprovals(t, c) }) })
	t.Run("rectification decisions racing through two nodes", func(t *testing.T) { withConflicts(t, func() { clusterRectification(t, c) }) })
	t.Run("a close through another node under a submission", func(t *testing.T) { withConflicts(t, func() { clusterCloseUnderSubmission(t, c) }) })
	t.Run("submissions through two nodes at the close", func(t *testing.T) { withConflicts(t, func() { clusterSubmissionsAtClose(t, c) }) })
	t.Run("a node's backup restored under load", func(t *testing.T) { withConflicts(t, func() { clusterBackupRestore(t, c) }) })
}

// withConflicts runs fn and logs how many conflicts were retried meanwhile.
func withConflicts(t *testing.T, fn func()) {
	before, start := storage.RetriedConflicts(), time.Now()
	fn()
	t.Logf("%d conflicts retried in %s", storage.RetriedConflicts()-before, time.Since(start).Round(time.Millisecond))
}

// harnesses is Pingyi on node 1 (migrated, with the test accounts) and a
// second serve process on node 2.
func harnesses(t *testing.T, c *galeratest.Cluster) (*apptest.Harness, *apptest.Harness) {
	dsns := c.DSNs(t)
	h1 := apptest.NewOn(t, dsns[0])
	quietLog(t, h1)
	return h1, h1.Through(t, dsns[1])
}

// quietLog fails t if an error or a conflict's SQL reached the log of h1
// (and of the serve processes made Through it, which share h1.Logs).
func quietLog(t *testing.T, h1 *apptest.Harness) {
	t.Cleanup(func() {
		for _, line := range strings.Split(h1.Logs.String(), "\n") {
			if strings.Contains(line, "level=ERROR") || strings.Contains(line, "Deadlock") || strings.Contains(line, "WSREP") {
				t.Errorf("a conflict reached the log: %.300s", line)
			}
		}
	})
}

// Kiosks retrying one submission through two nodes at once store one
// response, and every retry gets its receipt.
func clusterIdempotency(t *testing.T, c *galeratest.Cluster) {
	h1, h2 := harnesses(t, c)
	h1.OpenCampaigns()
	for round := range 5 {
		key := fmt.Sprintf("kiosk-9:%d", round)
		var wg sync.WaitGroup
		codes := make([]int, 12)
		refs := make([]string, 12)
		for i := range codes {
			h := []*apptest.Harness{h1, h2}[i%2]
			wg.Go(func() {
				body := fmt.Sprintf(`{"answers": [{"unit": "U001", "indicator": "efficiency", "option": "A"}], "idempotency_key": %q}`, key)
				req := httptest.NewRequest("POST", "/api/v1/campaigns/2026-annual/responses", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := h.Do(req)
				codes[i] = rec.Code
				var r struct {
					Ref string `json:"ref"`
				}
				json.Unmarshal(rec.Body.Bytes(), &r)
				refs[i] = r.Ref
			})
		}
		wg.Wait()
		created := 0
		for i, code := range codes {
			switch {
			case code == http.StatusCreated:
				created++
			case code != http.StatusOK:
				t.Fatalf("round %d, retry %d: status %d", round, i, code)
			}
			if refs[i] == "" || refs[i] != refs[0] {
				t.Fatalf("round %d: receipts %q and %q differ", round, refs[0], refs[i])
			}
		}
		if created != 1 {
			t.Fatalf("round %d: %d retries were told they created the response", round, created)
		}
	}
	var n int64
	h2.App.DB.Gorm.Table("responses").Count(&n)
	if n != 5 {
		t.Fatalf("%d responses stored for 5 keys", n)
	}
}

// phoneQueueReady draws and releases the test campaign's phone sample
// (through both nodes) and creates n operators.
func phoneQueueReady(t *testing.T, h1, h2 *apptest.Harness, n int) (string, []*apptest.Member) {
	h1.PhoneCampaign()
	base := "/api/v1/campaigns/2026-annual/phone"
	apptest.Expect(t, h1.API(account.Admin, "POST", base+"/draw", `{"method": "equal", "completes": 30, "minimum": 1, "response_rate": 1, "replicates": 1}`), http.StatusOK)
	apptest.Expect(t, h1.Page(account.Supervisor, "POST", "/admin/campaigns/2026-annual/phone/witness", url.Values{"witness": {"2026112103"}, "witness_event_at": {time.Now().Format(time.RFC3339Nano)}}), http.StatusSeeOther)
	apptest.Expect(t, h2.API(account.Admin, "POST", base+"/draw/execute", nil), http.StatusOK)
	apptest.Expect(t, h1.API(account.Admin, "POST", base+"/draw/release", `{"units": []}`), http.StatusOK)
	ops := make([]*apptest.Member, n)
	for i := range ops {
		ops[i] = h1.NewMember(account.Operator, fmt.Sprintf("op-%d", i))
	}
	return base, ops
}

// Eight operators, four on each node, ask for cases at once, round after
// round: never one case to two of them; they record through the other node.
func clusterPhoneQueue(t *testing.T, c *galeratest.Cluster) {
	h1, h2 := harnesses(t, c)
	base, ops := phoneQueueReady(t, h1, h2, 8)
	nodes := []*apptest.Harness{h1, h2}
	for round := range 4 {
		got := make([]int64, len(ops))
		codes := make([]int, len(ops))
		var wg sync.WaitGroup
		for i, op := range ops {
			wg.Go(func() {
				rec := op.Through(nodes[i%2]).API("POST", base+"/next", nil)
				codes[i] = rec.Code
				var held struct {
					ID int64 `json:"id"`
				}
				json.Unmarshal(rec.Body.Bytes(), &held)
				got[i] = held.ID
			})
		}
		wg.Wait()
		seen := map[int64]int{}
		for i, id := range got {
			if codes[i] != http.StatusOK || id == 0 {
				t.Fatalf("round %d: operator %d got %d, case %d", round, i, codes[i], id)
			}
			if j, dup := seen[id]; dup {
				t.Fatalf("round %d: operators %d and %d both hold case %d", round, j, i, id)
			}
			seen[id] = i
		}
		for i, op := range ops {
			wg.Go(func() {
				rec := op.Through(nodes[(i+1)%2]).API("POST", fmt.Sprintf("%s/cases/%d/outcome", base, got[i]), map[string]string{"disposition": "3.13"})
				if rec.Code != http.StatusOK {
					t.Errorf("round %d: operator %d recording through the other node: %d %s", round, i, rec.Code, rec.Body)
				}
			})
		}
		wg.Wait()
	}
	var attempts int64
	h1.App.DB.Gorm.Table("phone_attempts").Count(&attempts)
	if attempts != 4*8 {
		t.Fatalf("%d attempts recorded, want 32", attempts)
	}
}

// Two dispatchers assign the same case at once through two nodes, case
// after case: one assignment stands, the other is told the case is
// already with a unit (409, not an internal error), and the ledger holds
// one assignment each.
func clusterAppealSteps(t *testing.T, c *galeratest.Cluster) {
	h1, h2 := harnesses(t, c)
	h1.OpenCampaigns()
	d1 := h1.NewMember(account.Dispatcher, "disp-1")
	d2 := h1.NewMember(account.Dispatcher, "disp-2").Through(h2)
	for i := range 10 {
		rec := apptest.Expect(t, d1.API("POST", "/api/v1/appeals/cases", map[string]any{
			"channel": "hotline", "type": "投诉", "content": fmt.Sprintf("噪音扰民 %d", i), "complexity": "simple"}), http.StatusCreated)
		var got struct {
			ID int64 `json:"id"`
		}
		json.Unmarshal(rec.Body.Bytes(), &got)
		path := fmt.Sprintf("/api/v1/appeals/cases/%d/assign", got.ID)
		codes := make([]int, 2)
		var wg sync.WaitGroup
		for j, d := range []*apptest.Member{d1, d2} {
			wg.Go(func() { codes[j] = d.API("POST", path, map[string]string{"unit": []string{"U001", "U002"}[j]}).Code })
		}
		wg.Wait()
		slices.Sort(codes)
		if codes[0] != http.StatusOK || codes[1] != http.StatusConflict {
			t.Fatalf("case %d: the two assignments got %v, want one 200 and one 409", i, codes)
		}
		var n int64
		h2.App.DB.Gorm.Table("appeal_events").Where("case_id = ? AND stage = 'assign'", got.ID).Count(&n)
		if n != 1 {
			t.Fatalf("case %d: %d assignments in its history", i, n)
		}
	}
}

func openAll(t *testing.T, dsns []string) []*storage.DB {
	t.Helper()
	dbs := make([]*storage.DB, len(dsns))
	for i, dsn := range dsns {
		db, err := storage.Open(context.Background(), dsn, storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	return dbs
}

// Three processes, one per node, migrate one empty database at once: each
// migration is applied exactly once and none of them fails.
func clusterMigrations(t *testing.T, c *galeratest.Cluster) {
	all, _ := migrations.All()
	for round := range 3 {
		dbs := openAll(t, c.DSNs(t))
		var wg sync.WaitGroup
		applied := make([]int, len(dbs))
		errs := make([]error, len(dbs))
		for i, db := range dbs {
			wg.Go(func() {
				m, err := migrations.Up(context.Background(), db)
				applied[i], errs[i] = len(m), err
			})
		}
		wg.Wait()
		total := 0
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, node %d: %v", round, i+1, err)
			}
			total += applied[i]
		}
		if total != len(all) {
			t.Fatalf("round %d: the three nodes applied %d migrations in all, want %d (%v)", round, total, len(all), applied)
		}
	}
}

// Committee members approve one score run at once, half through each
// node: every approval is recorded once and the quorum is reached; then
// two members publish at once through the two nodes, and one publication
// is made; the other is refused.
func clusterApprovals(t *testing.T, c *galeratest.Cluster) {
	h1, h2 := harnesses(t, c)
	h1.ReviewCampaign(60)
	base := "/api/v1/campaigns/2026-annual"
	run := apptest.Decode[struct {
		Run int64 `json:"run"`
	}](t, apptest.Expect(t, h2.API(account.Admin, "POST", base+"/score-runs", nil), http.StatusCreated)).Run
	approvals := fmt.Sprintf("%s/score-runs/%d/approvals", base, run)
	nodes := []*apptest.Harness{h1, h2}
	members := make([]*apptest.Member, 6)
	for i := range members {
		members[i] = h1.NewMember(account.Committee, fmt.Sprintf("member-%d", i)).Through(nodes[i%2])
	}
	codes := make([]int, len(members))
	var wg sync.WaitGroup
	for i, m := range members {
		wg.Go(func() { codes[i] = m.API("POST", approvals, nil).Code })
	}
	wg.Wait()
	for i, code := range codes {
		if code != http.StatusCreated {
			t.Fatalf("member %d approving: %d", i, code)
		}
	}
	status := apptest.Decode[review.RunStatus](t, apptest.Expect(t, h1.API(account.Supervisor, "GET", approvals, nil), http.StatusOK))
	if status.Tally.Approvals != len(members) || status.Tally.Approvals < status.Tally.Required {
		t.Fatalf("after %d approvals at once: %+v", len(members), status.Tally)
	}
	for i := range 2 {
		wg.Go(func() { codes[i] = members[i].API("POST", base+"/publications", map[string]any{"run": run}).Code })
	}
	wg.Wait()
	got := []int{codes[0], codes[1]}
	slices.Sort(got)
	// The loser finds version 1 published: a second version is a
	// correction, which needs a note (422), or it met the first (409).
	if got[0] != http.StatusCreated || (got[1] != http.StatusConflict && got[1] != http.StatusUnprocessableEntity) {
		t.Fatalf("two publications at once through two nodes: %v, want one 201 and one refusal", got)
	}
	var n int64
	h2.App.DB.Gorm.Table("publications").Count(&n)
	if n != 1 {
		t.Fatalf("%d publications", n)
	}
}
