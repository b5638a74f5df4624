package account

import (
	"strings"
	"testing"
)

// An unknown login is checked against dummyHash. Were it malformed,
// CheckPassword would answer at once, and the time taken would tell that
// the login does not exist: it must have a real hash's shape and cost.
func TestDummyHashCostsWhatARealOneCosts(t *testing.T) {
	real, dummy := strings.Split(HashPassword("x"), "$"), strings.Split(dummyHash, "$")
	if len(dummy) != len(real) {
		t.Fatalf("dummy hash %q is not shaped like %q", dummyHash, strings.Join(real, "$"))
	}
	for i := range real {
		if i < 4 && dummy[i] != real[i] || len(dummy[i]) != len(real[i]) {
			t.Fatalf("dummy hash %q differs from a real one, %q, in part %d", dummyHash, strings.Join(real, "$"), i)
		}
	}
	if CheckPassword(dummyHash, "") {
		t.Fatal("the dummy hash matches a password")
	}
}
