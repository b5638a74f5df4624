package appeals

import (
	"context"
	"errors"
	"hash/fnv"
	"io"
	"strconv"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/tabular"
)

// ImportResult says what an import did.
type ImportResult struct {
	Rows, Created, Updated int
}

// maxProblems is how many bad rows an import names before it only counts
// the rest: a wholly wrong file of a million rows must not take a million
// messages of memory.
const maxProblems = 10000

// Import reads a hotline platform's export and adds or updates its cases,
// identified by (source, the platform's case number). The file is read
// twice, streaming: every row is checked, and the file refused whole with
// every bad row named; the rows are written in batches in one transaction
// (beside the check, see startCheck), so nothing is written unless the
// whole file passed. A transaction run again reads the file afresh. mapping
// renames the file's headers to SPEC's column names (English or Chinese).
func (s *Store) Import(ctx context.Context, src io.ReadSeeker, format tabular.Format, source string, mapping map[string]string, actor audit.Actor) (ImportResult, error) {
	if source == "" || len(source) > 40 {
		return ImportResult{}, fault.Invalidf("name the platform the file comes from (at most %d characters)", 40)
	}
	days, err := s.days(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	us, err := s.units(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	rr := rowReader{units: us, days: days, cfg: s.cfg, source: source, now: s.db.Now(), mapping: mapping}
	check, second, err := s.startCheck(src, format, rr)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		defer s.db.BigCache(tx)()
		writeSrc, err := second()
		if err != nil {
			return err
		}
		created, err := s.writeFile(ctx, tx, writeSrc, format, &rr, check)
		rows, checkErr := check.wait()
		if checkErr != nil {
			return checkErr // every problem named, whatever stopped the writing
		}
		if err != nil {
			return err
		}
		res = ImportResult{Rows: rows, Created: created, Updated: rows - created}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "appeal.import", Object: "appeals:" + source,
			Detail: map[string]any{"rows": rows, "created": res.Created, "updated": res.Updated}})
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// checkRun is the first pass over a file, which may run beside the second.
type checkRun struct {
	done chan struct{}
	rows int
	err  error
}

func (c *checkRun) wait() (int, error) {
	<-c.done
	return c.rows, c.err
}

// failed reports a first pass that has ended with problems, so the second
// can stop writing what will be rolled back.
func (c *checkRun) failed() bool {
	select {
	case <-c.done:
		return c.err != nil
	default:
		return false
	}
}

// startCheck starts the first pass and returns what opens the file from its
// start for the second, as often as the transaction runs.
// A file that can be read at any offset (an upload, a file on disk) is
// checked on another core while the second pass writes in its transaction,
// which the check's problems roll back: on two cores a million rows take
// the check's time less. Any other reader is checked first, then rewound.
func (s *Store) startCheck(src io.ReadSeeker, format tabular.Format, rr rowReader) (*checkRun, func() (io.Reader, error), error) {
	check := &checkRun{done: make(chan struct{})}
	at, ok := src.(io.ReaderAt)
	if !ok {
		defer close(check.done)
		check.rows, check.err = s.checkFile(src, format, &rr)
		if check.err != nil {
			return nil, nil, check.err
		}
		return check, func() (io.Reader, error) {
			_, err := src.Seek(0, io.SeekStart)
			return src, err
		}, nil
	}
	size, err := src.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, nil, err
	}
	go func() {
		defer close(check.done)
		check.rows, check.err = s.checkFile(io.NewSectionReader(at, 0, size), format, &rr)
	}()
	return check, func() (io.Reader, error) { return io.NewSectionReader(at, 0, size), nil }, nil
}

