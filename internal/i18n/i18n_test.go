package i18n

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func keys(t *testing.T, file string) []string {
	t.Helper()
	var m map[string]string
	data, err := locales.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestBothLanguagesHaveTheSameMessages(t *testing.T) {
	files, _ := fs.Glob(locales, "locales/*vi.json")
	for _, f := range files {
		sameKeys(t, f, strings.TrimSuffix(f, "vi.json")+"en.json")
	}
}

func sameKeys(t *testing.T, viFile, enFile string) {
	t.Helper()
	vi, en := keys(t, viFile), keys(t, enFile)
	if !reflect.DeepEqual(vi, en) {
		for _, k := range vi {
			if !slices.Contains(en, k) {
				t.Errorf("%s is in Vietnamese only", k)
			}
		}
		for _, k := range en {
			if !slices.Contains(vi, k) {
				t.Errorf("%s is in English only", k)
			}
		}
	}
}

func TestLang(t *testing.T) {
	cases := map[string]string{"": "vi", "vi": "vi", "vi-VN,vi;q=0.9": "vi", "en": "en", "en-US,en;q=0.9,vi;q=0.5": "en",
		"fr-FR": "vi", "garbage;;;": "vi", "vi;q=0.2,en;q=0.8": "en"}
	for h, want := range cases {
		if got := Lang(h); got != want {
			t.Errorf("Lang(%q) = %q, want %q", h, got, want)
		}
	}
}

func TestTemplates(t *testing.T) {
	got := T("vi", "field.max", map[string]string{"Field": "name", "Param": "300"})
	if got != "name: tối đa 300." {
		t.Errorf("vi field.max = %q", got)
	}
	if got := T("en", "error.transition", map[string]string{"entity": "visit", "from": "closed", "to": "planned", "allowed": "none"}); !strings.Contains(got, "from closed to planned") {
		t.Errorf("en error.transition = %q", got)
	}
	if T("vi", "no.such.message", nil) != "" {
		t.Error("a missing message is not empty")
	}
}

// TestEveryCodeInTheSourceHasMessages reads the Go sources for the error
// keys (Key: "…") and field error codes (fs.Add(field, "code")) they use,
// and checks that both languages word each one.
func TestEveryCodeInTheSourceHasMessages(t *testing.T) {
	var files []string
	for _, dir := range []string{"../domain", "../service", "../store", "../server"} {
		matches, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, m := range matches {
			if !strings.HasSuffix(m, "_test.go") {
				files = append(files, m)
			}
		}
	}
	if len(files) < 10 {
		t.Fatalf("found only %d source files", len(files))
	}
	need := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Key" {
					if s, ok := stringLit(n.Value); ok && s != "" {
						need["error."+s] = fset.Position(n.Pos()).String()
					}
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Add" && isIdent(sel.X, "fs") && len(n.Args) >= 2 {
					if s, ok := stringLit(n.Args[1]); ok {
						need["field."+s] = fset.Position(n.Pos()).String()
					}
				}
			}
			return true
		})
	}
	if len(need) < 20 {
		t.Fatalf("found only %d codes; the scan is broken", len(need))
	}
	for id, where := range need {
		if !Has(id) {
			t.Errorf("%s (used at %s) has no message in both languages", id, where)
		}
	}
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
