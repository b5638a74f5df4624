package apptest

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"pingyi/account"
	"pingyi/app"
)

// EnvRequireBrowser makes browser tests fail, rather than skip, where no
// Chromium is installed. CI sets it.
const EnvRequireBrowser = "PINGYI_TEST_REQUIRE_BROWSER"

// Serve runs the harness's Pingyi with app.Serve on a loopback port, as
// `pingyi serve` would, until the test ends, and returns its base URL.
// Links Pingyi makes (invitations) point there.
func (h *Harness) Serve() string {
	h.T.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.T.Fatal(err)
	}
	h.App.Config.PublicURL = "" // Serve fills in the listener's address
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.App.Serve(ctx, ln) }()
	h.T.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			h.T.Errorf("serve: %v", err)
		}
	})
	return app.LocalURL(ln)
}

// SignInTab gives a tab the session of the harness's staff member with
// role, at the base URL from Serve, as if they had signed in there.
func (h *Harness) SignInTab(tab *Tab, base string, role account.Role) {
	tab.T.Helper()
	tab.SetCookies(base, &http.Cookie{Name: "pingyi_session", Value: h.sessions[role]})
}

// SignInTab gives a tab the member's cookies at the base URL from Serve.
func (m *Member) SignInTab(tab *Tab, base string) {
	tab.T.Helper()
	tab.SetCookies(base, m.Cookies()...)
}

// SetCookies puts cookies into the tab's browser for the base URL.
func (p *Tab) SetCookies(base string, cookies ...*http.Cookie) {
	p.T.Helper()
	httpOnly := true
	for _, c := range cookies {
		p.Do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, network.SetCookie, network.SetCookieParams{Name: c.Name, Value: c.Value,
				URL: base, Path: "/", HTTPOnly: &httpOnly})
			return err
		}))
	}
}

// Browser is a headless Chromium with a fresh profile: Debian's package,
// driven over the DevTools protocol. Its tabs share cookies, like the tabs
// of one person's browser.
type Browser struct {
	t   testing.TB
	ctx context.Context
}

// Phone is the viewport tabs get: a small Android phone.
var Phone = struct{ Width, Height int64 }{360, 740}

// chromium finds the browser: PINGYI_TEST_CHROMIUM, then the PATH, then
// Debian's path.
func chromium() string {
	if p := os.Getenv("PINGYI_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

// NewBrowser starts Chromium for the test and stops it when the test ends.
// Without Chromium the test is skipped, unless PINGYI_TEST_REQUIRE_BROWSER=1
// says that it must run. The machine needs no internet: everything that
// would call home is switched off.
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	path := chromium()
	if path == "" {
		if os.Getenv(EnvRequireBrowser) == "1" {
			t.Fatalf("no Chromium found and %s=1", EnvRequireBrowser)
		}
		t.Skip("no Chromium installed (install Debian's chromium, or set PINGYI_TEST_CHROMIUM)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(int(Phone.Width), int(Phone.Height)),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser, bound to ctx
		cancel()
		cancelAlloc()
		t.Fatalf("start %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return &Browser{t: t, ctx: ctx}
}

// Tab is one browser tab with a phone-sized viewport.
type Tab struct {
	T      testing.TB
	Ctx    context.Context
	cancel context.CancelFunc
	dir    string
}

// Timeout bounds every step a Tab runs.
var Timeout = 30 * time.Second

// Tab opens a new tab; it closes when the test ends, or at Close.
func (b *Browser) Tab() *Tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	if err := chromedp.Do(ctx); err != nil { // opens the tab, bound to ctx
		cancel()
		b.t.Fatalf("open a tab: %v", err)
	}
	tab := &Tab{T: b.t, Ctx: ctx, cancel: cancel}
	tab.Do(chromedp.EmulateViewport(Phone.Width, Phone.Height, chromedp.EmulateMobile))
	b.t.Cleanup(cancel)
	return tab
}

// Close closes the tab, as a person leaving the page would.
func (p *Tab) Close() { p.cancel() }

// Do runs actions, failing the test on the first error.
func (p *Tab) Do(actions ...chromedp.Action[chromedp.Void]) {
	p.T.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.Screenshot("failure")
		p.T.Fatalf("browser: %v", err)
	}
}

// Get runs one action that returns a value.
func Get[T any](p *Tab, action chromedp.Action[T]) T {
	p.T.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		p.Screenshot("failure")
		p.T.Fatalf("browser: %v", err)
	}
	return v
}

// Open navigates to url and returns the HTTP status of the page.
func (p *Tab) Open(url string) int {
	p.T.Helper()
	res := Get(p, chromedp.NavigateResponse(url))
	p.checkAccessible()
	return int(res.Status)
}

// Submit clicks a button or link that loads another page, waits for that
// page and returns its HTTP status.
func (p *Tab) Submit(selector string) int {
	p.T.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector)))
	if err != nil {
		p.Screenshot("failure")
		p.T.Fatalf("browser: click %s: %v", selector, err)
	}
	p.checkAccessible()
	return int(res.Status)
}

