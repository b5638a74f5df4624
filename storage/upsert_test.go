package storage_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// probe has a column of every kind an Upserter carries.
type probe struct {
	ID     int64
	K      string `gorm:"size:40;uniqueIndex"`
	S      string
	I      int64
	N      int
	B      bool
	T      time.Time
	PS     *string
	PI     *int64
	PN     *int
	PB     *bool
	PT     *time.Time
	BL     []byte
	Unused string
}

var probeColumns = []string{"k", "s", "i", "n", "b", "t", "ps", "pi", "pn", "pb", "pt", "bl"}

func probeValues(p probe) []any {
	return []any{p.K, p.S, p.I, p.N, p.B, p.T, p.PS, p.PI, p.PN, p.PB, p.PT, p.BL}
}

func probeRows(round int) []probe {
	china := time.FixedZone("CST", 8*3600)
	s, i, n, yes := "文本 \"quoted\" \\ back\tslash\n", int64(-9007199254740993), -7, true
	at := time.Date(2026, 3, 2, 9, 30, 15, 123456000, china)
	rows := []probe{
		{K: "plain", S: "x", I: 1, N: 2, B: true, T: at.UTC(), BL: []byte{0, 1, 0xff, 0x80, 0}},
		{K: "pointers", S: "", T: at, PS: &s, PI: &i, PN: &n, PB: &yes, PT: &at},
		{K: "controls", S: "\x01\x1f\u007f😀 end", I: 1 << 62, T: at.Add(time.Microsecond).UTC(), BL: []byte{}},
	}
	if round == 2 {
		rows[0].S, rows[0].PS, rows[0].B = "changed", &s, false
		rows = append(rows[:1], probe{K: "new", S: "later", T: at})
	}
	return rows
}

