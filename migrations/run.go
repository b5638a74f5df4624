package migrations

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
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
	err = withLock(ctx, db, func(renew func() error) error {
		for _, m := range all {
			done, err := apply(ctx, db, m, true)
			if err != nil {
				return err
			}
			if done {
				applied = append(applied, m)
				if err := renew(); err != nil {
					return err
				}
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
	err = withLock(ctx, db, func(renew func() error) error {
		for i := len(all) - 1; i >= 0 && len(reverted) < steps; i-- {
			done, err := apply(ctx, db, all[i], false)
			if err != nil {
				return err
			}
			if done {
				reverted = append(reverted, all[i])
				if err := renew(); err != nil {
					return err
				}
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
// transactions already do. On MySQL it is a lease on a row of
// schema_migrations_lock, taken by a conditional UPDATE that commits at
// once. A named lock (GET_LOCK) would not do: it belongs to one server,
// and on a Galera cluster two processes migrating through two nodes both
// got it and both ran the same CREATE TABLE. A committed row write is
// replicated and certified cluster-wide: of two nodes taking the lease at
// once, one commits and the other's write fails certification (retried,
// it then finds the lease held). Row locks (SELECT … FOR UPDATE) would not
// do either: Galera does not replicate them, and DDL commits the
// transaction that holds them.
//
// fn calls renew after each migration it applies.
func withLock(ctx context.Context, db *storage.DB, fn func(renew func() error) error) error {
	if err := ensureLedger(ctx, db); err != nil {
		return err
	}
	if db.Dialect != storage.MySQL {
		return fn(func() error { return nil })
	}
	l, err := takeLease(ctx, db)
	if err != nil {
		return err
	}
	defer l.release()
	return fn(l.renew)
}

// leaseFor is how long a migration lease lasts without renewal: a process
// that dies holding it delays the next one by at most this much. Each
// applied migration renews it (see lease.renew).
const leaseFor = 2 * time.Minute

// leaseWait is how long a process waits for another's migrations.
const leaseWait = 10 * time.Minute

type lease struct {
	ctx    context.Context
	db     *storage.DB
	holder string
}

func takeLease(ctx context.Context, db *storage.DB) (*lease, error) {
	types := dialectTypes[db.Dialect]
	if err := db.WithContext(ctx).Exec(fmt.Sprintf(
		"CREATE TABLE IF NOT EXISTS %s_lock (name VARCHAR(32) NOT NULL PRIMARY KEY, holder VARCHAR(64) NULL, expires_at %s NULL) %s",
		ledger, types.Time, types.Table)).Error; err != nil {
		return nil, err
	}
	if _, err := storage.Retry(func() (int, error) {
		return 0, db.WithContext(ctx).Exec("INSERT IGNORE INTO " + ledger + "_lock (name) VALUES ('migrations')").Error
	}); err != nil {
		return nil, err
	}
	l := &lease{ctx: ctx, db: db, holder: leaseHolder()}
	deadline := time.Now().Add(leaseWait)
	for {
		took, err := storage.Retry(func() (int64, error) {
			now := db.Now()
			res := db.WithContext(ctx).Exec("UPDATE "+ledger+"_lock SET holder = ?, expires_at = ? WHERE name = 'migrations' AND (holder IS NULL OR expires_at < ?)",
				l.holder, now.Add(leaseFor), now)
			return res.RowsAffected, res.Error
		})
		if err != nil {
			return nil, err
		}
		if took == 1 {
			return l, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("another process has held the migration lock for over %s", leaseWait)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// renew extends the lease after a migration, so a long run of them keeps it.
func (l *lease) renew() error {
	_, err := storage.Retry(func() (int, error) {
		return 0, l.db.WithContext(l.ctx).Exec("UPDATE "+ledger+"_lock SET expires_at = ? WHERE name = 'migrations' AND holder = ?",
			l.db.Now().Add(leaseFor), l.holder).Error
	})
	return err
}

func (l *lease) release() {
	storage.Retry(func() (int, error) {
		return 0, l.db.WithContext(context.WithoutCancel(l.ctx)).Exec("UPDATE "+ledger+"_lock SET holder = NULL, expires_at = NULL WHERE name = 'migrations' AND holder = ?", l.holder).Error
	})
}

// leaseHolder names this process in the lease: host, process id and a
// random part, so two processes never take each other's lease for theirs.
func leaseHolder() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%.32s/%d/%x", host, os.Getpid(), b)
}
