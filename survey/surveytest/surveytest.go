// Package surveytest gives tests SPEC.md's example campaign.
package surveytest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"pingyi/survey"
	"pingyi/validation"
)

// ExamplePath is the file of SPEC.md's example campaign definition
// (survey/testdata/spec-example.json), wherever the test runs from.
func ExamplePath() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "testdata", "spec-example.json")
}

// ExampleDefinition is SPEC.md's example campaign, decoded as strictly as
// an uploaded definition is.
func ExampleDefinition(t testing.TB) survey.Definition {
	t.Helper()
	raw, err := os.ReadFile(ExamplePath())
	if err != nil {
		t.Fatal(err)
	}
	var d survey.Definition
	if err := validation.DecodeStrict(raw, &d); err != nil {
		t.Fatal(err)
	}
	return d
}
