package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/i18n"
	"github.com/cchc-inspect/cchc/web"
)

// pageZone is where dates and times are shown: the province's zone.
var pageZone = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()

// pageFuncs are the functions the page templates use.
var pageFuncs = template.FuncMap{
	// t translates a key: {{t .Lang "ui.key" "name" value …}}.
	"t": func(lang, key string, args ...any) string {
		data := map[string]string{}
		for i := 0; i+1 < len(args); i += 2 {
			data[fmt.Sprint(args[i])] = fmt.Sprint(args[i+1])
		}
		if s := i18n.T(lang, key, data); s != "" {
			return s
		}
		return key
	},
	// label translates an enum value: {{label .Lang "visit" .Status}}.
	"label": func(lang, kind string, v any) string {
		key := "ui." + kind + "." + fmt.Sprint(v)
		if s := i18n.T(lang, key, nil); s != "" {
			return s
		}
		return fmt.Sprint(v)
	},
	"date": func(v any) string {
		switch d := v.(type) {
		case domain.Date:
			return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
		case *domain.Date:
			if d == nil {
				return "—"
			}
			return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
		}
		return ""
	},
	"datetime": func(v any) string {
		switch t := v.(type) {
		case time.Time:
			return t.In(pageZone).Format("02/01/2006 15:04")
		case *time.Time:
			if t == nil {
				return "—"
			}
			return t.In(pageZone).Format("02/01/2006 15:04")
		}
		return ""
	},
	// num writes a number the Vietnamese way (decimal comma), "—" for none.
	"num": func(lang string, v any) string { return formatNum(lang, v) },
	"pct": func(lang string, v *float64) string {
		if v == nil {
			return "—"
		}
		return formatNum(lang, *v) + "%"
	},
	"val": func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	},
	// deref reads what a pointer points to ("" for nil).
	"deref": func(v any) any {
		r := reflect.ValueOf(v)
		if r.Kind() != reflect.Pointer {
			return v
		}
		if r.IsNil() {
			return ""
		}
		return r.Elem().Interface()
	},
	// dict builds a map for a partial: {{template "x" dict "A" 1 "B" 2}}.
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	"add":  func(a, b int) int { return a + b },
	"list": func(v ...any) []any { return v },
	"pair": func(a, b any) []any { return []any{a, b} },
	// pick is v when cond holds, else "" (and would give false).
	"pick": func(cond bool, v any) any {
		if cond {
			return v
		}
		return ""
	},
	"seq": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	},
	"mul":   func(a, b int) int { return a * b },
	"asset": assetURL,
}

func formatNum(lang string, v any) string {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case *float64:
		if n == nil {
			return "—"
		}
		f = *n
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	default:
		return fmt.Sprint(v)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if lang == "vi" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// assetVersions holds a short hash of each static file, so that their URLs
// change with their content and browsers may keep them for a year.
var assetVersions = func() map[string]string {
	out := map[string]string{}
	fs.WalkDir(web.Static(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(web.Static(), p)
		if err == nil {
			sum := sha256.Sum256(b)
			out[p] = hex.EncodeToString(sum[:4])
		}
		return nil
	})
	return out
}()

// assetURL is the versioned URL of a static file.
func assetURL(name string) string {
	return "/static/" + name + "?v=" + assetVersions[name]
}
