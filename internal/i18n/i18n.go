// Package i18n holds the app's messages in Vietnamese (the default) and
// English, and picks the language of a request.
package i18n

import (
	"embed"
	"encoding/json"
	"io/fs"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var locales embed.FS

// Languages the app speaks; the first is the default.
var Languages = []language.Tag{language.Vietnamese, language.English}

var (
	matcher    = language.NewMatcher(Languages)
	localizers = map[string]*i18n.Localizer{}
)

// init reads the embedded catalogs and makes a localizer per language.
func init() {
	b := i18n.NewBundle(language.Vietnamese)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	// vi.json and en.json, and any NAME.vi.json / NAME.en.json beside them.
	files, err := fs.Glob(locales, "locales/*.json")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		data, err := locales.ReadFile(f)
		if err != nil {
			panic(err)
		}
		b.MustParseMessageFileBytes(data, f)
	}
	for _, t := range Languages {
		base, _ := t.Base()
		localizers[base.String()] = i18n.NewLocalizer(b, t.String())
	}
}

// Lang picks "vi" or "en" for an Accept-Language header; Vietnamese when
// nothing matches.
func Lang(acceptLanguage string) string {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	if len(tags) == 0 {
		return "vi"
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return "vi"
	}
	base, _ := Languages[i].Base()
	return base.String()
}

// T returns the message id in lang with data filled in, or "" when the
// catalog has no such message.
func T(lang, id string, data map[string]string) string {
	l, ok := localizers[lang]
	if !ok {
		l = localizers["vi"]
	}
	msg, err := l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return ""
	}
	return strings.TrimSpace(msg)
}

// Has reports whether both languages have the message id.
func Has(id string) bool {
	return T("vi", id, nil) != "" && T("en", id, nil) != ""
}
