package app_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/rectification"
	"pingyi/storage/galeratest"
)

// Two committee members decide the same task at once through two nodes,
// task after task (销号 against 销号, and 销号 against sending it back):
// one decision stands, the other is told the task no longer waits to be
// closed (409, not an internal error), and the task's history holds that
// one decision.
func clusterRectification(t *testing.T, c *galeratest.Cluster) {
	h1, h2 := harnesses(t, c)
	h1.PublishCampaign()
	base := "/api/v1/campaigns/2026-annual/rectification"
	liaison := "/api/v1/liaison/tasks"
	m1 := h1.NewMember(account.Committee, "member-1")
	m2 := h1.NewMember(account.Committee, "member-2").Through(h2)
	const tasks = 8
	for i := range tasks {
		id := apptest.Decode[struct {
			ID int64 `json:"id"`
		}](t, apptest.Expect(t, m1.API("POST", base+"/tasks", map[string]any{"version": 1, "unit": "U001",
			"problem": fmt.Sprintf("窗口排队过长 %d", i), "source": map[string]any{"kind": "clue", "text": "暗访"},
			"measures": "增开窗口", "deadline": map[string]any{"working_days": 10}}), http.StatusCreated)).ID
		lt := fmt.Sprintf("%s/%d", liaison, id)
		apptest.Expect(t, h2.Multipart(account.Liaison, lt+"/evidence", map[string]string{"text": "排班表"},
			map[string][]byte{"排班表.pdf": rectification.DemoPDF("rota")}), http.StatusOK)
		apptest.Expect(t, h2.API(account.Liaison, "POST", lt+"/close", map[string]string{"text": "申请销号"}), http.StatusOK)

		// Even tasks: both accept. Odd tasks: member 2 sends it back.
		ct := fmt.Sprintf("%s/tasks/%d", base, id)
		second, body2 := ct+"/accept", map[string]string{"text": "同意销号"}
		if i%2 == 1 {
			second, body2 = ct+"/return", map[string]string{"text": "佐证材料不足"}
		}
		codes := make([]int, 2)
		var wg sync.WaitGroup
		wg.Go(func() { codes[0] = m1.API("POST", ct+"/accept", map[string]string{"text": "同意"}).Code })
		wg.Go(func() { codes[1] = m2.API("POST", second, body2).Code })
		wg.Wait()
		sorted := slices.Clone(codes)
		slices.Sort(sorted)
		if sorted[0] != http.StatusOK || sorted[1] != http.StatusConflict {
			t.Fatalf("task %d: the two decisions got %v, want one 200 and one 409", i, codes)
		}
		var closes, returns int64
		h1.App.DB.Gorm.Table("rectification_steps").Where("task_id = ? AND kind = 'closed'", id).Count(&closes)
		h1.App.DB.Gorm.Table("rectification_steps").Where("task_id = ? AND kind = 'returned'", id).Count(&returns)
		var status string
		h2.App.DB.Gorm.Table("rectification_tasks").Select("status").Where("id = ?", id).Row().Scan(&status)
		// The winner is the one that got 200: member 2 on an odd task
		// either sent it back or lost to member 1's 销号.
		wantClosed := codes[0] == http.StatusOK || i%2 == 0
		switch {
		case wantClosed && (closes != 1 || returns != 0 || status != "closed"):
			t.Fatalf("task %d (%v): %d closes and %d returns in its history, status %s; want one close", i, codes, closes, returns, status)
		case !wantClosed && (closes != 0 || returns != 1 || status != "in_progress"):
			t.Fatalf("task %d (%v): %d closes and %d returns in its history, status %s; want one return", i, codes, closes, returns, status)
		}
	}
}
