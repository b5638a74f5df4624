package phone

import (
	"context"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/sampling"
	"pingyi/secret"
	"pingyi/survey"
	"pingyi/tabular"
)

// frameColumns maps the header names units use, in English or Chinese, to
// the column each means.
var frameColumns = map[string][]string{
	"unit":     {"unit_code", "unit", "code", "单位编码", "单位代码", "编码", "单位", "单位名称"},
	"phone":    {"phone", "mobile", "tel", "telephone", "电话", "手机", "手机号", "手机号码", "联系电话", "电话号码"},
	"name":     {"name", "姓名", "联系人", "服务对象"},
	"date":     {"service_date", "date", "服务日期", "办理日期", "办事日期", "日期"},
	"district": {"district", "区县", "所属区县", "辖区", "区域"},
}

const (
	// importBatch rows are checked and inserted at a time: memory holds one
	// batch, whatever the file's size.
	importBatch = 1000
	// maxListed skipped rows are listed one by one; the rest are counted.
	maxListed   = 1000
	maxName     = 50
	maxDistrict = 64
)

// FrameImport says what importing one contact list did. Skipped lists the
// first maxListed skipped rows by line, with the reason; it never holds a
// number.
type FrameImport struct {
	File         string          `json:"file"`
	Rows         int             `json:"rows"`
	Added        int             `json:"added"`
	Duplicates   int             `json:"duplicates"`
	DoNotCall    int             `json:"do_not_call"`
	Invalid      int             `json:"invalid"`
	Skipped      []fault.Problem `json:"-"`
	Unlisted     int             `json:"unlisted"`
	FrameEntries int64           `json:"frame_entries"`
}

// ImportFrame adds the contacts of a CSV or XLSX file to the campaign's
// frame, in one transaction: every valid new row or none. Invalid rows,
// numbers already listed for the same unit and numbers on the do-not-call
// list are skipped and reported by line. The file is read in batches, so a
// million rows take the memory of a thousand.
func (s *Store) ImportFrame(ctx context.Context, code, file string, src io.Reader, format tabular.Format, actor audit.Actor) (FrameImport, error) {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return FrameImport{}, err
	}
	if st.Campaign.Status != survey.Draft && st.Campaign.Status != survey.Open {
		return FrameImport{}, fault.Conflictf("campaign %q is %s: its frame can no longer change", code, st.Campaign.Status)
	}
	r, err := tabular.Open(src, format)
	if err != nil {
		return FrameImport{}, err
	}
	defer r.Close()
	col := r.Columns(frameColumns)
	var missing []fault.Problem
	for _, need := range []string{"unit", "phone"} {
		if col[need] == "" {
			missing = append(missing, fault.P("header", "the file needs a %q column (or one of %v)", need, frameColumns[need]))
		}
	}
	if len(missing) > 0 {
		return FrameImport{}, fault.WithProblems(missing, "the contact list cannot be read")
	}
	imp := &importer{s: s, col: col, units: newUnitLookup(st), secret: s.frameSecret(code), res: FrameImport{File: file}}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		frame, err := s.lockFrame(tx, st.Campaign)
		if err != nil {
			return err
		}
		if imp.key, err = s.sealingKey(tx, frame.ID); err != nil {
			return err
		}
		rec := ImportRecord{FrameID: frame.ID, FileName: clip(file, 200), ImportedBy: actor.Login, ImportedAt: s.db.Now()}
		if err := tx.Create(&rec).Error; err != nil {
			return err
		}
		imp.tx, imp.frameID, imp.importID = tx, frame.ID, rec.ID
		if err := imp.readAll(r); err != nil {
			return err
		}
		if imp.res.Added == 0 {
			return fault.WithProblems(imp.res.Skipped, "the file adds no contact to the frame (%d rows skipped)", imp.res.Rows)
		}
		res := imp.res
		imp.res.FrameEntries = frame.Entries + int64(res.Added)
		if err := tx.Model(&rec).Updates(map[string]any{"rows_read": res.Rows, "added": res.Added,
			"duplicates": res.Duplicates, "do_not_call": res.DoNotCall, "invalid": res.Invalid}).Error; err != nil {
			return err
		}
		if err := tx.Model(&frame).Update("entries", imp.res.FrameEntries).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "phone.frame.import", Object: "campaign:" + code,
			Detail: map[string]any{"file": rec.FileName, "rows": res.Rows, "added": res.Added, "duplicates": res.Duplicates,
				"do_not_call": res.DoNotCall, "invalid": res.Invalid}})
	})
	if err != nil {
		return FrameImport{}, err
	}
	return imp.res, nil
}

