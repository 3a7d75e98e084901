package report

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// DOCXContentType is the media type of a Word document.
const DOCXContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

//go:embed docx/*.xml
var docxFiles embed.FS

var docxTemplates = template.Must(template.New("docx").Funcs(template.FuncMap{"x": escapeXML}).ParseFS(docxFiles, "docx/*.xml"))

// docxParts are the parts of the package, in the order they are zipped
// ([Content_Types].xml first, as readers expect), with their templates.
var docxParts = []struct{ name, template string }{
	{"[Content_Types].xml", "content_types.xml"},
	{"_rels/.rels", "rels.xml"},
	{"docProps/core.xml", "core.xml"},
	{"docProps/app.xml", "app.xml"},
	{"word/_rels/document.xml.rels", "document_rels.xml"},
	{"word/document.xml", "document.xml"},
	{"word/styles.xml", "styles.xml"},
	{"word/settings.xml", "settings.xml"},
	{"word/fontTable.xml", "font_table.xml"},
	{"word/header1.xml", "header.xml"},
	{"word/header2.xml", "header.xml"},
}

// WriteDOCX writes the document as a Word file (Office Open XML): real
// paragraphs and tables, editable, on A4 with the margins, font and sizes of
// Nghị định 30/2020/NĐ-CP; page numbers from the second page; "DỰ THẢO"
// framed at the top of every page of a draft. The file is the same for the
// same document and day.
func WriteDOCX(w io.Writer, d *Document, day domain.Date) error {
	var bodyXML strings.Builder
	for _, b := range d.Blocks() {
		writeBlock(&bodyXML, b, TextWidth)
	}
	created := day.Time().Format(time.RFC3339)
	data := map[string]any{
		"Body": bodyXML.String(), "PageWidth": pageWidth, "PageHeight": pageHeight, "Top": marginTop, "Bottom": marginBottom,
		"Left": marginLeft, "Right": marginRight, "Header": headerMargin,
		"Title": d.MetaTitle, "Author": d.MetaAuthor, "Keywords": "CCHC; " + d.Kind, "Created": created,
	}
	z := zip.NewWriter(w)
	for _, p := range docxParts {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: day.Time()})
		if err != nil {
			return err
		}
		part := data
		if p.template == "header.xml" {
			// header1 is the other pages' (page number); header2 the first page's.
			part = map[string]any{"PageNumber": p.name == "word/header1.xml", "Draft": d.Draft, "DraftIndent": TextWidth - 2200}
		}
		if err := docxTemplates.ExecuteTemplate(fw, p.template, part); err != nil {
			return fmt.Errorf("docx %s: %w", p.name, err)
		}
	}
	return z.Close()
}

// DOCX returns the document as a Word file.
func DOCX(d *Document, day domain.Date) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteDOCX(&b, d, day); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// escapeXML escapes text for XML; characters XML cannot hold become U+FFFD.
func escapeXML(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeBlock(b *strings.Builder, blk Block, width int) {
	switch {
	case blk.P != nil:
		writePara(b, blk.P, width, false)
	case blk.T != nil:
		writeTable(b, blk.T)
	}
}

// writePara writes a paragraph; a rule becomes a thin empty paragraph
// under it whose bottom border is the short line.
func writePara(b *strings.Builder, p *Para, width int, inCell bool) {
	size := p.Size
	if size == 0 {
		size = bodySize
	}
	b.WriteString(`<w:p><w:pPr>`)
	if p.KeepNext || p.Rule {
		b.WriteString(`<w:keepNext/>`)
	}
	if p.Box {
		b.WriteString(`<w:pBdr>`)
		for _, side := range []string{"top", "left", "bottom", "right"} {
			fmt.Fprintf(b, `<w:%s w:val="single" w:sz="8" w:space="1" w:color="000000"/>`, side)
		}
		b.WriteString(`</w:pBdr>`)
	}
	if p.Dots {
		fmt.Fprintf(b, `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="%d"/></w:tabs>`, width-20)
	}
	before, after := p.Before*20, 0
	if inCell {
		before, after = max(before, 40), 40
	}
	line := 264
	if inCell {
		line = 240
	}
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="auto"/>`, before, after, line)
	if p.Indent {
		b.WriteString(`<w:ind w:firstLine="567"/>`)
	}
	align := p.Align
	if align == "" {
		align = AlignLeft
	}
	fmt.Fprintf(b, `<w:jc w:val="%s"/>`, align)
	fmt.Fprintf(b, `<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:pPr>`, size*2, size*2)
	for _, r := range p.Runs {
		writeRun(b, r, size)
	}
	if p.Dots {
		b.WriteString(`<w:r><w:tab/></w:r>`)
	}
	b.WriteString(`</w:p>`)
	if p.Rule {
		// A line about a third of the container's width, centred.
		indent := width / 3
		fmt.Fprintf(b, `<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`+
			`<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d"/>`+
			`<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>`, indent, indent)
	}
}

// writeRun writes a run; line breaks in the text become Word line breaks.
func writeRun(b *strings.Builder, r Run, size int) {
	b.WriteString(`<w:r><w:rPr>`)
	if r.Bold {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	if r.Italic {
		b.WriteString(`<w:i/><w:iCs/>`)
	}
	fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, size*2, size*2)
	if r.Underline {
		b.WriteString(`<w:u w:val="single"/>`)
	}
	b.WriteString(`</w:rPr>`)
	for i, part := range strings.Split(strings.ReplaceAll(r.Text, "\r\n", "\n"), "\n") {
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		b.WriteString(escapeXML(strings.ReplaceAll(part, "\t", " ")))
		b.WriteString(`</w:t>`)
	}
	b.WriteString(`</w:r>`)
}

func writeTable(b *strings.Builder, t *Table) {
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	border := "none"
	if t.Borders {
		border = "single"
	}
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`, total)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="%s" w:sz="4" w:space="0" w:color="000000"/>`, side, border)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range t.Widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, row := range t.Rows {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if row.Header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		col := 0
		for _, c := range row.Cells {
			span := max(c.Span, 1)
			w := 0
			for i := col; i < col+span && i < len(t.Widths); i++ {
				w += t.Widths[i]
			}
			col += span
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
			if span > 1 {
				fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
			}
			if row.Header || c.Shade {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>`)
			}
			if row.Header {
				b.WriteString(`<w:vAlign w:val="center"/>`)
			}
			b.WriteString(`</w:tcPr>`)
			if len(c.Paras) == 0 {
				b.WriteString(`<w:p/>`) // a cell holds at least one paragraph
			}
			for i := range c.Paras {
				writePara(b, &c.Paras[i], w, true)
			}
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}
