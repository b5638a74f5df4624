package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/storage/galeratest"
)

// Node 2 is backed up with mariadb-backup while kiosks submit through
// nodes 1 and 2; the kiosks stop once the copy is under way. The backup,
// prepared and copied into an empty data folder, starts as the first node
// of a new cluster (as the deployment guide restores one), and a Pingyi
// serve process on it finds every acknowledged form, as many responses as
// the cluster holds, and answers with the same accounts.
func clusterBackupRestore(t *testing.T, c *galeratest.Cluster) {
	if !galeratest.HasBackupTool() {
		t.Skip("mariadb-backup is not installed (apt-get install mariadb-backup)")
	}
	dsns := c.DSNs(t)
	h1 := apptest.NewOn(t, dsns[0])
	quietLog(t, h1)
	h2 := h1.Through(t, dsns[1])
	h1.OpenCampaigns()
	code := "2026-annual"
	var (
		mu    sync.Mutex
		acked []string
		stop  atomic.Bool
		wg    sync.WaitGroup
	)
	for k := range 8 {
		h := []*apptest.Harness{h1, h2}[k%2]
		wg.Go(func() {
			for n := 0; !stop.Load(); n++ {
				rec := submitThrough(h, code, fmt.Sprintf("backup-%d-%d", k, n), fmt.Sprintf("10.7.%d.%d:1", k, n%250))
				if rec.Code != http.StatusCreated {
					t.Errorf("kiosk %d during the backup: %d %.200s", k, rec.Code, rec.Body)
					return
				}
				var r struct {
					Ref string `json:"ref"`
				}
				json.Unmarshal(rec.Body.Bytes(), &r)
				mu.Lock()
				acked = append(acked, r.Ref)
				mu.Unlock()
			}
		})
	}
	for len(ackedSoFar(&mu, &acked)) < 50 { // the load is on before the backup starts
		if t.Failed() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	underWay := 0
	dir := filepath.Join(t.TempDir(), "backup")
	took, prepared := c.Nodes[1].Backup(t, dir, func() {
		underWay = len(ackedSoFar(&mu, &acked))
		stop.Store(true)
		wg.Wait()
		responseCount(t, h2, code) // node 2 has applied every acknowledged form
	})
	stop.Store(true)
	wg.Wait()
	want := responseCount(t, h1, code)
	restored := c.Restore(t, dir)
	name := dsns[1][strings.LastIndex(dsns[1], "/")+1:]
	if i := strings.IndexByte(name, '?'); i >= 0 {
		name = name[:i]
	}
	h3 := h1.Through(t, restored.DSN(name))
	got := responseCount(t, h3, code)
	missing := 0
	for _, ref := range acked {
		var n int64
		h3.App.DB.Gorm.Table("responses").Where("ref = ?", ref).Count(&n)
		if n != 1 {
			missing++
		}
	}
	t.Logf("backup of node 2 in %s (%d forms acknowledged when the copy began, %d in all), prepared in %s; restored: %d responses, the cluster %d, %d acknowledged forms missing",
		took.Round(10*time.Millisecond), underWay, len(acked), prepared.Round(10*time.Millisecond), got, want, missing)
	if got != want || missing != 0 {
		t.Fatalf("the restored node holds %d responses, the cluster %d; %d of %d acknowledged forms missing", got, want, missing, len(acked))
	}
	apptest.Expect(t, h3.API(account.Supervisor, "GET", "/api/v1/campaigns/"+code+"/responses/export", nil), http.StatusOK)
	apptest.Expect(t, submitThrough(h3, code, "after-restore", "10.8.0.1:1"), http.StatusCreated)
}

func ackedSoFar(mu *sync.Mutex, acked *[]string) []string {
	mu.Lock()
	defer mu.Unlock()
	return *acked
}
