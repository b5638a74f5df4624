package web_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/rectification"
	"pingyi/storage"
)

// On a 360 px phone: the liaison reports progress with a photo and asks
// to close; a committee member accepts; the public list shows it closed.
func TestRectificationInABrowser(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	ctx := context.Background()
	h.PublishCampaign()
	member := audit.Actor{Login: apptest.Login(account.Committee), Role: "committee"}
	id, err := h.App.Rectification.OpenTask(ctx, member, rectification.NewTask{Campaign: "2026-annual", Version: 1, Unit: "U001",
		Problem: "出入境窗口周末不开放", Source: rectification.Source{Kind: rectification.FromClue, Text: "监督员反映"},
		Measures: "试行周六上午开放", Deadline: rectification.Deadline{WorkingDays: 20}})
	if err != nil {
		t.Fatal(err)
	}
	task := strconv.FormatInt(id, 10)
	photo := filepath.Join(t.TempDir(), "周末开放.png")
	if err := os.WriteFile(photo, rectification.DemoPNG(4), 0o644); err != nil {
		t.Fatal(err)
	}
	base := h.Serve()

	// The liaison, on a phone.
	tab := apptest.NewBrowser(t).Tab()
	h.SignInTab(tab, base, account.Liaison)
	if status := tab.Open(base + "/liaison/tasks"); status != http.StatusOK {
		t.Fatalf("the liaison's tasks: %d", status)
	}
	if w := tab.TooWide(360); w != nil {
		t.Fatalf("the task list is wider than a phone: %v", w)
	}
	tab.Submit(`li[data-task="` + task + `"] a`)
	tab.Do(chromedp.SendKeys(chromedp.CSS("#report-text"), "已拟定周六值班方案"))
	tab.Submit("#report")
	tab.Do(chromedp.SendKeys(chromedp.CSS("#evidence-text"), "周六开放公告及现场照片"),
		chromedp.SetUploadFiles(chromedp.CSS("#evidence-files"), []string{photo}))
	if status := tab.Submit("#attach"); status != http.StatusOK {
		t.Fatalf("attaching the photo: %d", status)
	}
	tab.Submit("#ask-close")
	if got := tab.Text("main .status"); got != "申请销号" {
		t.Fatalf("after asking to close the task shows %q", got)
	}
	if !strings.Contains(tab.Text(".steps"), "周末开放.png") {
		t.Fatal("the history does not list the photo")
	}
	if w := tab.TooWide(360); w != nil {
		t.Fatalf("the task page is wider than a phone: %v", w)
	}
	tab.Screenshot("liaison-task")

	// A committee member accepts, on a phone too.
	committee := apptest.NewBrowser(t).Tab()
	h.SignInTab(committee, base, account.Committee)
	committee.Open(base + "/review/2026-annual/rectification")
	if w := committee.TooWide(360); w != nil {
		t.Fatalf("the overview is wider than a phone: %v", w)
	}
	committee.Submit(`tr[data-task="` + task + `"] a`)
	got := apptest.Eval[string](committee, `fetch(document.querySelector(".steps a[download]").href).then(async r =>
		r.headers.get("content-type") + " " + (await r.arrayBuffer()).byteLength)`)
	if want := "image/png " + strconv.Itoa(len(rectification.DemoPNG(4))); got != want {
		t.Fatalf("the committee downloads %q, want %q", got, want)
	}
	committee.Submit("#accept")
	if got := committee.Text("main .status"); got != "已销号" {
		t.Fatalf("after accepting the task shows %q", got)
	}

	// The public list shows it closed, with its evidence.
	public := apptest.NewBrowser(t).Tab()
	public.Open(base + "/p/2026-annual")
	public.Submit(`.rectification-link a`)
	if got := public.Text(`tr[data-task="` + task + `"] .task-status`); !strings.HasPrefix(got, "已销号") {
		t.Fatalf("the public list shows the task as %q", got)
	}
	if w := public.TooWide(360); w != nil {
		t.Fatalf("the public list is wider than a phone: %v", w)
	}
	public.Screenshot("public-list")
	public.Open(base + "/p/2026-annual/rectification/print")
	public.Media("print")
	if !strings.Contains(public.Text("main"), "出入境窗口周末不开放") {
		t.Fatal("the printable list lacks the task")
	}
}
