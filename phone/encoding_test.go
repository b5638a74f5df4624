package phone

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/tabular"
)

// Frames and do-not-call lists saved in GB18030 by a Chinese spreadsheet
// program import as their UTF-8 originals; a UTF-16 file is refused by
// name and adds nothing.
func TestFramesAndDoNotCallListsInGB18030(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		gb := func(s string) *bytes.Reader {
			b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return bytes.NewReader(b)
		}
		dnc, err := f.store.ImportDoNotCall(f.ctx, gb("电话\n13900050005\n"), tabular.CSV, audit.Actor{Login: "admin"})
		if err != nil || dnc.Added != 1 {
			t.Fatalf("do-not-call: %+v %v", dnc, err)
		}
		res, err := f.store.ImportFrame(f.ctx, campaign, "gb.csv", gb("单位编码,手机号,姓名,区县\nU001,13812345678,王小芳,历下区\nU002,13900050005,李四,\n"), tabular.CSV, audit.Actor{Login: "admin"})
		if err != nil || res.Added != 1 || res.DoNotCall != 1 {
			t.Fatalf("frame: %+v %v", res, err)
		}
		var e entry
		db.Gorm.Where("line = 2").Take(&e)
		dk, _ := f.store.openingKey(db.Gorm, e.FrameID)
		if name, err := f.store.openContact(dk, e.NameSealed); err != nil || string(name) != "王小芳" || e.District == nil || *e.District != "历下区" {
			t.Fatalf("stored name %q (%v), district %v", name, err, e.District)
		}

		utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("电话\n13900050006\n"))
		if _, err := f.store.ImportDoNotCall(f.ctx, bytes.NewReader(utf16), tabular.CSV, audit.Actor{Login: "admin"}); !fault.Is(err, fault.Invalid) || !strings.Contains(err.Error(), "UTF-16") {
			t.Fatalf("UTF-16 do-not-call list: %v", err)
		}
		var n int64
		db.Gorm.Model(&doNotCall{}).Count(&n)
		if n != 1 {
			t.Fatalf("%d numbers on the do-not-call list after the refused file", n)
		}
	})
}
