// Package web embeds the templates and static assets of the pages, so the
// binary serves them with no file beside it and no internet access.
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

//go:embed templates
var templates embed.FS

// Static returns the static assets (served under /static/).
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}

// Templates returns the HTML templates of the pages.
func Templates() fs.FS {
	sub, err := fs.Sub(templates, "templates")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}
