package rectification

import (
	"slices"
	"testing"

	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func handTask(unit, problem string) NewTask {
	return NewTask{Campaign: "2026-annual", Version: 1, Unit: unit, Problem: problem,
		Source: Source{Kind: FromClue, Text: "监督员暗访发现，联系人 13812345678"}, Measures: "限期整改",
		Deadline: Deadline{WorkingDays: 5}}
}

// A task from opening to 销号: progress, evidence, a close request that
// is returned, more evidence, a second request, acceptance; every step
// audited, the status following, the clue's phone number masked.
func TestTheWholeLifeOfATask(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		id, err := f.on("2026-09-29", 10).OpenTask(ctx, member, handTask("tax", "窗口排队时间长"))
		f.must(err)
		got := f.task(id)
		if got.Status != Open || got.Source.Text != "监督员暗访发现，联系人 ***" || got.OpenedBy != "wang" {
			t.Fatalf("opened task: %+v", got)
		}
		refused(t, f.on("2026-09-30", 9).RequestClose(ctx, liaison, "tax", id, ""), fault.Conflict)
		refused(t, f.on("2026-09-30", 9).Accept(ctx, member, id, ""), fault.Conflict)

		f.must(f.on("2026-09-30", 10).Report(ctx, liaison, "tax", id, "已增设窗口"))
		if got := f.task(id); got.Status != InProgress {
			t.Fatalf("after a report: %s", got.Status)
		}
		f.must(f.on("2026-09-30", 11).AddEvidence(ctx, liaison, "tax", id, "现场照片", []Upload{{Name: "a.png", Content: DemoPNG(1)}}))
		f.must(f.on("2026-09-30", 12).RequestClose(ctx, liaison, "tax", id, "申请销号"))
		if got := f.task(id); got.Status != CloseRequested {
			t.Fatalf("after asking to close: %s", got.Status)
		}
		refused(t, f.on("2026-09-30", 13).Report(ctx, liaison, "tax", id, "more"), fault.Conflict)
		refused(t, f.on("2026-09-30", 13).Return(ctx, member, id, "  "), fault.Invalid)
		f.must(f.on("2026-10-08", 9).Return(ctx, member, id, "缺少办理时限统计"))
		if got := f.task(id); got.Status != InProgress {
			t.Fatalf("after a return: %s", got.Status)
		}
		// The evidence before the return does not count for a new request.
		refused(t, f.on("2026-10-08", 10).RequestClose(ctx, liaison, "tax", id, ""), fault.Conflict)
		f.must(f.on("2026-10-09", 10).AddEvidence(ctx, liaison, "tax", id, "时限统计", []Upload{{Name: "s.pdf", Content: DemoPDF("s")}}))
		f.must(f.on("2026-10-09", 11).RequestClose(ctx, liaison, "tax", id, ""))
		f.must(f.on("2026-10-09", 15).Accept(ctx, member, id, "同意销号"))

		got = f.task(id)
		if got.Status != Closed || got.ClosedBy != "wang" || !got.ClosedAt.Equal(china("2026-10-09", 15)) || got.Overdue {
			t.Fatalf("closed task: %+v", got)
		}
		var kinds []string
		files := 0
		for _, st := range got.Steps {
			kinds = append(kinds, st.Kind)
			files += len(st.Files)
		}
		want := []string{"opened", "progress", "evidence", "close_requested", "returned", "evidence", "close_requested", "closed"}
		if !slices.Equal(kinds, want) || files != 2 {
			t.Fatalf("steps %v with %d files; want %v with 2", kinds, files, want)
		}
		if got.Steps[4].Text != "缺少办理时限统计" {
			t.Fatalf("the return's reason: %q", got.Steps[4].Text)
		}
		actions := f.actions()
		wantActions := []string{"rectification.open", "rectification.progress", "rectification.evidence", "rectification.close_request",
			"rectification.return", "rectification.evidence", "rectification.close_request", "rectification.accept"}
		if !slices.Equal(actions, wantActions) {
			t.Fatalf("audited %v; want %v", actions, wantActions)
		}
		// Acting on a closed task is refused, and no follow-up is asked of a clue.
		refused(t, f.s.Report(ctx, liaison, "tax", id, "x"), fault.Conflict)
		refused(t, f.s.Accept(ctx, member, id, ""), fault.Conflict)
		if got.FollowUp != nil {
			t.Fatalf("a clue's task asks for a follow-up: %+v", got.FollowUp)
		}
		refused(t, f.s.AnswerFollowUp(ctx, member, id, Satisfied), fault.Conflict)
		_, content, err := f.s.File(ctx, id, got.Steps[2].Files[0].ID)
		f.must(err)
		if string(content) != string(DemoPNG(1)) {
			t.Fatal("the stored file differs from the upload")
		}
	})
}

