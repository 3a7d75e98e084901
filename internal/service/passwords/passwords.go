// Package passwords knows the passwords people choose most often.
package passwords

import (
	_ "embed"
	"strings"

	"github.com/cchc-inspect/cchc/internal/search"
)

//go:embed common.txt
var list string

var common = load()

func load() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[normalize(line)] = true
		}
	}
	return m
}

func normalize(pw string) string { return strings.ReplaceAll(search.Fold(pw), " ", "") }

// Common reports whether a password is one of the most common, or built
// like one: a single repeated character, or a run of consecutive digits or
// keyboard letters.
func Common(pw string) bool {
	n := normalize(pw)
	if common[n] {
		return true
	}
	return repeated(n) || inRun(n, "01234567890123456789") || inRun(n, "98765432109876543210") ||
		inRun(n, "qwertyuiopasdfghjklzxcvbnm") || inRun(n, "abcdefghijklmnopqrstuvwxyz")
}

func repeated(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return true
}

func inRun(s, run string) bool { return strings.Contains(run, s) }
