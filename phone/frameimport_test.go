package phone

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/sampling"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/tabular"
)

func TestImportFrameReportsSkippedRowsByLine(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		if _, err := f.store.ImportDoNotCall(f.ctx, strings.NewReader("电话\n13900050005\n"), tabular.CSV, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		csv := "单位编码,手机号,姓名,服务日期,区县\n" +
			"U001,138 1234 5678,王芳,2026-03-05,历下区\n" + // line 2: fine
			"U001,+86 138-1234-5678,,,\n" + // 3: the same number again
			"U002,13812345678,,2026/3/6,\n" + // 4: fine: another unit
			"U009,13812345679,,,\n" + // 5: unknown unit
			"U002,1.38123E+10,,,\n" + // 6: scientific notation
			"U002,0531-8888888,,,\n" + // 7: a landline, fine
			"U003,12345,,,\n" + // 8: too short
			"市民政局,13912340000,,,\n" + // 9: the unit by name
			"U003,13900050005,,,\n" + // 10: on the do-not-call list
			"U003,13912340001,,2026-13-40,\n" // 11: no such date
		res := f.importCSV("第一批.csv", csv)
		if res.Rows != 10 || res.Added != 4 || res.Duplicates != 1 || res.Invalid != 4 || res.DoNotCall != 1 || res.FrameEntries != 4 {
			t.Fatalf("result %+v", res)
		}
		want := map[string]string{
			"line 3":               "单位 U001 的同一号码已在第 2 行列出",
			"line 5, column 单位编码":  "本次测评没有编码或名称为 \"U009\" 的单位",
			"line 6, column 手机号":   "号码为科学计数法，末几位已丢失；请将该列设为文本格式",
			"line 8, column 手机号":   "号码位数不对",
			"line 10":              "该号码在免打扰名单中",
			"line 11, column 服务日期": "服务日期 \"2026-13-40\" 不是有效日期（如 2026-03-05）",
		}
		got := map[string]string{}
		for _, p := range res.Skipped {
			got[p.Path] = p.Reason.In(i18n.ZH)
		}
		for path, reason := range want {
			if got[path] != reason {
				t.Errorf("%s: got %q, want %q", path, got[path], reason)
			}
		}
		// A second file: a number already imported is a duplicate of
		// that earlier file's line.
		res = f.importCSV("第二批.csv", "unit_code,phone\nU002,13812345678\nU002,13700000000\n")
		if res.Added != 1 || res.Duplicates != 1 || res.FrameEntries != 5 || !strings.Contains(res.Skipped[0].Reason.In(i18n.ZH), "第 4 行") {
			t.Fatalf("second file %+v %v", res, res.Skipped)
		}
	})
}

func TestImportFrameRefusesAFileWithNothingToAdd(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		_, err := f.store.ImportFrame(f.ctx, campaign, "bad.csv", strings.NewReader("单位,电话\nU001,abc\n"), tabular.CSV, audit.Actor{Login: "admin"})
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid || len(e.Problems) != 1 || e.Problems[0].Path != "line 2, column 电话" {
			t.Fatalf("%v", err)
		}
		_, err = f.store.ImportFrame(f.ctx, campaign, "bad.csv", strings.NewReader("单位,姓名\nU001,x\n"), tabular.CSV, audit.Actor{Login: "admin"})
		if !fault.Is(err, fault.Invalid) {
			t.Fatalf("a file without a phone column: %v", err)
		}
		var n int64
		db.Gorm.Table("phone_frame_entries").Count(&n)
		if n != 0 {
			t.Fatalf("%d entries stored", n)
		}
	})
}