// A liaison acts on and reads their own unit's tasks only.
func TestALiaisonActsOnTheirOwnUnitOnly(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		s := f.on("2026-11-02", 10)
		tax, err := s.OpenTask(ctx, member, handTask("tax", "问题一"))
		f.must(err)
		_, err = s.OpenTask(ctx, member, handTask("police", "问题二"))
		f.must(err)
		before := f.count("rectification_steps")
		refused(t, s.Report(ctx, liaison, "police", tax, "not ours"), fault.Forbidden)
		refused(t, s.AddEvidence(ctx, liaison, "police", tax, "x", []Upload{{Name: "a.png", Content: DemoPNG(1)}}), fault.Forbidden)
		refused(t, s.RequestClose(ctx, liaison, "police", tax, ""), fault.Forbidden)
		refused(t, s.Report(ctx, liaison, "", tax, "no unit"), fault.Forbidden)
		refused(t, s.Report(ctx, liaison, "tax", 9999, "none"), fault.NotFound)
		if n := f.count("rectification_steps"); n != before || f.count("rectification_files") != 0 {
			t.Fatalf("refused steps left %d steps (had %d)", n, before)
		}
		f.must(s.AddEvidence(ctx, liaison, "tax", tax, "photo", []Upload{{Name: "a.png", Content: DemoPNG(1)}}))
		own, err := s.UnitTask(ctx, "tax", tax)
		f.must(err)
		fileID := own.Steps[1].Files[0].ID
		_, err = s.UnitTask(ctx, "police", tax)
		refused(t, err, fault.Forbidden)
		_, _, err = s.UnitFile(ctx, "police", tax, fileID)
		refused(t, err, fault.Forbidden)
		if _, b, err := s.UnitFile(ctx, "tax", tax, fileID); err != nil || len(b) == 0 {
			t.Fatalf("own file: %v", err)
		}
		mine, err := s.UnitTasks(ctx, "2026-annual", "tax")
		f.must(err)
		all, err := s.Tasks(ctx, "2026-annual")
		f.must(err)
		if len(mine) != 1 || mine[0].ID != tax || len(all) != 2 {
			t.Fatalf("the unit sees %d tasks, the committee %d", len(mine), len(all))
		}
	})
}

// A second open task for the same unit and problem is refused, spacing and
// case aside; another unit, or the same problem once closed, is not.
func TestASecondOpenTaskForTheSameProblemIsRefused(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		s := f.on("2026-11-02", 10)
		id, err := s.OpenTask(ctx, member, handTask("tax", "Queue  too long"))
		f.must(err)
		_, err = s.OpenTask(ctx, member, handTask("tax", " queue too LONG "))
		refused(t, err, fault.Conflict)
		_, err = s.OpenTask(ctx, member, handTask("police", "Queue too long"))
		f.must(err)
		f.must(s.AddEvidence(ctx, liaison, "tax", id, "done", []Upload{{Name: "a.pdf", Content: DemoPDF("a")}}))
		f.must(s.RequestClose(ctx, liaison, "tax", id, ""))
		f.must(s.Accept(ctx, member, id, ""))
		_, err = s.OpenTask(ctx, member, handTask("tax", "Queue too long"))
		f.must(err)
		if n := f.count("rectification_tasks"); n != 3 {
			t.Fatalf("%d tasks; want 3", n)
		}
	})
}

// Bad input to opening: every problem at once, nothing written.
func TestABadTaskIsRefusedWholly(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		_, err := f.on("2026-11-02", 10).OpenTask(ctx, member, NewTask{Campaign: "2026-annual", Unit: "tax",
			Source: Source{Kind: "rumour"}, Deadline: Deadline{WorkingDays: 5}})
		refused(t, err, fault.Invalid)
		e, _ := fault.As(err)
		if len(e.Problems) != 4 { // version, problem, measures, source.kind
			t.Fatalf("problems: %v", e.Problems)
		}
		if f.count("rectification_tasks") != 0 || len(f.actions()) != 0 {
			t.Fatal("a refused task left rows")
		}
	})
}

// Two members opening the same problem at once: the database lets one
// through and refuses the other as a conflict.
func TestTwoMembersOpeningOneProblemAtOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		s := f.on("2026-11-02", 10)
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				_, err := s.OpenTask(ctx, member, handTask("tax", "同一问题"))
				errs <- err
			}()
		}
		opened := 0
		for range 4 {
			if err := <-errs; err == nil {
				opened++
			} else if !fault.Is(err, fault.Conflict) {
				t.Fatalf("a concurrent duplicate: %v", err)
			}
		}
		if opened != 1 || f.count("rectification_tasks") != 1 {
			t.Fatalf("%d opened, %d rows", opened, f.count("rectification_tasks"))
		}
	})
}
