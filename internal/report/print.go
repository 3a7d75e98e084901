package report

import (
	"html"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/cchc-inspect/cchc/web"
)

// PrintLinks are the links above the print view: back to the visit, and
// the same document as .docx.
type PrintLinks struct {
	Back, Download string
}

var printTemplate = sync.OnceValues(func() (*template.Template, error) {
	return template.New("print_conclusion.html").Funcs(template.FuncMap{
		"paraClass": paraClass,
		"runHTML":   runHTML,
		"percent":   func(w int) string { return strconv.Itoa((w*100 + TextWidth/2) / TextWidth) },
	}).ParseFS(web.Templates(), "print_conclusion.html")
})

// WritePrintHTML writes the document as a page to print on A4 or save as
// PDF from the browser (web/templates/print_conclusion.html with
// web/static/print.css): the same blocks as the .docx, laid out alike.
func WritePrintHTML(w io.Writer, d *Document, links PrintLinks) error {
	t, err := printTemplate()
	if err != nil {
		return err
	}
	title := d.MetaTitle
	if d.Draft {
		title = "[Dự thảo] " + title
	}
	return t.Execute(w, map[string]any{"Title": title, "Draft": d.Draft, "Blocks": d.Blocks(),
		"Back": links.Back, "Download": links.Download})
}

// paraClass names the classes of print.css that lay a paragraph out.
func paraClass(p Para) string {
	align := p.Align
	if align == "" {
		align = AlignLeft
	}
	classes := []string{string(align)}
	size := p.Size
	if size == 0 {
		size = bodySize
	}
	classes = append(classes, "s"+strconv.Itoa(min(max(size, 11), 14)))
	if p.Indent {
		classes = append(classes, "indent")
	}
	switch {
	case p.Before >= 18:
		classes = append(classes, "sp18")
	case p.Before > 0:
		classes = append(classes, "sp6")
	}
	if p.Rule {
		classes = append(classes, "rule")
	}
	if p.Box {
		classes = append(classes, "box")
	}
	if p.Dots {
		classes = append(classes, "dots")
	}
	return strings.Join(classes, " ")
}

// runHTML writes a run as escaped HTML with its emphasis; line breaks
// become <br>.
func runHTML(r Run) template.HTML {
	s := strings.ReplaceAll(html.EscapeString(r.Text), "\n", "<br>")
	if r.Underline {
		s = "<u>" + s + "</u>"
	}
	if r.Italic {
		s = "<em>" + s + "</em>"
	}
	if r.Bold {
		s = "<strong>" + s + "</strong>"
	}
	return template.HTML(s) // the text is escaped above
}
