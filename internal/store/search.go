package store

import (
	"reflect"

	"gorm.io/gorm"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/search"
)

// setSearch fills the folded search text of the records that lists search
// and reports whether it changed.
func setSearch(rec any) bool {
	var text string
	switch r := rec.(type) {
	case *domain.Agency:
		text = search.Text(r.Code, r.Name)
	case *domain.User:
		text = search.Text(r.Username, r.FullName, r.Title)
	case *domain.Plan:
		text = search.Text(r.Title, r.DecisionNo, r.IssuedBy)
	case *domain.Visit:
		parts := []string{r.DecisionNo, r.Location}
		for _, p := range r.AgencyRepresentatives {
			parts = append(parts, p.FullName, p.Title)
		}
		text = search.Text(parts...)
	default:
		return false
	}
	f := reflect.ValueOf(rec).Elem().FieldByName("Search")
	changed := f.String() != text
	f.SetString(text)
	return changed
}

// matchAll narrows q to rows where every word of the query appears in one
// of the given folded columns, whatever its diacritics or case.
func matchAll(q *gorm.DB, query string, columns ...string) *gorm.DB {
	for _, p := range search.Patterns(query) {
		cond := ""
		args := make([]any, 0, len(columns))
		for i, c := range columns {
			if i > 0 {
				cond += " OR "
			}
			cond += c + ` LIKE ? ESCAPE '\'`
			args = append(args, p)
		}
		q = q.Where("("+cond+")", args...)
	}
	return q
}

// FillSearch sets the folded search text of a record as Create does, for
// tools that write rows without the store (the data generator).
func FillSearch(rec any) { setSearch(rec) }
