package storage

import (
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"

	mysqldriver "github.com/go-sql-driver/mysql"
)

// IsRetryable reports an error after which the whole transaction may simply
// run again: a deadlock (1213) or a lock wait timeout (1205) on MySQL, a
// busy or locked database on SQLite. Work queues that many processes claim
// from at once meet these in normal operation, and so does every writer on
// a Galera cluster: a transaction that loses certification against a
// transaction committed through another node is answered with 1213
// ("WSREP detected deadlock/conflict and aborted the transaction").
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1213 || me.Number == 1205 || strings.Contains(me.Message, "WSREP detected deadlock/conflict")
	}
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "WSREP detected deadlock/conflict")
}

// conflictCode names a retryable error for logs: its MySQL error number or
// "busy", never its message, which may quote a statement.
func conflictCode(err error) string {
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) {
		if me.Number == 1205 {
			return "lock wait timeout (1205)"
		}
		return "deadlock or certification conflict (1213)"
	}
	return "database busy"
}

// retryAttempts bounds Retry: a deadlock that recurs five times in a row is
// no longer bad luck.
const retryAttempts = 5

// retriedConflicts counts the transactions run again after a conflict, in
// this process (exported to /metrics through RetriedConflicts).
var retriedConflicts atomic.Int64

// RetriedConflicts is how many times this process has run a transaction
// again after a deadlock, a certification conflict, a lock wait timeout or
// a busy database.
func RetriedConflicts() int64 { return retriedConflicts.Load() }

// Retry runs op, a whole transaction, again when the database reports a
// deadlock or a lock wait timeout (IsRetryable). Pass only operations that
// are safe to repeat whole: the failed run's transaction rolled back.
// Every DB.Tx already retries itself; Retry is for an operation made of
// more than one transaction, or of other stores' calls.
func Retry[T any](op func() (T, error)) (T, error) {
	return retry(slog.Default(), op)
}

// retry is Retry reporting to log: each retry a debug line, giving up a
// warning, both naming the error by its number only — the statement and
// its values stay out of the log.
func retry[T any](log *slog.Logger, op func() (T, error)) (T, error) {
	for attempt := 1; ; attempt++ {
		v, err := op()
		if err == nil || !IsRetryable(err) {
			return v, err
		}
		if attempt == retryAttempts {
			log.Warn("a transaction met conflicts on every attempt; giving up", "attempts", attempt, "conflict", conflictCode(err))
			return v, err
		}
		retriedConflicts.Add(1)
		log.Debug("transaction conflict; running it again", "attempt", attempt, "conflict", conflictCode(err))
	}
}
