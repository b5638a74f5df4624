package apptest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// EnvRequireBrowser makes a missing Chromium a failure rather than a skip;
// CI sets it.
const EnvRequireBrowser = "PINGYI_TEST_REQUIRE_BROWSER"

// EnvScreenshots names a directory to keep copies of the screenshots in.
const EnvScreenshots = "PINGYI_TEST_SCREENSHOTS"

// chromiumPath is Debian's Chromium.
const chromiumPath = "/usr/bin/chromium"

// Browser is headless Chromium, driven through chromedp, reading the
// harness's Pingyi served on a real port: what a reader sees, CSS, images
// and links included. The machine needs no network.
type Browser struct {
	t   *testing.T
	Ctx context.Context
	// URL is where the harness's Pingyi answers, http://127.0.0.1:PORT.
	URL string
}

// NewBrowser starts Chromium for a test. Without Chromium the test is
// skipped, unless PINGYI_TEST_REQUIRE_BROWSER is 1.
func (h *Harness) NewBrowser(t *testing.T) *Browser {
	t.Helper()
	path, err := exec.LookPath(chromiumPath)
	if err != nil {
		if os.Getenv(EnvRequireBrowser) == "1" {
			t.Fatalf("%s=1 but Chromium is missing: %v", EnvRequireBrowser, err)
		}
		t.Skipf("Chromium is missing (%v); set %s=1 to make that a failure", err, EnvRequireBrowser)
	}
	srv := httptest.NewServer(h.Handler)
	t.Cleanup(srv.Close)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start Chromium: %v", err)
	}
	return &Browser{t: t, Ctx: ctx, URL: srv.URL}
}

// SignIn gives the browser a staff member's cookies.
func (b *Browser) SignIn(m *Member) {
	b.t.Helper()
	for _, c := range m.Cookies() {
		if _, err := chromedp.Call(b.Ctx, network.SetCookie, network.SetCookieParams{Name: c.Name, Value: c.Value, URL: b.URL, Path: "/"}); err != nil {
			b.t.Fatal(err)
		}
	}
}

// Open navigates to a path of the site and fails the test unless the page
// answers 200.
func (b *Browser) Open(path string) {
	b.t.Helper()
	resp, err := chromedp.Run(b.Ctx, chromedp.NavigateResponse(b.URL+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	if resp.Status != http.StatusOK {
		b.t.Fatalf("open %s: status %d", path, resp.Status)
	}
}

// Viewport sets the window's CSS size, as a phone or a desktop has it.
func (b *Browser) Viewport(width, height int64) {
	b.t.Helper()
	if err := chromedp.Do(b.Ctx, chromedp.EmulateViewport(width, height)); err != nil {
		b.t.Fatal(err)
	}
}

// Media emulates a CSS media type ("print"), or the screen with "".
func (b *Browser) Media(media string) {
	b.t.Helper()
	if _, err := chromedp.Call(b.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		b.t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the page, awaiting a promise,
// and decodes its value into T. Pages run no script of their own; tests
// read them with it.
func Eval[T any](b *Browser, expression string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[T](expression, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expression, err)
	}
	return v
}

// TooWide lists what makes the page wider than px: the elements, outside
// boxes that scroll sideways, whose content runs past px. A page that fits
// a phone lists nothing.
func (b *Browser) TooWide(px int) []string {
	b.t.Helper()
	if Eval[int](b, `document.documentElement.scrollWidth`) <= px {
		return nil
	}
	return Eval[[]string](b, `[...document.querySelectorAll("body *")]
		.filter(e => !e.parentElement.closest(".scroll") && getComputedStyle(e).overflowX === "visible" &&
			e.scrollWidth > e.clientWidth && [...e.children].every(c => c.scrollWidth <= `+strconv.Itoa(px)+`))
		.map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + ": " + e.textContent.trim().slice(0, 60))`)
}

// Fetch reads what a link of the page leads to, as the browser gets it:
// the href of the first element matching selector is fetched from the
// page's origin and its body returned as text.
func (b *Browser) Fetch(selector string) string {
	b.t.Helper()
	return Eval[string](b, `fetch(document.querySelector(`+jsString(selector)+`).href).then(r => {
		if (!r.ok) throw new Error("status " + r.status); return r.text() })`)
}

// Click clicks the first element matching a CSS selector and waits for
// the page it leads to.
func (b *Browser) Click(selector string) {
	b.t.Helper()
	if _, err := chromedp.RunResponse(b.Ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		b.t.Fatalf("click %s: %v", selector, err)
	}
}

// Screenshot saves the whole page as a PNG in the test's temporary
// directory and logs where.
func (b *Browser) Screenshot(name string) string {
	b.t.Helper()
	png, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	path := filepath.Join(b.t.TempDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot of %s: %s", name, path)
	if keep := os.Getenv(EnvScreenshots); keep != "" { // the temporary directory goes with the test
		if err := os.WriteFile(filepath.Join(keep, name+".png"), png, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
	return path
}

func jsString(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}