// lockFrame returns the campaign's frame, created if need be, locked until
// the transaction ends, and refuses a frozen one.
func (s *Store) lockFrame(tx *gorm.DB, c survey.Campaign) (Frame, error) {
	f, found, err := s.frameOf(s.forUpdate(tx), c.ID)
	if err != nil {
		return f, err
	}
	if !found {
		f = Frame{CampaignID: c.ID, CreatedAt: s.db.Now()}
		if err := tx.Create(&f).Error; err != nil {
			return f, err
		}
	}
	if f.FrozenAt != nil {
		return f, fault.Conflictf("the frame of campaign %q is frozen: a draw was planned on it", c.Code)
	}
	return f, nil
}

// importer reads one file into the frame, a batch at a time.
type importer struct {
	s        *Store
	tx       *gorm.DB
	col      map[string]string
	units    unitLookup
	secret   []byte
	key      *secret.DataKey // seals the frame's numbers and names
	frameID  int64
	importID int64
	batch    []entry
	res      FrameImport
}

func (imp *importer) readAll(r *tabular.Reader) error {
	imp.batch = make([]entry, 0, importBatch)
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return imp.flush()
		}
		if err != nil {
			return err
		}
		imp.read(row)
		if len(imp.batch) == importBatch {
			if err := imp.flush(); err != nil {
				return err
			}
		}
	}
}

// read checks one row and queues it for the batch, or reports why not.
func (imp *importer) read(row tabular.Row) {
	imp.res.Rows++
	at := func(column string) string { return fmt.Sprintf("line %d, column %s", row.Line, imp.col[column]) }
	rawUnit := row.Get(imp.col["unit"])
	unit, ok := imp.units.find(rawUnit)
	if !ok {
		imp.invalid(at("unit"), unknownUnit(rawUnit))
		return
	}
	p, err := sampling.NormalizePhone(row.Get(imp.col["phone"]))
	if err != nil {
		imp.invalid(at("phone"), phoneReason(err))
		return
	}
	e := entry{FrameID: imp.frameID, ImportID: imp.importID, Line: row.Line, Stratum: unit,
		PhoneKey: sampling.PhoneKey(imp.secret, p), MatchHash: imp.s.matchHash(p),
		PhoneSealed: imp.key.Seal([]byte(p.Canonical))}
	if raw := row.Get(imp.col["date"]); raw != "" {
		d, ok := parseServiceDate(raw)
		if !ok {
			imp.invalid(at("date"), i18n.M("the service date %q is not a date such as 2026-03-05", raw))
			return
		}
		e.ServiceDate = &d
	}
	if name := row.Get(imp.col["name"]); name != "" {
		if utf8.RuneCountInString(name) > maxName {
			imp.invalid(at("name"), i18n.M("the name is longer than %d characters", maxName))
			return
		}
		e.NameSealed = imp.key.Seal([]byte(name))
	}
	if d := row.Get(imp.col["district"]); d != "" {
		if utf8.RuneCountInString(d) > maxDistrict {
			imp.invalid(at("district"), i18n.M("the district is longer than %d characters", maxDistrict))
			return
		}
		e.District = &d
	}
	imp.batch = append(imp.batch, e)
}

// unknownUnit names the cell only when it cannot be a phone number: a
// sheet with swapped columns must not echo numbers into the report.
func unknownUnit(raw string) i18n.Msg {
	if _, err := sampling.NormalizePhone(raw); err == nil || raw == "" {
		return i18n.M("no unit of the campaign has this code or name")
	}
	return i18n.M("no unit of the campaign has the code or name %q", raw)
}

// phoneReason is why NormalizePhone refused a cell; it never holds the
// cell's content.
func phoneReason(err error) i18n.Msg {
	var pe sampling.PhoneError
	if errors.As(err, &pe) {
		return pe.Reason()
	}
	return i18n.M("not a usable phone number")
}

func (imp *importer) invalid(path string, reason i18n.Msg) {
	imp.res.Invalid++
	imp.skip(path, reason)
}

func (imp *importer) skip(path string, reason i18n.Msg) {
	if len(imp.res.Skipped) < maxListed {
		imp.res.Skipped = append(imp.res.Skipped, fault.Problem{Path: path, Reason: reason})
	} else {
		imp.res.Unlisted++
	}
}

