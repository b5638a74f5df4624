package api

import (
	"encoding/json"
	"reflect"
	"testing"
)

// What the scanner reads, encoding/json reads the same; what it declines,
// encoding/json reads (or refuses, with the strict decoder's problems).
func TestTheScannerAgreesWithEncodingJSON(t *testing.T) {
	read := []string{
		`{}`, `{"answers":[]}`, `{"answers":null,"comments":null}`,
		`{"group":"public","answers":[{"unit":"U001","indicator":"efficiency","option":"A"}]}`,
		"{ \"answers\" : [ {\n \"option\" : \"满意\" ,\t\"unit\":\"U001\", \"indicator\":\"q\"} ,{\"unit\":\"U001\",\"indicator\":\"q\",\"option\":\"X\"}\r\n] }",
		`{"answers":[{}],"comments":{"U001":"很好","U002":""}}`,
		`{"token":"ABCD","idempotency_key":"k-1","started_at":"2026-11-21T09:00:00+08:00"}`,
		`{"channel":"phone","stratum":"north","weight":12.5}`, `{"weight":1e2,"channel":null,"stratum":null,"started_at":null,"weight":-0.5}`,
		`{"comments":{"U001":"第一行\n第二行 \"引号\" \u003c"},"group":"g\u00e9"}`,
		`{"group":"a","group":"b"}`,
	}
	for _, in := range read {
		got, ok := scanSubmission([]byte(in))
		var want submissionRequest
		if err := json.Unmarshal([]byte(in), &want); err != nil || !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n scanned %+v (%v)\n encoding/json %+v (%v)", in, got, ok, want, err)
		}
	}
	declined := []string{
		``, `[]`, `{"answerz":[]}`, `{"answers":[{"unit":1}]}`, `{"answers":[{"units":"U001"}]}`, `{"answers":[{"unit":"U001",}]}`,
		`{"answers":[{"unit":"U001"},]}`, `{"answers":{"unit":"U001"}}`, `{} x`, `{"answers":[{"unit":"U001"`, `{"group":null}`,
		`{"weight":"1"}`, `{"weight":01}`, `{"weight":1.}`, `{"weight":true}`, "{\"group\":\"a\tb\"}", "{\"group\":\"\xff\"}",
		`{"comments":{"U001":1}}`, `{"answers":[[]]}`, `{"gr\u006fup":"a"}`,
	}
	for _, in := range declined {
		if got, ok := scanSubmission([]byte(in)); ok {
			t.Errorf("%s: scanned as %+v", in, got)
		}
	}
}