// TestUpserterStoresWhatParametersStore writes the same rows twice, once a
// row at a time with parameters and once through an Upserter (on SQLite,
// values bound to a statement prepared once), and finds the two tables alike value for value and type for
// type: a row inserted, then updated by key, then a new one added. Batches
// of two rows make three rows a full batch and a part.
func TestUpserterStoresWhatParametersStore(t *testing.T) {
	defer storage.SmallSQLiteBatches(2)()
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		for _, table := range []string{"probe_params", "probe_batch"} {
			if err := db.Gorm.Table(table).AutoMigrate(&probe{}); err != nil {
				t.Fatal(err)
			}
		}
		onConflict := db.OnConflictUpdate([]string{"k"}, []string{"s", "b", "ps"})
		for round := 1; round <= 2; round++ {
			err := db.Tx(ctx, func(tx *gorm.DB) error {
				for _, p := range probeRows(round) {
					sql := "INSERT INTO probe_params (" + strings.Join(probeColumns, ", ") + ") VALUES (" +
						strings.Repeat("?, ", len(probeColumns)-1) + "?)" + onConflict
					if err := tx.Exec(sql, probeValues(p)...).Error; err != nil {
						return err
					}
				}
				return upsertProbes(ctx, db, tx, storage.UpsertInto{Table: "probe_batch", Columns: probeColumns,
					Key: []string{"k"}, Update: []string{"s", "b", "ps"}, ID: "id"}, probeRows(round), nil)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		want, got := probeTable(t, db, "probe_params"), probeTable(t, db, "probe_batch")
		if len(want) != 4 || !reflect.DeepEqual(got, want) {
			t.Errorf("through the Upserter:\n%v\nwith parameters:\n%v", got, want)
		}
	})
}

// probeTable reads a probe table as the driver gives its values, and its
// times also as the text stored.
func probeTable(t *testing.T, db *storage.DB, table string) [][]any {
	// Not the id: MariaDB spends auto-increment values on updated rows
	// differently for one row and for many in a statement.
	rows, err := db.Gorm.Raw("SELECT " + strings.Join(probeColumns, ", ") +
		", CAST(t AS CHAR), CAST(pt AS CHAR) FROM " + table + " ORDER BY id").Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		row := make([]any, len(probeColumns)+2)
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range row {
			if b, ok := v.([]byte); ok {
				row[i] = string(b)
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// AddCounts adds to the rows it finds and inserts the others, over more
// rows than one statement carries, on both databases.
func TestAddCountsAddsToHeldRows(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.Gorm.Exec(`CREATE TABLE counts_probe (k VARCHAR(16) NOT NULL, m INT NOT NULL,
			a BIGINT NOT NULL, b BIGINT NOT NULL, PRIMARY KEY (k, m))`).Error; err != nil {
			t.Fatal(err)
		}
		add := func(lo, hi int, b int64) {
			var rows [][]any
			for i := lo; i < hi; i++ {
				rows = append(rows, []any{fmt.Sprint("u", i%7), i, int64(i), b})
			}
			err := db.Tx(ctx, func(tx *gorm.DB) error {
				return db.AddCounts(ctx, tx, "counts_probe", []string{"k", "m"}, []string{"a", "b"}, rows)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		add(0, 600, 1)    // all new
		add(300, 900, -3) // half held, half new
		var got struct{ N, A, B, Held int64 }
		if err := db.Gorm.Raw(`SELECT COUNT(*) AS n, SUM(a) AS a, SUM(b) AS b,
			SUM(CASE WHEN b = -2 AND a = 2 * m THEN 1 ELSE 0 END) AS held FROM counts_probe`).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		// a: 0..599 once, 300..899 once more; b: 600 × 1 and 600 × -3.
		want := struct{ N, A, B, Held int64 }{900, 599*600/2 + (899*900/2 - 299*300/2), 600 - 1800, 300}
		if got != want {
			t.Errorf("after two additions: %+v, want %+v", got, want)
		}
	})
}

// TestUpserterLeavesUnchangedRowsAlone upserts rows again, one unchanged
// but for its touched column, one whose text changed, one whose pointer
// became NULL: the changed rows take the new values and touch, the
// unchanged row keeps its old touch.
func TestUpserterLeavesUnchangedRowsAlone(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.Gorm.Table("probe_touch").AutoMigrate(&probe{}); err != nil {
			t.Fatal(err)
		}
		into := storage.UpsertInto{Table: "probe_touch", Columns: probeColumns, Key: []string{"k"},
			Update: []string{"s", "i", "ps"}, Touched: "i", ID: "id"}
		text := "text"
		// held gives the ids of held rows, as an import that looked them up
		// would; "text" goes without, to be updated by its key.
		write := func(touch int64, held map[string]int64, rows ...probe) {
			t.Helper()
			for i := range rows {
				rows[i].I = touch
			}
			err := db.Tx(ctx, func(tx *gorm.DB) error {
				return upsertProbes(ctx, db, tx, into, rows, func(batch *storage.Batch) {
					for i, p := range rows { // once the batch is filled, as an import marks them
						if id, ok := held[p.K]; ok && p.K != "text" {
							batch.Held(i, id)
						}
					}
				})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		ids := func() map[string]int64 {
			var rows []probe
			if err := db.Gorm.Table("probe_touch").Find(&rows).Error; err != nil {
				t.Fatal(err)
			}
			m := map[string]int64{}
			for _, p := range rows {
				m[p.K] = p.ID
			}
			return m
		}
		write(1, nil, probe{K: "same", S: "a", PS: &text}, probe{K: "text", S: "b"}, probe{K: "null", S: "c", PS: &text})
		before := ids()
		write(2, before, probe{K: "same", S: "a", PS: &text}, probe{K: "text", S: "B"}, probe{K: "null", S: "c"}, probe{K: "new", S: "d"})
		after := ids()
		for k, id := range before {
			if after[k] != id {
				t.Errorf("row %s: id %d, then %d", k, id, after[k])
			}
		}
		var got []probe
		if err := db.Gorm.Table("probe_touch").Order("k").Find(&got).Error; err != nil {
			t.Fatal(err)
		}
		summary := map[string]string{}
		for _, p := range got {
			summary[p.K] = fmt.Sprintf("%s %d %v", p.S, p.I, p.PS != nil)
		}
		if summary["new"] != "d 2 false" || after["new"] == 0 {
			t.Errorf("the new row: %q, id %d", summary["new"], after["new"])
		}
		if summary["same"] != "a 1 true" || summary["text"] != "B 2 false" || summary["null"] != "c 2 false" {
			t.Errorf("after the second upsert: %v", summary)
		}
	})
}

// TestUpserterWritesInItsTransaction: what an Upserter writes (on SQLite
// through the connection's own handle, beside the driver) is seen by the
// transaction's other statements and rolled back with it, and a
// transaction after it finds the connection as the driver left it.
func TestUpserterWritesInItsTransaction(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.Gorm.Table("probe_tx").AutoMigrate(&probe{}); err != nil {
			t.Fatal(err)
		}
		into := storage.UpsertInto{Table: "probe_tx", Columns: probeColumns, Key: []string{"k"}, Update: []string{"s"}}
		write := func(rows []probe, then error) error {
			return db.Tx(ctx, func(tx *gorm.DB) error {
				if err := upsertProbes(ctx, db, tx, into, rows, nil); err != nil {
					return err
				}
				var seen int64
				if err := tx.Table("probe_tx").Count(&seen).Error; err != nil {
					return err
				}
				if seen != int64(len(rows)) {
					t.Errorf("the transaction sees %d rows of the %d it wrote", seen, len(rows))
				}
				return then
			})
		}
		undo := errors.New("undo")
		if err := write(probeRows(1), undo); err != undo {
			t.Fatalf("want the transaction's own error, got %v", err)
		}
		var left int64
		db.Gorm.Table("probe_tx").Count(&left)
		if left != 0 {
			t.Errorf("%d rows outlived their rolled back transaction", left)
		}
		if err := write(probeRows(1), nil); err != nil {
			t.Fatal(err)
		}
		db.Gorm.Table("probe_tx").Count(&left)
		if left != int64(len(probeRows(1))) {
			t.Errorf("%d rows after a committed write of %d", left, len(probeRows(1)))
		}
	})
}

// TestUpserterWithoutKeyRefusesHeldKeys: an Upserter without a key only
// inserts. A row whose unique key is held fails the write as a duplicate,
// in a full batch (MySQL's prepared statement) as in a part, and its
// transaction leaves nothing behind.
func TestUpserterWithoutKeyRefusesHeldKeys(t *testing.T) {
	defer storage.SmallSQLiteBatches(3)()
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.Gorm.Table("probe_insert").AutoMigrate(&probe{}); err != nil {
			t.Fatal(err)
		}
		into := storage.UpsertInto{Table: "probe_insert", Columns: probeColumns}
		insert := func(keys ...string) error {
			rows := make([]probe, len(keys))
			for i, k := range keys {
				rows[i] = probe{K: k, BL: []byte(k)}
			}
			return db.Tx(ctx, func(tx *gorm.DB) error { return upsertProbes(ctx, db, tx, into, rows, nil) })
		}
		if err := insert("a", "b"); err != nil {
			t.Fatal(err)
		}
		full := make([]string, db.RowsPerInsert(len(probeColumns)))
		if db.Dialect == storage.SQLite {
			full = full[:3]
		}
		for i := range full {
			full[i] = fmt.Sprintf("new-%d", i)
		}
		full[len(full)-1] = "a"
		for _, keys := range [][]string{full, {"c", "b"}} {
			if err := insert(keys...); !storage.IsDuplicate(err) {
				t.Errorf("%d rows, the last one held: want a duplicate, got %v", len(keys), err)
			}
		}
		var stored []probe
		if err := db.Gorm.Table("probe_insert").Order("k").Find(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if len(stored) != 2 || stored[0].K != "a" || string(stored[1].BL) != "b" {
			t.Errorf("after the refused writes: %+v", stored)
		}
	})
}

// upsertProbes writes rows through an Upserter in tx, a full batch at a
// time; mark, if set, marks held rows in each batch once it is filled
// (rows counted from the batch's first).
func upsertProbes(ctx context.Context, db *storage.DB, tx *gorm.DB, into storage.UpsertInto, rows []probe, mark func(*storage.Batch)) error {
	up, err := db.NewUpserter(ctx, tx, into)
	if err != nil {
		return err
	}
	defer up.Close()
	batch := up.NewBatch()
	write := func() error {
		if mark != nil {
			mark(batch)
		}
		return up.Write(ctx, batch)
	}
	for _, p := range rows {
		full, err := batch.Add(probeValues(p))
		if err != nil {
			return err
		}
		if full {
			if err := write(); err != nil {
				return err
			}
			batch = up.NewBatch()
		}
	}
	return write()
}
