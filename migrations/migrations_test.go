package migrations_test

import (
	"context"
	"testing"

	"pingyi/migrations"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// Every migration goes up and down cleanly, one step at a time, and up
// again, on every back end: a down file that forgets a table would make the
// second up fail.
func TestEveryMigrationUpDownUp(t *testing.T) {
	all, err := migrations.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			db := storagetest.OpenEmpty(t, d)
			applied, err := migrations.Up(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if len(applied) != len(all) {
				t.Fatalf("applied %d of %d migrations", len(applied), len(all))
			}
			tables := tableCount(t, db)
			for i := len(all) - 1; i >= 0; i-- {
				reverted, err := migrations.Down(ctx, db, 1)
				if err != nil {
					t.Fatalf("down from %04d: %v", all[i].Version, err)
				}
				if len(reverted) != 1 || reverted[0].Version != all[i].Version {
					t.Fatalf("down reverted %v, want %04d", reverted, all[i].Version)
				}
			}
			// The ledger remains, and on MySQL the lease row's table (withLock).
			if n, want := tableCount(t, db), map[storage.Dialect]int{storage.SQLite: 1, storage.MySQL: 2}[d]; n != want {
				t.Fatalf("after all downs %d tables remain, want %d (the ledger and its lock)", n, want)
			}
			if again, err := migrations.Up(ctx, db); err != nil || len(again) != len(all) {
				t.Fatalf("second up: %d applied, %v", len(again), err)
			}
			if n := tableCount(t, db); n != tables {
				t.Fatalf("second up made %d tables, first made %d", n, tables)
			}
			if more, err := migrations.Up(ctx, db); err != nil || len(more) != 0 {
				t.Fatalf("up on a current schema applied %d, %v", len(more), err)
			}
		})
	}
}

func TestStatusReportsAppliedAndPending(t *testing.T) {
	ctx := context.Background()
	db := storagetest.OpenEmpty(t, storage.SQLite)
	if _, err := migrations.Up(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Down(ctx, db, 1); err != nil {
		t.Fatal(err)
	}
	states, err := migrations.Status(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	last := states[len(states)-1]
	if last.AppliedAt != nil {
		t.Errorf("newest migration %04d reported applied after down", last.Version)
	}
	for _, s := range states[:len(states)-1] {
		if s.AppliedAt == nil {
			t.Errorf("migration %04d reported pending", s.Version)
		}
	}
}

func TestConcurrentUpAppliesEachMigrationOnce(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			dsn := storagetest.DSN(t, d)
			ctx := context.Background()
			results := make(chan int, 3)
			errs := make(chan error, 3)
			for range 3 {
				go func() {
					db, err := storage.Open(ctx, dsn, storage.Options{})
					if err != nil {
						errs <- err
						return
					}
					defer db.Close()
					applied, err := migrations.Up(ctx, db)
					errs <- err
					results <- len(applied)
				}()
			}
			total := 0
			for range 3 {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			for range 3 {
				total += <-results
			}
			all, _ := migrations.All()
			if total != len(all) {
				t.Fatalf("three processes applied %d migrations in all, want %d", total, len(all))
			}
		})
	}
}

func tableCount(t *testing.T, db *storage.DB) int {
	t.Helper()
	tables, err := db.Gorm.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range tables {
		if name != "sqlite_sequence" {
			n++
		}
	}
	return n
}
