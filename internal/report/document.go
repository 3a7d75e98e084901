package report

// The document model: what a notice, minutes or report says and how it is
// laid out, in terms both the Word writer (docx.go) and the print page
// (print.go) render. Sizes are in points, widths in twentieths of a point
// (twips), as Word counts them.

// Page geometry of Nghị định 30/2020/NĐ-CP: A4 portrait, margins top and
// bottom 20 mm, left 30 mm, right 15 mm.
const (
	pageWidth    = 11906 // 210 mm
	pageHeight   = 16838 // 297 mm
	marginTop    = 1134  // 20 mm
	marginBottom = 1134
	marginLeft   = 1701 // 30 mm
	marginRight  = 851  // 15 mm
	headerMargin = 567  // 10 mm
	// TextWidth is the width between the margins.
	TextWidth = pageWidth - marginLeft - marginRight
)

// Body text size: 14 pt (Nghị định 30 allows 13–14).
const bodySize = 14

// Document is one administrative document: its header block, title, body
// and signature, and whether it is a draft (marked "DỰ THẢO" on every page).
type Document struct {
	// Kind is the document's code in its number: "TB", "BB", "BC".
	Kind string
	// Title is the kind of document in capitals: "THÔNG BÁO".
	Title string
	// Subject is the one-line summary under the title (trích yếu).
	Subject string
	// Parent and Issuer are the header's two lines ("UBND TỈNH ĐIỆN BIÊN",
	// "SỞ NỘI VỤ"); Number is "Số: 45/TB-SNV"; PlaceDate the date line.
	Parent, Issuer, Number, PlaceDate string
	Draft                             bool
	Body                              []Block
	// Signers sign side by side (minutes: the agency and the team); a
	// notice has one, with the recipients to its left.
	Signers    []Signer
	Recipients []string
	// FileName is the name to download the document as, without extension.
	FileName string
	// Meta is the document's title and author in the file's properties.
	MetaTitle, MetaAuthor string
}

// Signer is one signature block: the prefix line ("KT. GIÁM ĐỐC"), the
// title ("PHÓ GIÁM ĐỐC") and the name, with room to sign between.
type Signer struct {
	Prefix, Title, Name string
}

// Block is a paragraph or a table.
type Block struct {
	P *Para
	T *Table
}

// Align is a paragraph's alignment.
type Align string

// Alignments of a paragraph.
const (
	AlignLeft    Align = "left"
	AlignCenter  Align = "center"
	AlignRight   Align = "right"
	AlignJustify Align = "both"
)

// Para is a paragraph of runs of text.
type Para struct {
	Runs  []Run
	Align Align
	// Indent indents the first line (body paragraphs).
	Indent bool
	// Size is the text size in points (0: the body's).
	Size int
	// Before is the space before the paragraph, in points.
	Before int
	// KeepNext keeps the paragraph on the page of the next one (headings).
	KeepNext bool
	// Rule draws a short centred line under the paragraph (under the
	// issuing body's name and under the subject).
	Rule bool
	// Box frames the paragraph (the draft mark).
	Box bool
	// Dots makes the paragraph a dotted line to write on by hand.
	Dots bool
}

// Run is a piece of text with one style.
type Run struct {
	Text                    string
	Bold, Italic, Underline bool
}

// Table is a table with fixed column widths (twips).
type Table struct {
	Widths []int
	// Borders draws the grid; a table without borders lays text out side
	// by side (the header and signature blocks).
	Borders bool
	Rows    []Row
}

// withSize sets the text size of every cell of the table (wide tables use
// a smaller one) and returns the table.
func (t *Table) withSize(size int) *Table {
	for i := range t.Rows {
		for j := range t.Rows[i].Cells {
			for k := range t.Rows[i].Cells[j].Paras {
				t.Rows[i].Cells[j].Paras[k].Size = size
			}
		}
	}
	return t
}

// Row is a table row. A header row repeats on every page and is shaded.
type Row struct {
	Cells  []Cell
	Header bool
}

// Cell is a table cell holding paragraphs; Span merges it over columns.
type Cell struct {
	Paras []Para
	Span  int
	// Shade greys the cell (an area's heading row).
	Shade bool
}

// text makes a one-run paragraph.
func text(s string) Run { return Run{Text: s} }

func bold(s string) Run { return Run{Text: s, Bold: true} }

func italic(s string) Run { return Run{Text: s, Italic: true} }

// body is a justified body paragraph with a first-line indent.
func body(runs ...Run) Block {
	return Block{P: &Para{Runs: runs, Align: AlignJustify, Indent: true, Before: 6}}
}

// lead is a body paragraph that introduces what follows (a table): it
// stays on the page of what it introduces.
func lead(s string) Block {
	b := body(text(s))
	b.P.KeepNext = true
	return b
}

// dots is a dotted line to fill in by hand.
func dots() Block { return Block{P: &Para{Dots: true, Before: 6}} }

// heading is a bold section heading.
func heading(s string) Block {
	return Block{P: &Para{Runs: []Run{bold(s)}, Align: AlignJustify, Indent: true, Before: 6, KeepNext: true}}
}

// cellText is a cell with one paragraph of plain text.
func cellText(s string, align Align) Cell {
	return Cell{Paras: []Para{{Runs: []Run{text(s)}, Align: align, Size: 12}}}
}

// cellBold is a cell with one paragraph of bold text.
func cellBold(s string, align Align) Cell {
	return Cell{Paras: []Para{{Runs: []Run{bold(s)}, Align: align, Size: 12}}}
}

