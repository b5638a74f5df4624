package responses_test

import (
	"fmt"
	"strings"
	"testing"

	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// An import reads a row that repeats a recent row's response fields
// without reading them again (import_columns.go): a row whose fields
// differ is still caught after the response has left that memory, and
// interleaved responses keep their own fields.
func TestImportChecksFieldsOfInterleavedResponses(t *testing.T) {
	file := func(lastWeight string) (string, int) {
		var b strings.Builder
		b.WriteString(header)
		line := 1
		for i, ind := range []string{"efficiency", "attitude", "quality", "overall"} {
			for r := range 6 {
				if i == 3 && r == 0 {
					continue // R0's last row comes after all the others
				}
				fmt.Fprintf(&b, "R%d,public,U001,%s,A,,1.%d,,,\n", r, ind, r)
				line++
			}
		}
		fmt.Fprintf(&b, "R0,public,U001,overall,A,,%s,,,\n", lastWeight)
		return b.String(), line + 1
	}
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openExample(t, s)
		bad, badLine := file("1.9")
		_, err := importCSV(t, s, "2026-annual", bad)
		e, ok := fault.As(err)
		if !ok || len(e.Problems) != 1 || e.Problems[0].Path != fmt.Sprintf("line %d, column weight", badLine) {
			t.Fatalf("err = %v", err)
		}
		assertNoResponses(t, db)
		good, _ := file("1.0")
		res, err := importCSV(t, s, "2026-annual", good)
		if err != nil || res.Responses != 6 || res.Ratings != 24 {
			t.Fatalf("%+v, %v", res, err)
		}
		var rows []responses.Response
		db.Gorm.Order("ref").Find(&rows)
		for r, row := range rows {
			if want := 1 + float64(r)/10; row.Weight != want {
				t.Errorf("%s: weight %g, want %g", row.Ref, row.Weight, want)
			}
		}
	})
}