// open reads a file's header and finds its columns.
func (s *Store) open(src io.Reader, format tabular.Format, rr *rowReader) (*tabular.Reader, error) {
	tr, err := tabular.Open(src, format)
	if err != nil {
		return nil, err
	}
	rr.cols = tr.Columns(columnAliases(rr.mapping))
	var missing []fault.Problem
	for _, c := range importColumns[:3] {
		if !rr.has(c[0]) {
			missing = append(missing, fault.P("header", "the column %s (%s) is missing", c[1], c[0]))
		}
	}
	if len(missing) > 0 {
		tr.Close()
		return nil, fault.WithProblems(missing, "the file cannot be imported")
	}
	rr.unknown = 0
	for col, bit := range map[string]int{"accepted_at": unknownAccepted, "replied_at": unknownReplied,
		"resolved": unknownResolved, "callback": unknownCallback} {
		if !rr.has(col) {
			rr.unknown |= bit
		}
	}
	return tr, nil
}

// checkFile is the first pass: every row parsed, none kept. A case number
// twice in one file is an error; numbers are remembered as 64-bit hashes,
// 16 bytes a row, so a million rows stay within a few tens of megabytes.
func (s *Store) checkFile(src io.Reader, format tabular.Format, rr *rowReader) (int, error) {
	tr, err := s.open(src, format, rr)
	if err != nil {
		return 0, err
	}
	defer tr.Close()
	seen := map[uint64]int{}
	var problems []fault.Problem
	more, rows := 0, 0
	note := func(ps ...fault.Problem) {
		for _, p := range ps {
			if len(problems) < maxProblems {
				problems = append(problems, p)
			} else {
				more++
			}
		}
	}
	err = eachRow(tr, func(row tabular.Row) error {
		rows++
		c, ps := rr.parse(row)
		note(ps...)
		if c.SourceNo != "" {
			h := fnv.New64a()
			h.Write([]byte(c.SourceNo))
			if first, dup := seen[h.Sum64()]; dup {
				note(fault.P("line "+itoa(row.Line), "case %s is already on line %d", c.SourceNo, first))
			} else {
				seen[h.Sum64()] = row.Line
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if more > 0 {
		problems = append(problems, fault.P("", "and %d more problems", more))
	}
	if len(problems) > 0 {
		return 0, fault.WithProblems(problems, "the file was not imported: %d problems", len(problems)+more)
	}
	if rows == 0 {
		return 0, fault.Invalidf("the file has no cases")
	}
	return rows, nil
}

// errCheckFailed stops a second pass whose first has found problems.
var errCheckFailed = errors.New("the file has problems")

// writeFile is the second pass: rows upserted in batches, encoded on one
// goroutine (encodeCases) while this one writes, stopping early when the
// check has failed.
func (s *Store) writeFile(ctx context.Context, tx *gorm.DB, src io.Reader, format tabular.Format, rr *rowReader, check *checkRun) (created int, err error) {
	// New cases are counted as the source's cases after less before: one
	// count each, not one per batch.
	var before, after int64
	if err := tx.Model(&caseRow{}).Where("source = ?", rr.source).Count(&before).Error; err != nil {
		return 0, err
	}
	tr, err := s.open(src, format, rr)
	if err != nil {
		return 0, err
	}
	defer tr.Close()
	up, err := newUpserter(ctx, tx, s.db)
	if err != nil {
		return 0, err
	}
	defer up.Close()

	batches := make(chan importBatch, 1)
	stop := make(chan struct{})
	added := totalsDelta{}
	var encodeErr error
	go func() {
		defer close(batches)
		encodeErr = encodeCases(tr, rr, up, check, added, batches, stop)
	}()
	w := &importWriter{s: s, tx: tx, up: up, source: rr.source, held: before > 0, totals: totalsDelta{}}
	var writeErr error
	for b := range batches {
		if writeErr == nil {
			if writeErr = w.write(ctx, b); writeErr != nil {
				close(stop) // and take what the encoder had already sent
			}
		}
	}
	switch {
	case writeErr != nil:
		return 0, writeErr
	case encodeErr != nil:
		return 0, encodeErr
	}
	if err := w.finish(ctx, added); err != nil {
		return 0, err
	}
	if err := tx.Model(&caseRow{}).Where("source = ?", rr.source).Count(&after).Error; err != nil {
		return 0, err
	}
	return int(after - before), nil
}

// eachRow calls fn with every row of the file, in order.
func eachRow(tr *tabular.Reader, fn func(tabular.Row) error) error {
	for {
		row, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(row); err != nil {
			return err
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
