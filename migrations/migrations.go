// Package migrations holds Pingyi's versioned schema: SQL files embedded in
// the binary, applied in order, each recorded in schema_migrations.
//
// Files are named NNNN_name.up.sql and NNNN_name.down.sql and are never
// edited once released: a change is a new version. On SQLite each migration
// runs in one transaction. MySQL commits every DDL statement on its own, so
// there a migration that fails halfway must be finished by hand; that is why
// each file keeps to a few statements.
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"pingyi/storage"
)

//go:embed sql/*.sql
var files embed.FS

// Migration is one schema version.
type Migration struct {
	Version int
	Name    string
	up      string
	down    string
}

var fileName = regexp.MustCompile(`^(\d{4})_([a-z0-9_]+)\.(up|down)\.sql$`)

// All returns the embedded migrations in version order.
func All() ([]Migration, error) {
	entries, err := fs.ReadDir(files, "sql")
	if err != nil {
		return nil, err
	}
	byVersion := map[int]*Migration{}
	for _, e := range entries {
		m := fileName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migration file %q is not named NNNN_name.up|down.sql", e.Name())
		}
		version, _ := strconv.Atoi(m[1])
		body, err := fs.ReadFile(files, "sql/"+e.Name())
		if err != nil {
			return nil, err
		}
		mig := byVersion[version]
		if mig == nil {
			mig = &Migration{Version: version, Name: m[2]}
			byVersion[version] = mig
		}
		if mig.Name != m[2] {
			return nil, fmt.Errorf("migration %04d has two names: %s and %s", version, mig.Name, m[2])
		}
		if m[3] == "up" {
			mig.up = string(body)
		} else {
			mig.down = string(body)
		}
	}
	var all []Migration
	for _, m := range byVersion {
		if m.up == "" || m.down == "" {
			return nil, fmt.Errorf("migration %04d_%s needs both an up and a down file", m.Version, m.Name)
		}
		all = append(all, *m)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Version < all[j].Version })
	return all, nil
}

// statements renders a migration body for a dialect and splits it into
// statements. Files end each statement with a semicolon at the end of a line.
func statements(d storage.Dialect, name, body string) ([]string, error) {
	sql, err := render(d, name, body)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range strings.Split(sql, ";\n") {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ";"))
		if s != "" && !isComment(s) {
			out = append(out, s)
		}
	}
	return out, nil
}

func isComment(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "--") {
			return false
		}
	}
	return true
}
