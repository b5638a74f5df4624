package validation

import (
	"testing"

	"pingyi/i18n"
)

type item struct {
	Code string `json:"code" validate:"required,code"`
}

type doc struct {
	Name  string  `json:"name" validate:"required,max=5"`
	Items []item  `json:"items" validate:"dive"`
	Ratio float64 `json:"ratio" validate:"gte=0"`
}

func TestProblemsNameJSONPaths(t *testing.T) {
	err := New().Struct(doc{Name: "toolongname", Items: []item{{Code: "ok"}, {Code: "bad code"}, {}}, Ratio: -1})
	got := map[string]string{}
	for _, p := range Problems(err) {
		got[p.Path] = p.Reason.In(i18n.EN)
	}
	want := map[string]string{
		"name":          "name must be at most 5 characters",
		"items[1].code": "code must be a code: letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit",
		"items[2].code": "code is required",
		"ratio":         "ratio must be at least 0",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems %v, want %d", len(got), got, len(want))
	}
	for path, reason := range want {
		if got[path] != reason {
			t.Errorf("%s: got %q, want %q", path, got[path], reason)
		}
	}
}