// The number is unreadable in the database without the key: neither the
// sealed column nor any other column of the row holds its digits, and the
// name is sealed too.
func TestNumbersAndNamesAreSealedAtRest(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.importCSV("a.csv", "单位编码,手机号,姓名\nU001,13812345678,王小芳\nU002,0531-86123456,\n")
		type raw struct {
			PhoneSealed, NameSealed []byte
			PhoneKey, MatchHash     string
			Stratum                 string
		}
		var rows []raw
		if err := db.Gorm.Raw("SELECT phone_sealed, name_sealed, phone_key, match_hash, stratum FROM phone_frame_entries").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("%d rows", len(rows))
		}
		for _, r := range rows {
			all := string(r.PhoneSealed) + string(r.NameSealed) + r.PhoneKey + r.MatchHash + r.Stratum
			for _, secret := range []string{"13812345678", "12345678", "5678", "86123456", "王小芳", "小芳"} {
				if strings.Contains(all, secret) {
					t.Errorf("the stored row contains %q", secret)
				}
			}
			if len(r.PhoneSealed) < 28 {
				t.Errorf("sealed number of %d bytes", len(r.PhoneSealed))
			}
		}
		// Sealed under the frame's data key, which opens it; the master
		// key alone does not.
		p, _ := sampling.NormalizePhone("13812345678")
		var e entry
		db.Gorm.Where("match_hash = ?", f.store.matchHash(p)).Take(&e)
		dk, err := f.store.openingKey(db.Gorm, e.FrameID)
		if err != nil || dk == nil {
			t.Fatalf("the frame's key: %v %v", dk, err)
		}
		if got, err := dk.Open(e.PhoneSealed); err != nil || string(got) != "13812345678" {
			t.Fatalf("open: %q %v", got, err)
		}
		if _, err := f.keys.Open("phone", e.PhoneSealed); err == nil {
			t.Fatal("the master key opens a number sealed under the frame's key")
		}
	})
}

func TestEveryPhoneErrorHasAReason(t *testing.T) {
	for _, e := range []sampling.PhoneError{sampling.ErrPhoneEmpty, sampling.ErrPhoneBadChar, sampling.ErrPhoneMultiple,
		sampling.ErrPhoneExtension, sampling.ErrPhoneScientific, sampling.ErrPhoneForeign, sampling.ErrPhoneDigits,
		sampling.ErrPhoneMobilePrefix, sampling.ErrPhoneAreaCode, sampling.ErrPhoneNoAreaCode, sampling.ErrPhoneLocal,
		sampling.ErrPhoneNotSubscriber} {
		m := phoneReason(e)
		if m.Format == "not a usable phone number" || m.In(i18n.ZH) == m.Format {
			t.Errorf("%v has no translated reason", e)
		}
	}
}

func TestParseServiceDate(t *testing.T) {
	for in, want := range map[string]string{"2026-03-05": "2026-03-05", "2026/3/5": "2026-03-05", "2026年3月5日": "2026-03-05",
		"20260305": "2026-03-05", "03-05-26": "2026-03-05", "46086": "2026-03-05", "2026-03-05 10:20:00": "2026-03-05",
		"2026-02-30": "", "1999-01-01": "", "next week": ""} {
		got, ok := parseServiceDate(in)
		if got != want || ok != (want != "") {
			t.Errorf("parseServiceDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// Units send spreadsheets: an XLSX with Chinese headers imports like CSV,
// numbers typed as numbers included.
func TestImportFrameFromXLSX(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, storage.SQLite))
	x := excelize.NewFile()
	rows := [][]any{{"单位名称", "联系电话", "姓名", "办理日期"},
		{"市公安局", "138-1234-5678", "王芳", "2026/3/5"},
		{"U002", 13912345678, "", ""},
		{"U002", "0531 8612 3456", "", ""},
		{"U003", "12345", "", ""}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	res, err := f.store.ImportFrame(f.ctx, campaign, "名单.xlsx", &buf, tabular.XLSX, audit.Actor{Login: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || res.Invalid != 1 || res.Skipped[0].Path != "line 5, column 联系电话" {
		t.Fatalf("%+v %v", res, res.Skipped)
	}
}
