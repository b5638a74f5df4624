// Package audit keeps the append-only record of every committee and
// administrator action: exclusions, approvals, publications, account and
// campaign changes.
//
// Entries form a hash chain: each entry's hash is an HMAC, under a key
// derived from PINGYI_SECRET_KEY, of its content and the previous entry's
// hash, and audit_head holds the newest link. Editing or deleting any entry,
// even the newest, breaks the chain. Because the chain is keyed, someone who
// can write to the database but does not hold the key cannot rebuild it.
package audit

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"pingyi/secret"
	"pingyi/storage"
)

// Entry is an action to record. Detail is stored as JSON and must never
// hold personal data (phone numbers, IPs).
type Entry struct {
	Actor  Actor  // who: the log records the login (the hashed bytes are the login's, as ever)
	Action string // e.g. campaign.create, exclusion.add
	Object string // what it acted on, e.g. campaign:2026-annual
	Detail any
}

// Record is a stored entry.
type Record struct {
	Seq      int64
	At       time.Time
	Actor    string
	Action   string
	Object   string
	Detail   string
	PrevHash string
	Hash     string
}

// TableName ties Record to the audit_log table.
func (Record) TableName() string { return "audit_log" }

type head struct {
	ID   int
	Seq  int64
	Hash string
}

func (head) TableName() string { return "audit_head" }

// Log appends to and verifies the audit trail.
type Log struct {
	db   *storage.DB
	keys *secret.Keys
}

// New returns the audit log of db.
func New(db *storage.DB, keys *secret.Keys) *Log { return &Log{db: db, keys: keys} }

// Append records e inside the caller's transaction tx, so an action and its
// record are written together or not at all. Appends are serialised on the
// audit_head row.
func (l *Log) Append(tx *gorm.DB, e Entry) error { return l.AppendAll(tx, []Entry{e}) }

// AppendAll records entries in order inside tx, reading and moving the
// chain's head once: several actions sharing one transaction (a group of
// submissions committed together) hold audit_head for one read and one
// update, not one each.
func (l *Log) AppendAll(tx *gorm.DB, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	var h head
	if err := l.db.Locked(tx.Where("id = 1"), storage.ForUpdate).Take(&h).Error; err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	records := make([]Record, len(entries))
	prev := h
	for i, e := range entries {
		detail, err := json.Marshal(e.Detail)
		if err != nil {
			return fmt.Errorf("audit detail: %w", err)
		}
		r := Record{Seq: prev.Seq + 1, At: l.db.Now(), Actor: e.Actor.String(), Action: e.Action,
			Object: e.Object, Detail: string(detail), PrevHash: prev.Hash}
		r.Hash = l.hash(r)
		records[i], prev.Seq, prev.Hash = r, r.Seq, r.Hash
	}
	if err := tx.CreateInBatches(records, l.db.RowsPerInsert(recordColumns)).Error; err != nil {
		return fmt.Errorf("audit append: %w", err)
	}
	return tx.Model(&head{}).Where("id = 1").Updates(map[string]any{"seq": prev.Seq, "hash": prev.Hash}).Error
}

// recordColumns are the columns an inserted Record binds.
const recordColumns = 8

// hash is the chain link: every field length-prefixed, so no two different
// entries encode alike.
func (l *Log) hash(r Record) string {
	var b []byte
	for _, f := range []string{r.PrevHash, strconv.FormatInt(r.Seq, 10),
		r.At.UTC().Format("2006-01-02T15:04:05.000000Z"), r.Actor, r.Action, r.Object, r.Detail} {
		b = strconv.AppendInt(b, int64(len(f)), 10)
		b = append(b, ':')
		b = append(b, f...)
	}
	return hex.EncodeToString(l.keys.MAC(secret.Audit, b))
}

// List returns entries, newest first, optionally only those about object.
func (l *Log) List(ctx context.Context, object string, limit int) ([]Record, error) {
	q := l.db.WithContext(ctx).Order("seq DESC").Limit(limit)
	if object != "" {
		q = q.Where("object = ?", object)
	}
	var out []Record
	return out, q.Find(&out).Error
}

// Entries returns every entry of one action, oldest first.
func (l *Log) Entries(ctx context.Context, action string) ([]Record, error) {
	var out []Record
	return out, l.db.WithContext(ctx).Where("action = ?", action).Order("seq").Find(&out).Error
}
