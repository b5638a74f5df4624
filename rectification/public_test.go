package rectification

import (
	"testing"

	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// The public list and its rates, worked out by hand. Every task opens on
// Tuesday 29 September 2026, due 12 October, unless said otherwise. Unit
// tax: T1 closed 9 Oct (on time); T2 untouched; T3 due in 250 working
// days; T4 asked to close 9 Oct, accepted 21 Oct (late). Unit police: P1
// closed 14 Oct (late); P2 opened 25 Oct.
//
// As of 20 October: tax opened 4, closed 1 (T1); due 3 (T1 closed, T2 and
// T4 past their deadline), on time 1; overdue 2. police opened 1 (P2 not
// yet), closed 1, due 1, on time 0. As of 22 October T4 is closed, late.
func TestThePublicListAndItsRates(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		open := func(day, unit, problem string, wd int) int64 {
			n := handTask(unit, problem)
			n.Deadline = Deadline{WorkingDays: wd}
			id, err := f.on(day, 10).OpenTask(ctx, member, n)
			f.must(err)
			return id
		}
		closeOn := func(unit string, id int64, asked, accepted string) {
			f.must(f.on(asked, 9).AddEvidence(ctx, liaison, unit, id, "照片", []Upload{{Name: "p.png", Content: DemoPNG(1)}}))
			f.must(f.on(asked, 10).RequestClose(ctx, liaison, unit, id, ""))
			if accepted != "" {
				f.must(f.on(accepted, 10).Accept(ctx, member, id, ""))
			}
		}
		t1 := open("2026-09-29", "tax", "T1", 5)
		t2 := open("2026-09-29", "tax", "T2", 5)
		t3 := open("2026-09-29", "tax", "T3", 250)
		t4 := open("2026-09-29", "tax", "T4", 5)
		p1 := open("2026-09-29", "police", "P1", 5)
		open("2026-10-25", "police", "P2", 5)
		closeOn("tax", t1, "2026-10-09", "2026-10-09")
		closeOn("tax", t4, "2026-10-09", "")
		f.must(f.on("2026-10-21", 10).Accept(ctx, member, t4, ""))
		closeOn("police", p1, "2026-10-14", "2026-10-14")
		f.must(f.on("2026-10-12", 10).Report(ctx, liaison, "tax", t3, "进行中"))

		units, err := f.s.Public(ctx, "2026-annual", china("2026-10-20", 0))
		f.must(err)
		if len(units) != 2 || units[0].Unit != "police" || units[1].Unit != "tax" || len(units[0].Tasks) != 1 || len(units[1].Tasks) != 4 {
			t.Fatalf("units %+v", units)
		}
		police, tax := units[0], units[1]
		checkRates(t, "tax as of 20 Oct", tax.Rates, 4, 1, 0.25, 3, 1, 1.0/3, 2)
		checkRates(t, "police as of 20 Oct", police.Rates, 1, 1, 1, 1, 0, 0, 0)
		byID := map[int64]PublicTask{}
		for _, pt := range tax.Tasks {
			byID[pt.ID] = pt
		}
		if pt := byID[t1]; pt.Status != Closed || !pt.OnTime || pt.ClosedAt == nil || len(pt.Evidence) != 1 || len(pt.Evidence[0].Files) != 1 {
			t.Errorf("T1: %+v", pt)
		}
		if pt := byID[t2]; pt.Status != Open || !pt.Overdue || !pt.Due.Equal(china("2026-10-13", 0)) {
			t.Errorf("T2: %+v", pt)
		}
		if pt := byID[t3]; pt.Status != InProgress || pt.Overdue {
			t.Errorf("T3: %+v", pt)
		}
		if pt := byID[t4]; pt.Status != CloseRequested || pt.ClosedAt != nil || !pt.Overdue || pt.Evidence != nil {
			t.Errorf("T4 before its acceptance shows evidence or a close: %+v", pt)
		}

		later, err := f.s.Ended(ctx, "2026-annual", china("2026-10-22", 0))
		f.must(err)
		checkRates(t, "tax as of 22 Oct", later["tax"], 4, 2, 0.5, 3, 1, 1.0/3, 1)
		if _, ok := later["parks"]; ok || len(later) != 2 {
			t.Errorf("ended lists %v", later)
		}
		empty, err := f.s.Public(ctx, "2026-annual", china("2026-09-28", 0))
		f.must(err)
		if len(empty) != 0 {
			t.Errorf("before any opening: %+v", empty)
		}
		// Files are public once accepted only.
		if _, _, err := f.s.PublicFile(ctx, "2026-annual", t2, 1); err == nil {
			t.Error("an open task's file is public")
		}
		fileID := byID[t1].Evidence[0].Files[0].ID
		if _, b, err := f.s.PublicFile(ctx, "2026-annual", t1, fileID); err != nil || len(b) == 0 {
			t.Errorf("accepted evidence: %v", err)
		}
		if _, _, err := f.s.PublicFile(ctx, "2025-annual", t1, fileID); err == nil {
			t.Error("a file is served under another campaign")
		}
	})
}

func checkRates(t *testing.T, what string, r Rates, opened, closed int, closedRate float64, due, onTime int, onTimeRate float64, overdue int) {
	t.Helper()
	near := func(p *float64, v float64) bool { return p != nil && *p > v-1e-12 && *p < v+1e-12 }
	if r.Opened != opened || r.Closed != closed || !near(r.ClosedRate, closedRate) || r.Due != due || r.OnTime != onTime ||
		!near(r.OnTimeRate, onTimeRate) || r.Overdue != overdue {
		t.Errorf("%s: %+v (closed rate %v, on-time rate %v)", what, r, deref(r.ClosedRate), deref(r.OnTimeRate))
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
