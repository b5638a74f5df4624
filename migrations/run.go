package migrations

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"pingyi/storage"
)

const ledger = "schema_migrations"

// State is a migration and when it was applied (nil: pending).
type State struct {
	Migration
	AppliedAt *time.Time
}

// Up applies every pending migration in order and returns those it applied.
// Several processes may call it at once: one applies, the others wait and
// find nothing left to do.
func Up(ctx context.Context, db *storage.DB) ([]Migration, error) {
	all, err := All()
	if err != nil {
		return nil, err
	}
	var applied []Migration
	err = withLock(ctx, db, func() error {
		for _, m := range all {
			done, err := apply(ctx, db, m, true)
			if err != nil {
				return err
			}
			if done {
				applied = append(applied, m)
			}
		}
		return nil
	})
	return applied, err
}

// Down reverts the newest `steps` applied migrations.
func Down(ctx context.Context, db *storage.DB, steps int) ([]Migration, error) {
	all, err := All()
	if err != nil {
		return nil, err
	}
	var reverted []Migration
	err = withLock(ctx, db, func() error {
		for i := len(all) - 1; i >= 0 && len(reverted) < steps; i-- {
			done, err := apply(ctx, db, all[i], false)
			if err != nil {
				return err
			}
			if done {
				reverted = append(reverted, all[i])
			}
		}
		return nil
	})
	return reverted, err
}

// Status lists every migration with the time it was applied.
func Status(ctx context.Context, db *storage.DB) ([]State, error) {
	all, err := All()
	if err != nil {
		return nil, err
	}
	if err := ensureLedger(ctx, db); err != nil {
		return nil, err
	}
	var rows []ledgerRow
	if err := db.WithContext(ctx).Table(ledger).Find(&rows).Error; err != nil {
		return nil, err
	}
	at := map[int]time.Time{}
	for _, r := range rows {
		at[r.Version] = r.AppliedAt
	}
	states := make([]State, len(all))
	for i, m := range all {
		states[i] = State{Migration: m}
		if t, ok := at[m.Version]; ok {
			states[i].AppliedAt = &t
		}
	}
	return states, nil
}

type ledgerRow struct {
	Version   int
	Name      string
	AppliedAt time.Time
}

// apply runs one migration up or down unless the ledger says it is already
// in that state; the check and the change share a transaction.
func apply(ctx context.Context, db *storage.DB, m Migration, up bool) (bool, error) {
	body := m.down
	if up {
		body = m.up
	}
	stmts, err := statements(db.Dialect, fmt.Sprintf("%04d_%s", m.Version, m.Name), body)
	if err != nil {
		return false, err
	}
	done := false
	err = db.Tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table(ledger).Where("version = ?", m.Version).Count(&n).Error; err != nil {
			return err
		}
		if (n > 0) == up {
			return nil
		}
		for _, s := range stmts {
			if err := tx.Exec(s).Error; err != nil {
				return fmt.Errorf("migration %04d_%s (%s): %w", m.Version, m.Name, direction(up), err)
			}
		}
		if up {
			err = tx.Table(ledger).Create(&ledgerRow{Version: m.Version, Name: m.Name, AppliedAt: db.Now()}).Error
		} else {
			err = tx.Table(ledger).Where("version = ?", m.Version).Delete(nil).Error
		}
		done = err == nil
		return err
	})
	return done, err
}

func direction(up bool) string {
	if up {
		return "up"
	}
	return "down"
}

func ensureLedger(ctx context.Context, db *storage.DB) error {
	types := dialectTypes[db.Dialect]
	return db.WithContext(ctx).Exec(fmt.Sprintf(
		"CREATE TABLE IF NOT EXISTS %s (version %s NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at %s NOT NULL) %s",
		ledger, types.Int, types.Time, types.Table)).Error
}

// withLock serialises migrations across processes. SQLite's immediate
// transactions already do; MySQL needs a named lock, held on one pinned
// connection because GET_LOCK belongs to a session.
func withLock(ctx context.Context, db *storage.DB, fn func() error) error {
	if err := ensureLedger(ctx, db); err != nil {
		return err
	}
	if db.Dialect != storage.MySQL {
		return fn()
	}
	return db.WithContext(ctx).Connection(func(conn *gorm.DB) error {
		var got int
		if err := conn.Raw("SELECT GET_LOCK('pingyi_migrations', 120)").Scan(&got).Error; err != nil {
			return err
		}
		if got != 1 {
			return fmt.Errorf("another process holds the migration lock for over 2 minutes")
		}
		defer conn.Exec("SELECT RELEASE_LOCK('pingyi_migrations')")
		return fn()
	})
}
