package fault

import (
	"errors"
	"fmt"
	"testing"

	"pingyi/i18n"
)

func TestKindSurvivesWrapping(t *testing.T) {
	err := fmt.Errorf("saving: %w", NotFoundf("no campaign %q", "x"))
	if e, ok := As(err); !ok || e.Kind != NotFound || !Is(err, NotFound) || Is(err, Conflict) {
		t.Fatalf("kind of a wrapped error: %v", e)
	}
	if _, ok := As(errors.New("disk on fire")); ok || Is(errors.New("disk on fire"), Internal) {
		t.Fatal("As found a domain error in a plain one")
	}
}

func TestTextListsProblemsInTheReadersLanguage(t *testing.T) {
	err := WithProblems([]Problem{P("units[0].code", "%s is required", "code"), P("", "unknown field %q", "x")},
		"the campaign definition has %d problems", 2)
	e, _ := As(err)
	en := e.Text(i18n.EN)
	want := "the campaign definition has 2 problems\n  units[0].code: code is required\n  unknown field \"x\""
	if en != want || err.Error() != want {
		t.Fatalf("English text:\n%s\nwant\n%s", en, want)
	}
	if zh := e.Text(i18n.ZH); zh == en || e.Kind != Invalid {
		t.Fatalf("Chinese text not rendered: %s", zh)
	}
}
