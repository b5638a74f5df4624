package rectification

import (
	"bytes"
	"strings"
	"testing"

	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// Evidence that is empty, too large or not a PDF or an image, whatever
// its name says, is refused with the limit named and nothing stored; the
// type kept is the content's, not the name's.
func TestBadEvidenceIsRefusedAndNothingStored(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		s := f.on("2026-11-02", 10)
		id, err := s.OpenTask(ctx, member, handTask("tax", "问题"))
		f.must(err)
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 120)...)
		huge := append(DemoPDF("big"), bytes.Repeat([]byte{' '}, MaxFileBytes)...)
		for _, c := range []struct {
			name  string
			files []Upload
			kind  fault.Kind
			says  string
		}{
			{"empty", []Upload{{Name: "a.pdf"}}, fault.Invalid, "a.pdf is empty"},
			{"exe named pdf", []Upload{{Name: "report.pdf", Content: exe}}, fault.Invalid, "is not a PDF or an image"},
			{"html named png", []Upload{{Name: "x.png", Content: []byte("<html><script>alert(1)</script></html>")}}, fault.Invalid, "is not a PDF or an image"},
			{"too large", []Upload{{Name: "big.pdf", Content: huge}}, fault.TooLarge, "at most 5 MiB"},
			{"one bad among good", []Upload{{Name: "ok.png", Content: DemoPNG(1)}, {Name: "x.pdf", Content: exe}}, fault.Invalid, "x.pdf"},
			{"too many", make([]Upload, MaxFilesPerAdd+1), fault.TooLarge, "at most 5 files"},
		} {
			err := s.AddEvidence(ctx, liaison, "tax", id, "evidence", c.files)
			refused(t, err, c.kind)
			e, _ := fault.As(err)
			text := e.Text("en")
			for _, p := range e.Problems {
				text += " " + p.Reason.String()
			}
			if !strings.Contains(text, c.says) {
				t.Errorf("%s: %q does not say %q", c.name, text, c.says)
			}
		}
		if f.count("rectification_files") != 0 || f.count("rectification_steps") != 1 || f.task(id).Status != Open {
			t.Fatal("refused evidence left something behind")
		}
		// A PNG named .pdf is an image: kept, as an image.
		f.must(s.AddEvidence(ctx, liaison, "tax", id, "photo", []Upload{{Name: "../../photo.pdf", Content: DemoPNG(2)}}))
		files := f.task(id).Steps[1].Files
		if len(files) != 1 || files[0].MediaType != "image/png" || files[0].Name != "photo.pdf" {
			t.Fatalf("kept %+v", files)
		}
		// A file of exactly the limit is kept whole, on both databases.
		full := huge[:MaxFileBytes]
		f.must(s.AddEvidence(ctx, liaison, "tax", id, "scan", []Upload{{Name: "scan.pdf", Content: full}}))
		_, back, err := f.s.File(ctx, id, f.task(id).Steps[2].Files[0].ID)
		f.must(err)
		if !bytes.Equal(back, full) {
			t.Fatalf("a %d-byte file came back as %d bytes", len(full), len(back))
		}
	})
}
