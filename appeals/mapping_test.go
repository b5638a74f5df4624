package appeals_test

import (
	"testing"

	"pingyi/appeals"
	"pingyi/fault"
)

func TestParseMappingNamesUnknownColumns(t *testing.T) {
	m, err := appeals.ParseMapping([]byte(` {"单号": " case_no ", "单位": "承办单位"} `))
	if err != nil || m["单号"] != "case_no" || m["单位"] != "承办单位" {
		t.Fatalf("a good mapping: %v %v", m, err)
	}
	if m, err := appeals.ParseMapping([]byte("  \n")); err != nil || m != nil {
		t.Errorf("a blank mapping: %v %v", m, err)
	}
	if _, err := appeals.ParseMapping([]byte(`["case_no"]`)); err == nil {
		t.Error("a list was taken as a mapping")
	}
	_, err = appeals.ParseMapping([]byte(`{"a": "ticket", "b": "case_no", "c": "单位名"}`))
	e, ok := fault.As(err)
	if !ok || len(e.Problems) != 2 || e.Problems[0].Path != "mapping.a" || e.Problems[1].Path != "mapping.c" {
		t.Errorf("unknown columns: %v", err)
	}
}