// headerRow is a table's header row with centred bold titles.
func headerRow(titles ...string) Row {
	r := Row{Header: true}
	for _, t := range titles {
		c := cellBold(t, AlignCenter)
		c.Paras[0].KeepNext = true // a header row keeps with the first row under it
		r.Cells = append(r.Cells, c)
	}
	return r
}

// widths splits the text width in the given proportions.
func widths(parts ...int) []int {
	total := 0
	for _, p := range parts {
		total += p
	}
	out := make([]int, len(parts))
	left := TextWidth
	for i, p := range parts {
		out[i] = TextWidth * p / total
		left -= out[i]
	}
	out[len(out)-1] += left
	return out
}

// headerBlock is the header of Nghị định 30: the issuing body on the left,
// the national motto on the right, then the number and the date line.
func headerBlock(d *Document) Block {
	left := []Para{}
	if d.Parent != "" {
		left = append(left, Para{Runs: []Run{text(d.Parent)}, Align: AlignCenter, Size: 13})
	}
	left = append(left, Para{Runs: []Run{bold(d.Issuer)}, Align: AlignCenter, Size: 13, Rule: true})
	right := []Para{
		{Runs: []Run{bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")}, Align: AlignCenter, Size: 12},
		{Runs: []Run{{Text: "Độc lập - Tự do - Hạnh phúc", Bold: true, Underline: true}}, Align: AlignCenter, Size: 13},
	}
	return Block{T: &Table{Widths: widths(38, 62), Rows: []Row{
		{Cells: []Cell{{Paras: left}, {Paras: right}}},
		{Cells: []Cell{
			{Paras: []Para{{Runs: []Run{text(d.Number)}, Align: AlignCenter, Size: 13, Before: 6}}},
			{Paras: []Para{{Runs: []Run{italic(d.PlaceDate)}, Align: AlignCenter, Size: 14, Before: 6}}},
		}},
	}}}
}

// titleBlocks are the title and the subject, centred and bold.
func titleBlocks(d *Document) []Block {
	out := []Block{{P: &Para{Runs: []Run{bold(d.Title)}, Align: AlignCenter, Before: 18}}}
	if d.Subject != "" {
		out = append(out, Block{P: &Para{Runs: []Run{bold(d.Subject)}, Align: AlignCenter, Rule: true}})
	}
	return out
}

// signatureBlock lays out the recipients (if any) and the signers side by side.
func signatureBlock(d *Document) Block {
	titles := func(s Signer) Cell {
		c := Cell{}
		if s.Prefix != "" {
			c.Paras = append(c.Paras, Para{Runs: []Run{bold(s.Prefix)}, Align: AlignCenter})
		}
		if s.Title != "" {
			c.Paras = append(c.Paras, Para{Runs: []Run{bold(s.Title)}, Align: AlignCenter})
		}
		return c
	}
	name := func(s Signer) Cell {
		c := Cell{}
		for range 3 { // room to sign
			c.Paras = append(c.Paras, Para{Align: AlignCenter})
		}
		c.Paras = append(c.Paras, Para{Runs: []Run{bold(s.Name)}, Align: AlignCenter})
		return c
	}
	signer := func(s Signer) Cell {
		c := titles(s)
		c.Paras = append(c.Paras, name(s).Paras...)
		return c
	}
	var cells []Cell
	var w []int
	if len(d.Recipients) > 0 || len(d.Signers) == 1 {
		rec := Cell{Paras: []Para{{Runs: []Run{{Text: "Nơi nhận:", Bold: true, Italic: true}}, Size: 12}}}
		for _, r := range d.Recipients {
			if !startsWithDash(r) {
				r = "- " + r
			}
			rec.Paras = append(rec.Paras, Para{Runs: []Run{text(r)}, Size: 11})
		}
		if len(d.Recipients) == 0 {
			rec = Cell{}
		}
		cells, w = append(cells, rec), widths(45, 55)
	} else {
		parts := make([]int, len(d.Signers))
		for i := range parts {
			parts[i] = 1
		}
		w = widths(parts...)
	}
	if len(cells) == 0 && len(d.Signers) > 1 {
		// Several signers side by side: their titles on one row and their
		// names on the next, so that the names line up.
		var top, bottom Row
		for _, s := range d.Signers {
			top.Cells, bottom.Cells = append(top.Cells, titles(s)), append(bottom.Cells, name(s))
		}
		return Block{T: &Table{Widths: w, Rows: []Row{top, bottom}}}
	}
	for _, s := range d.Signers {
		cells = append(cells, signer(s))
	}
	return Block{T: &Table{Widths: w, Rows: []Row{{Cells: cells}}}}
}

func startsWithDash(s string) bool {
	for _, p := range []string{"-", "–", "—", "+", "•"} {
		if len(s) >= len(p) && s[:len(p)] == p {
			return true
		}
	}
	return false
}

// Blocks returns the whole document as blocks, the header and signature
// included, in reading order.
func (d *Document) Blocks() []Block {
	out := []Block{headerBlock(d)}
	out = append(out, titleBlocks(d)...)
	out = append(out, d.Body...)
	if len(d.Signers) > 0 || len(d.Recipients) > 0 {
		// The last paragraph stays on the page of the signature: a
		// signature never stands alone on a page.
		if last := len(out) - 1; out[last].P != nil {
			p := *out[last].P
			p.KeepNext = true
			out[last] = Block{P: &p}
		}
		out = append(out, Block{P: &Para{KeepNext: true}}, signatureBlock(d))
	}
	return out
}
