package storage

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestDialectChecksStayInTheSeam walks every Go file of the module, tests
// included, and fails on a dialect check outside storage/ and migrations/.
// A dialect check is code that does one thing on SQLite and another on
// MySQL; dialect.go offers each such thing once. Naming a dialect is not a
// check: storagetest.Backends and apptest.New take one as a parameter.
func TestDialectChecksStayInTheSeam(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "storage" || rel == "migrations" || strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		files++
		src, err := parseFile(path)
		if err != nil {
			return err
		}
		for _, f := range dialectChecks(src.fset, src.file) {
			t.Errorf("%s:%s: %s outside storage/ and migrations/: use storage.DB.Locked, TxReadCommitted, RowsPerInsert, File or Retry (storage/dialect.go), or add what is missing there", rel, f.pos, f.what)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("walked %d Go files under %s; expected the whole module", files, root)
	}
}

// TestDialectCheckerFindsEachForm keeps the walk above honest: each form it
// forbids is found, and naming a dialect as a parameter is not.
func TestDialectCheckerFindsEachForm(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // "" for none
	}{
		{"equal", `if db.Dialect == storage.MySQL {}`, "comparison with a dialect"},
		{"not equal reversed", `if storage.SQLite != s.db.Dialect {}`, "comparison with a dialect"},
		{"target", `ok := target.Dialect == "sqlite"; _ = ok`, "comparison with a dialect"},
		{"switch on field", `switch db.Dialect { default: }`, "switch on a dialect"},
		{"switch cases", `switch d { case storage.SQLite: }`, "switch on a dialect"},
		{"tagless switch", `switch { case db.Dialect == storage.MySQL: }`, "comparison with a dialect"},
		{"dialector name", `_ = tx.Dialector.Name()`, "Dialector.Name()"},
		{"locking clause", `q = q.Clauses(clause.Locking{Strength: "UPDATE"})`, "clause.Locking"},
		{"isolation", `_ = &sql.TxOptions{Isolation: sql.LevelReadCommitted}`, "sql.TxOptions"},
		{"parameter", `h := apptest.New(t, storage.SQLite); _ = h`, ""},
		{"log", `t.Logf("%s", db.Dialect)`, ""},
		{"seam", `q = db.Locked(q, storage.ForUpdate)`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "package p\nfunc f() {\n" + tt.body + "\n}\n"
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, "p.go", src, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := dialectChecks(fset, file)
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("%s: found %v, want nothing", tt.body, got)
			case tt.want != "" && (len(got) == 0 || got[0].what != tt.want):
				t.Errorf("%s: found %v, want %q", tt.body, got, tt.want)
			}
		})
	}
}

type parsed struct {
	fset *token.FileSet
	file *ast.File
}

func parseFile(path string) (parsed, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	return parsed{fset, file}, err
}

type finding struct {
	pos  string
	what string
}

func (f finding) String() string { return fmt.Sprintf("%s %s", f.pos, f.what) }

// dialectChecks lists a file's dialect checks: a comparison or a switch on
// a dialect value (a .Dialect field, storage.SQLite, storage.MySQL), a call
// of gorm's Dialector.Name(), a clause.Locking row lock and an sql.TxOptions
// isolation level.
func dialectChecks(fset *token.FileSet, file *ast.File) []finding {
	var out []finding
	add := func(n ast.Node, what string) {
		p := fset.Position(n.Pos())
		out = append(out, finding{fmt.Sprintf("%d:%d", p.Line, p.Column), what})
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && (isDialect(n.X) || isDialect(n.Y)) {
				add(n, "comparison with a dialect")
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && (isDialect(n.Tag) || casesNameDialects(n.Body)) {
				add(n, "switch on a dialect")
			}
		case *ast.SelectorExpr:
			if inner, ok := n.X.(*ast.SelectorExpr); ok && n.Sel.Name == "Name" && inner.Sel.Name == "Dialector" {
				add(n, "Dialector.Name()")
			}
			if isPackageName(n, "clause", "Locking") {
				add(n, "clause.Locking")
			}
			if isPackageName(n, "sql", "TxOptions") {
				add(n, "sql.TxOptions")
			}
		}
		return true
	})
	return out
}

// isDialect reports an expression that holds a dialect: a field or method
// named Dialect, or one of storage's dialect constants.
func isDialect(e ast.Expr) bool {
	if call, ok := e.(*ast.CallExpr); ok {
		e = call.Fun
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	return sel.Sel.Name == "Dialect" || isPackageName(sel, "storage", "SQLite") || isPackageName(sel, "storage", "MySQL")
}

func casesNameDialects(body *ast.BlockStmt) bool {
	for _, s := range body.List {
		for _, e := range s.(*ast.CaseClause).List {
			if isDialect(e) {
				return true
			}
		}
	}
	return false
}

func isPackageName(sel *ast.SelectorExpr, pkg, name string) bool {
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg && sel.Sel.Name == name
}
