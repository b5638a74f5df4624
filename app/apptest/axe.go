package apptest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// axe-core (from npm, installed by .ci/run into web/testdata/node_modules)
// checks every page a Tab opens against WCAG 2.1 A and AA. The pages carry
// no script: the harness injects axe into each page it visits, through
// the DevTools protocol, which the pages' security policy does not bind.

// EnvAxe names axe.min.js where it is not in web/testdata/node_modules.
const EnvAxe = "PINGYI_TEST_AXE"

var axeSource = sync.OnceValue(func() string {
	path := os.Getenv(EnvAxe)
	if path == "" {
		dir, _ := os.Getwd()
		for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			p := filepath.Join(dir, "web", "testdata", "node_modules", "axe-core", "axe.min.js")
			if _, err := os.Stat(p); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(b)
})

// AxePending lists the addresses (path prefixes) whose pages are not yet
// clean: their violations are logged, not failed. Every other page fails
// its test on any violation. Shrink it; never grow it.
var AxePending = []string{}

// axeRun is the check: WCAG 2.1 A and AA rules, each violation as "rule:
// what it asks (where)".
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
	.then(r => r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ") + ")"))`

// checkAccessible runs axe-core on the page the tab shows. Without axe
// installed the check is skipped, unless browser tests are required (CI),
// where it must run.
func (p *Tab) checkAccessible() {
	p.T.Helper()
	src := axeSource()
	if src == "" {
		if os.Getenv(EnvRequireBrowser) == "1" {
			p.T.Fatalf("axe-core is not installed: npm install --prefix web/testdata axe-core (or set %s)", EnvAxe)
		}
		return
	}
	if Eval[string](p, `document.contentType`) != "text/html" {
		return // an image or a download opened alone
	}
	if !Eval[bool](p, `typeof axe !== "undefined"`) {
		Eval[bool](p, src+"\n;true")
	}
	violations := Eval[[]string](p, axeRun)
	if len(violations) == 0 {
		return
	}
	path := Eval[string](p, `location.pathname`)
	msg := fmt.Sprintf("axe-core: %s has %d violations:\n  %s", path, len(violations), strings.Join(violations, "\n  "))
	for _, prefix := range AxePending {
		if strings.HasPrefix(path, prefix) {
			p.T.Logf("%s (pending)", msg)
			return
		}
	}
	p.Screenshot("axe")
	p.T.Errorf("%s", msg)
}
