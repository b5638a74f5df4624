package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"pingyi/i18n"
)

func TestEveryPageParsesAndNoTemplateIsOrphaned(t *testing.T) {
	if _, err := NewRenderer(); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{"layout": true}
	for _, parts := range pages {
		for _, p := range parts {
			used[p] = true
		}
	}
	files, _ := fs.Glob(templateFiles, "templates/*.html")
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if !used[name] {
			t.Errorf("template %s is used by no page", f)
		}
		delete(used, name)
	}
	for name := range used {
		t.Errorf("pages use template %s, which does not exist", name)
	}
}

var literalText = regexp.MustCompile(`\{\{-?\s*t\s+"((?:[^"\\]|\\.)*)"`)

// Every text a template shows through t has a Chinese translation.
func TestTemplateTextsAreTranslated(t *testing.T) {
	files, _ := fs.Glob(templateFiles, "templates/*.html")
	for _, f := range files {
		src, _ := fs.ReadFile(templateFiles, f)
		for _, m := range literalText.FindAllStringSubmatch(string(src), -1) {
			if i18n.T(i18n.ZH, m[1]) == m[1] {
				t.Errorf("%s: no Chinese for %q", f, m[1])
			}
		}
	}
	for _, key := range []string{"status:draft", "status:open", "status:closed", "status:review", "status:published",
		"role:admin", "role:committee", "role:operator", "role:liaison", "role:supervisor", "period:annual", "period:midyear"} {
		if i18n.T(i18n.ZH, key) == key || i18n.T(i18n.EN, key) == key {
			t.Errorf("keyed text %s lacks a Chinese or English form", key)
		}
	}
}
