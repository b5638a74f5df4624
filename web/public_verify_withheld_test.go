package web

import (
	"strings"
	"testing"

	"pingyi/fault"
	"pingyi/publicdata"
	"pingyi/review"
)

// A version whose every group keeps its data private ("publish_data":
// "none") serves no responses.csv and says why; one with a group
// published serves it; a version from before public data has none.
func TestWithheldDataHaveNoRoute(t *testing.T) {
	groups := []review.MethodGroup{{Code: "public"}, {Code: "deputies"}}
	c := &review.Content{Version: 2, Method: review.Method{Groups: groups}, Data: &review.PublicData{Withheld: []string{"public", "deputies"}},
		Signature: &review.SignatureInfo{KeyID: "ed25519:00"}}
	err := dataFileServed("2026-annual", c, publicdata.ResponsesFile)
	if !fault.Is(err, fault.NotFound) || !strings.Contains(err.Error(), `publish_data "none"`) {
		t.Fatalf("every group withheld: %v", err)
	}
	if err := dataFileServed("2026-annual", c, publicdata.SignatureFile); err != nil {
		t.Fatalf("the signature of a withheld version: %v", err)
	}
	c.Data.Withheld = []string{"deputies"}
	if err := dataFileServed("2026-annual", c, publicdata.ResponsesFile); err != nil {
		t.Fatalf("one group published: %v", err)
	}
	if err := dataFileServed("2026-annual", c, publicdata.AppealsFile); !fault.Is(err, fault.NotFound) {
		t.Fatalf("appeals without a hotline component: %v", err)
	}
	c.Data = nil
	if err := dataFileServed("2026-annual", c, publicdata.ResponsesFile); !fault.Is(err, fault.NotFound) || !strings.Contains(err.Error(), "before public data") {
		t.Fatalf("a version 1 document: %v", err)
	}
}