// flush drops the batch's duplicates (within it and against the frame, the
// rows of this file inserted so far included) and its do-not-call numbers,
// and inserts the rest.
func (imp *importer) flush() error {
	if len(imp.batch) == 0 {
		return nil
	}
	defer func() { imp.batch = imp.batch[:0] }()
	seen := make(map[entryKey]int, len(imp.batch))
	fresh := make([]entry, 0, len(imp.batch))
	for _, e := range imp.batch {
		k := entryKey{e.Stratum, e.PhoneKey}
		if line, dup := seen[k]; dup {
			imp.duplicate(e.Line, i18n.M("the same number is listed for unit %s on line %d", e.Stratum, line))
			continue
		}
		seen[k] = e.Line
		fresh = append(fresh, e)
	}
	existing, err := imp.existing(fresh)
	if err != nil {
		return err
	}
	blocked, err := doNotCallAmong(imp.tx, fresh)
	if err != nil {
		return err
	}
	insert := fresh[:0]
	for _, e := range fresh {
		if prior, dup := existing[entryKey{e.Stratum, e.PhoneKey}]; dup {
			if prior.ImportID == imp.importID {
				imp.duplicate(e.Line, i18n.M("the same number is listed for unit %s on line %d", e.Stratum, prior.Line))
			} else {
				imp.duplicate(e.Line, i18n.M("the number is already in the frame for unit %s (line %d of an earlier file)", e.Stratum, prior.Line))
			}
			continue
		}
		if blocked[e.MatchHash] {
			imp.res.DoNotCall++
			imp.skip(fmt.Sprintf("line %d", e.Line), i18n.M("the number is on the do-not-call list"))
			continue
		}
		insert = append(insert, e)
	}
	if len(insert) == 0 {
		return nil
	}
	if err := imp.tx.CreateInBatches(insert, imp.s.insertBatch(10)).Error; err != nil {
		return err
	}
	imp.res.Added += len(insert)
	return nil
}

func (imp *importer) duplicate(line int, reason i18n.Msg) {
	imp.res.Duplicates++
	imp.skip(fmt.Sprintf("line %d", line), reason)
}

// existing finds which of the batch's (stratum, key) pairs the frame
// holds.
func (imp *importer) existing(batch []entry) (map[entryKey]entry, error) {
	keys := make([]entryKey, len(batch))
	for i, e := range batch {
		keys[i] = entryKey{e.Stratum, e.PhoneKey}
	}
	return entriesByKey(imp.tx, imp.frameID, keys, "stratum, phone_key, import_id, line")
}

// entryKey is an entry's identity within its frame.
type entryKey struct{ stratum, phoneKey string }

// entriesByKey reads the columns of the frame's entries with the given
// keys: one statement per stratum, each an index range of the unique
// (frame, stratum, key) index. (One statement ORing the strata together
// makes SQLite scan the whole frame once there are many of them.)
func entriesByKey(tx *gorm.DB, frameID int64, keys []entryKey, columns string) (map[entryKey]entry, error) {
	out := make(map[entryKey]entry, len(keys))
	byStratum := map[string][]string{}
	for _, k := range keys {
		byStratum[k.stratum] = append(byStratum[k.stratum], k.phoneKey)
	}
	for stratum, keys := range byStratum {
		var rows []entry
		if err := tx.Select(columns).Where("frame_id = ? AND stratum = ? AND phone_key IN ?", frameID, stratum, keys).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, e := range rows {
			out[entryKey{e.Stratum, e.PhoneKey}] = e
		}
	}
	return out, nil
}

// unitLookup finds a unit by code, or by name where the name is unique in
// the campaign (clerks often write the name).
type unitLookup struct{ byCode, byName map[string]string }

func newUnitLookup(st *survey.Structure) unitLookup {
	l := unitLookup{byCode: map[string]string{}, byName: map[string]string{}}
	names := map[string]int{}
	for _, u := range st.Units {
		l.byCode[u.Code] = u.Code
		names[u.Name]++
		l.byName[u.Name] = u.Code
	}
	for name, n := range names {
		if n > 1 {
			delete(l.byName, name)
		}
	}
	return l
}

func (l unitLookup) find(s string) (string, bool) {
	if c, ok := l.byCode[s]; ok {
		return c, true
	}
	c, ok := l.byName[s]
	return c, ok
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
