package responses_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/tabular"
)

// Unit lists and paper responses saved in GB18030 by a Chinese spreadsheet
// program import as their UTF-8 originals; a UTF-16 file is refused by
// name and stores nothing.
func TestUnitsAndResponsesInGB18030(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		openExample(t, s)
		gb := func(s string) *bytes.Reader {
			b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return bytes.NewReader(b)
		}
		units, err := s.ImportUnits(ctx, "2026-annual", gb("单位编码,单位名称,类别\nU002,市教育局（新名）,service\n"), tabular.CSV, audit.Actor{Login: "admin"})
		if err != nil || units.Updated != 1 {
			t.Fatalf("units: %+v %v", units, err)
		}
		st, _ := s.Structure(ctx, "2026-annual")
		if st.Units[2].Name != "市教育局（新名）" {
			t.Fatalf("unit name %q", st.Units[2].Name)
		}
		res, err := s.ImportResponses(ctx, "2026-annual", gb(header+"P-1,deputies,U001,efficiency,满意,,,,,办事很快，态度好\n"), tabular.CSV, audit.Actor{Login: "admin"})
		if err != nil || res != (responses.ImportResult{Responses: 1, Ratings: 1, Comments: 1}) {
			t.Fatalf("responses: %+v %v", res, err)
		}
		var comment responses.Comment
		db.Gorm.Take(&comment)
		if comment.Body != "办事很快，态度好" {
			t.Fatalf("comment stored as %q", comment.Body)
		}

		utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(header + "P-2,deputies,U001,efficiency,满意,,,,,好\n"))
		if _, err := s.ImportResponses(ctx, "2026-annual", bytes.NewReader(utf16), tabular.CSV, audit.Actor{Login: "admin"}); !fault.Is(err, fault.Invalid) || !strings.Contains(err.Error(), "UTF-16") {
			t.Fatalf("UTF-16 responses: %v", err)
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 1 {
			t.Fatalf("%d responses after the refused file", n)
		}
	})
}
