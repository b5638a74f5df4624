package httpx_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The two rooms keep to their audiences: the API answers JSON only, every
// body a named type; the pages never write JSON; neither imports the
// other; and no handler asks which of the two a request is for (only
// httpx, choosing the error format, does).
func TestEachRoomKeepsToItsAudience(t *testing.T) {
	for _, room := range []struct {
		dir       string
		forbidden map[string]string // selector or import → why
	}{
		{"../api", map[string]string{
			"Render": "renders a page", "html/template": "renders HTML", "pingyi/web": "imports the pages",
			"gin.H": "answers with an unnamed body"}},
		{"../web", map[string]string{
			"JSON": "writes JSON", "AbortWithStatusJSON": "writes JSON", "IndentedJSON": "writes JSON",
			"pingyi/api": "imports the API"}},
	} {
		files, _ := filepath.Glob(filepath.Join(room.dir, "*.go"))
		if len(files) == 0 {
			t.Fatalf("no files in %s", room.dir)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if why, ok := room.forbidden[path]; ok {
					t.Errorf("%s %s", name, why)
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.SelectorExpr:
					if id, ok := x.X.(*ast.Ident); ok {
						if why, ok := room.forbidden[id.Name+"."+x.Sel.Name]; ok {
							t.Errorf("%s: %s", fset.Position(x.Pos()), why)
						}
					}
					if why, ok := room.forbidden[x.Sel.Name]; ok {
						t.Errorf("%s: %s", fset.Position(x.Pos()), why)
					}
				case *ast.Ident:
					if x.Name == "isAPI" || x.Name == "wantsJSON" {
						t.Errorf("%s: asks whether a request is the API's", fset.Position(x.Pos()))
					}
				}
				return true
			})
		}
	}
}
