package storage

import (
	"errors"
	"strings"

	mysqldriver "github.com/go-sql-driver/mysql"
)

// IsRetryable reports an error after which the whole transaction may simply
// run again: a deadlock (1213) or a lock wait timeout (1205) on MySQL, a
// busy or locked database on SQLite. Work queues that many processes claim
// from at once meet these in normal operation.
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1213 || me.Number == 1205
	}
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")
}

// retryAttempts bounds Retry: a deadlock that recurs five times in a row is
// no longer bad luck.
const retryAttempts = 5

// Retry runs op, a whole transaction, again when the database reports a
// deadlock or a lock wait timeout (IsRetryable). Pass only operations that
// are safe to repeat whole: the failed run's transaction rolled back.
func Retry[T any](op func() (T, error)) (T, error) {
	for attempt := 1; ; attempt++ {
		v, err := op()
		if err == nil || attempt == retryAttempts || !IsRetryable(err) {
			return v, err
		}
	}
}