// Text returns the visible text of the first element matching a CSS
// selector.
func (p *Tab) Text(selector string) string {
	p.T.Helper()
	return strings.TrimSpace(Get(p, chromedp.Text(chromedp.CSS(selector))))
}

// URL returns the address the tab shows.
func (p *Tab) URL() string {
	p.T.Helper()
	return Get(p, chromedp.Location())
}

// Screenshot saves the whole page as PNG in the test's temporary folder, or
// in PINGYI_TEST_SCREENSHOTS when that names a folder to keep them in, and
// returns its path (logged, so a failing run can be looked at).
func (p *Tab) Screenshot(name string) string {
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.T.Logf("screenshot %s: %v", name, err)
		return ""
	}
	if p.dir == "" {
		p.dir = os.Getenv("PINGYI_TEST_SCREENSHOTS")
		if p.dir == "" {
			p.dir = p.T.TempDir()
		}
	}
	path := filepath.Join(p.dir, strings.NewReplacer("/", "-", " ", "-").Replace(p.T.Name()+"-"+name)+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.T.Logf("screenshot %s: %v", name, err)
		return ""
	}
	p.T.Logf("screenshot %s: %s", name, path)
	return path
}

// Viewport sets the tab's CSS size, as a phone or a desktop has it.
func (p *Tab) Viewport(width, height int64) {
	p.T.Helper()
	p.Do(chromedp.EmulateViewport(width, height))
}

// Media emulates a CSS media type ("print"), or the screen with "".
func (p *Tab) Media(media string) {
	p.T.Helper()
	p.Do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// Eval evaluates a JavaScript expression in the page, awaiting a promise,
// and decodes its value into T. Pages run no script of their own; tests
// read them with it.
func Eval[T any](p *Tab, expression string) T {
	p.T.Helper()
	return Get(p, chromedp.Evaluate[T](expression, chromedp.EvalAwaitPromise))
}

// Fetch reads what a link of the page leads to, as the browser gets it:
// the href of the first element matching selector is fetched and its body
// returned as text.
func (p *Tab) Fetch(selector string) string {
	p.T.Helper()
	return Eval[string](p, `fetch(document.querySelector(`+jsString(selector)+`).href).then(r => {
		if (!r.ok) throw new Error("status " + r.status); return r.text() })`)
}

// TooWide lists what makes the page wider than px: the elements, outside
// boxes that scroll sideways, whose content runs past px. A page that fits
// a phone lists nothing.
func (p *Tab) TooWide(px int) []string {
	p.T.Helper()
	if Eval[int](p, `document.documentElement.scrollWidth`) <= px {
		return nil
	}
	return Eval[[]string](p, `[...document.querySelectorAll("body *")]
		.filter(e => !e.parentElement.closest(".scroll") && getComputedStyle(e).overflowX === "visible" &&
			e.scrollWidth > e.clientWidth && [...e.children].every(c => c.scrollWidth <= `+strconv.Itoa(px)+`))
		.map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + ": " + e.textContent.trim().slice(0, 60))`)
}

func jsString(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}
