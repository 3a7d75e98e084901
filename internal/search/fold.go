// Package search folds Vietnamese text for searches that ignore diacritics
// and case: "kiem tra" finds "Kiểm tra".
package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case without diacritics (đ becomes d), with runs of
// white space collapsed to one space.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading space
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimRight(b.String(), " ")
}

// Text folds and joins the given parts into one searchable text.
func Text(parts ...string) string {
	return Fold(strings.Join(parts, " "))
}

// Patterns turns a query into one LIKE pattern per word (each word must
// match), with the LIKE wildcards of the query escaped by a backslash.
func Patterns(q string) []string {
	words := strings.Fields(Fold(q))
	out := make([]string, 0, len(words))
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	for _, w := range words {
		out = append(out, "%"+r.Replace(w)+"%")
	}
	return out
}
