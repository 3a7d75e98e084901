package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/demo"
	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
)

var ctx = context.Background()

// asOf is the tests' "now": after every event of the demo, so that the
// overdue figures are fixed (the 2019 actions of Sở Y tế, due 16/11/2019,
// are 426 days overdue on 15/01/2021).
var asOf = time.Date(2021, 1, 15, 3, 0, 0, 0, time.UTC)

// demoWorld loads the demo into a fresh database and returns the service
// and the visits of the demo by "CODE year" ("SKHCN 2019").
func demoWorld(t testing.TB, db *store.DB) (*service.Service, map[string]int64) {
	t.Helper()
	svc := service.New(store.New(db), time.FixedZone("ICT", 7*3600))
	svc.Now = func() time.Time { return asOf }
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	visits := map[string]int64{}
	all, _, err := svc.Store().Visits(ctx, domain.VisitFilter{Page: domain.Page{PerPage: domain.MaxPerPage}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range all {
		ag, err := store.Get[domain.Agency](ctx, svc.Store(), v.AgencyID)
		if err != nil {
			t.Fatal(err)
		}
		visits[fmt.Sprintf("%s %d", ag.Code, v.Year)] = v.ID
	}
	return svc, visits
}

// docxFile is a Word file opened for checks: its parts and the body of
// its main document read as blocks.
type docxFile struct {
	parts map[string][]byte
	// blocks are the body's paragraphs and tables in order.
	blocks []docBlock
}

// docBlock is a paragraph (Text, with its runs) or a table (Rows of cells' text).
type docBlock struct {
	Text  string
	Runs  []docRun
	Align string
	Rows  [][]string
}

type docRun struct {
	Text                    string
	Bold, Italic, Underline bool
}

func (b docBlock) isTable() bool { return b.Rows != nil }

// openDOCX unzips a Word file, checks that its package holds together
// (checkPackage) and reads its body.
func openDOCX(t testing.TB, data []byte) *docxFile {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	f := &docxFile{parts: map[string][]byte{}}
	for _, zf := range z.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		f.parts[zf.Name] = b
	}
	checkPackage(t, f.parts)
	f.blocks = readBody(t, f.parts["word/document.xml"])
	return f
}

// checkPackage is a schema-level sanity check of an Office Open XML
// package: every part is well-formed XML and has a content type; every
// relationship's target exists; every r:id the main document uses is a
// relationship of it; the main document's paragraphs, runs, tables and
// cells are built in the order the WordprocessingML schema requires.
func checkPackage(t testing.TB, parts map[string][]byte) {
	t.Helper()
	for name, b := range parts {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", name, err)
			}
		}
	}
	var types struct {
		Default []struct {
			Extension string `xml:"Extension,attr"`
		} `xml:"Default"`
		Override []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatalf("[Content_Types].xml: %v", err)
	}
	typed := map[string]bool{}
	for _, o := range types.Override {
		name := strings.TrimPrefix(o.PartName, "/")
		if _, ok := parts[name]; !ok {
			t.Errorf("[Content_Types].xml names %s, which is not in the package", o.PartName)
		}
		typed[name] = true
	}
	for name := range parts {
		ext := strings.TrimPrefix(path.Ext(name), ".")
		if name == "[Content_Types].xml" || typed[name] {
			continue
		}
		if !slices.ContainsFunc(types.Default, func(d struct {
			Extension string `xml:"Extension,attr"`
		}) bool {
			return strings.EqualFold(d.Extension, ext)
		}) {
			t.Errorf("part %s has no content type", name)
		}
	}
	ids := map[string]map[string]bool{}
	for name, b := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var rels struct {
			Rel []struct {
				ID         string `xml:"Id,attr"`
				Target     string `xml:"Target,attr"`
				TargetMode string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(b, &rels); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// _rels/.rels is the package's; word/_rels/document.xml.rels is word/document.xml's.
		dir := path.Dir(path.Dir(name))
		source := path.Join(dir, strings.TrimSuffix(path.Base(name), ".rels"))
		ids[source] = map[string]bool{}
		for _, r := range rels.Rel {
			if r.TargetMode == "External" {
				continue
			}
			target := path.Clean(path.Join(dir, r.Target))
			if _, ok := parts[target]; !ok {
				t.Errorf("%s: relationship %s points to %s, which is not in the package", name, r.ID, target)
			}
			ids[source][r.ID] = true
		}
	}
	if !ids["."]["rId1"] || parts["word/document.xml"] == nil {
		t.Fatal("the package has no main document")
	}
	for name, b := range parts {
		if !strings.HasPrefix(name, "word/") || !strings.HasSuffix(name, ".xml") {
			continue
		}
		checkWordML(t, name, b, ids[name])
	}
}

// childOrder is the order the schema gives to the children we write, per parent.
var childOrder = map[string][]string{
	"pPr":    {"pStyle", "keepNext", "pBdr", "spacing", "ind", "jc", "rPr"},
	"rPr":    {"rFonts", "b", "bCs", "i", "iCs", "color", "sz", "szCs", "u", "lang"},
	"tblPr":  {"tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblCellMar", "tblLook"},
	"tcPr":   {"tcW", "gridSpan", "shd", "vAlign"},
	"sectPr": {"headerReference", "footerReference", "pgSz", "pgMar", "cols", "titlePg"},
	"tbl":    {"tblPr", "tblGrid", "tr"},
	"tc":     {"tcPr", "p", "tbl"},
	"tr":     {"trPr", "tc"},
}

// checkWordML walks a WordprocessingML part: children in schema order,
// every cell with a paragraph, every row as wide as the grid, every r:id
// a relationship of the part.
func checkWordML(t testing.TB, name string, b []byte, rels map[string]bool) {
	t.Helper()
	type frame struct {
		name     string
		children []string
		span     int // a cell's columns
		cols     int // a row's columns, added up from its cells
	}
	var stack []*frame
	var grids []int // gridCol count of the open tables
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, el.Name.Local)
				if order, ok := childOrder[parent.name]; ok && slices.Contains(order, el.Name.Local) {
					for _, prev := range parent.children {
						if slices.Index(order, prev) > slices.Index(order, el.Name.Local) && slices.Contains(order, prev) {
							t.Errorf("%s: <%s> comes after <%s> in <%s>: the schema wants the other order", name, el.Name.Local, prev, parent.name)
							break
						}
					}
				}
				if el.Name.Local == "gridCol" {
					grids[len(grids)-1]++
				}
				if el.Name.Local == "gridSpan" {
					for _, a := range el.Attr {
						if a.Name.Local == "val" {
							n, _ := strconv.Atoi(a.Value)
							// the span belongs to the cell: tc > tcPr > gridSpan
							stack[len(stack)-2].span = n
						}
					}
				}
			}
			for _, a := range el.Attr {
				if a.Name.Space == "http://schemas.openxmlformats.org/officeDocument/2006/relationships" && a.Name.Local == "id" && !rels[a.Value] {
					t.Errorf("%s: r:id %q is not a relationship of the part", name, a.Value)
				}
			}
			if el.Name.Local == "tbl" {
				grids = append(grids, 0)
			}
			stack = append(stack, &frame{name: el.Name.Local, span: 1})
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch f.name {
			case "tc":
				if !slices.Contains(f.children, "p") {
					t.Errorf("%s: a table cell without a paragraph", name)
				}
				stack[len(stack)-1].cols += f.span
			case "tr":
				if f.cols != grids[len(grids)-1] {
					t.Errorf("%s: a row spans %d columns of a %d-column grid", name, f.cols, grids[len(grids)-1])
				}
			case "tbl":
				grids = grids[:len(grids)-1]
			}
		}
	}
}

// readBody reads the body of word/document.xml as paragraphs and tables
// (a table's cells as their text, paragraphs joined by newlines).
func readBody(t testing.TB, b []byte) []docBlock {
	t.Helper()
	var doc struct {
		Body struct {
			Inner []byte `xml:",innerxml"`
		} `xml:"body"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(doc.Body.Inner))
	var out []docBlock
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch el.Name.Local {
		case "p":
			var p xmlPara
			if err := dec.DecodeElement(&p, &el); err != nil {
				t.Fatal(err)
			}
			out = append(out, p.block())
		case "tbl":
			var tbl struct {
				Rows []struct {
					Cells []struct {
						Paras []xmlPara `xml:"p"`
					} `xml:"tc"`
				} `xml:"tr"`
			}
			if err := dec.DecodeElement(&tbl, &el); err != nil {
				t.Fatal(err)
			}
			blk := docBlock{Rows: [][]string{}}
			for _, r := range tbl.Rows {
				var row []string
				for _, c := range r.Cells {
					var texts []string
					for _, p := range c.Paras {
						texts = append(texts, p.block().Text)
					}
					row = append(row, strings.TrimSpace(strings.Join(texts, "\n")))
				}
				blk.Rows = append(blk.Rows, row)
			}
			out = append(out, blk)
		}
	}
}

type xmlPara struct {
	PPr struct {
		Jc struct {
			Val string `xml:"val,attr"`
		} `xml:"jc"`
	} `xml:"pPr"`
	Runs []struct {
		RPr struct {
			B *struct{} `xml:"b"`
			I *struct{} `xml:"i"`
			U *struct{} `xml:"u"`
		} `xml:"rPr"`
		T []string `xml:"t"`
	} `xml:"r"`
}

func (p xmlPara) block() docBlock {
	b := docBlock{Align: p.PPr.Jc.Val}
	for _, r := range p.Runs {
		run := docRun{Text: strings.Join(r.T, "\n"), Bold: r.RPr.B != nil, Italic: r.RPr.I != nil, Underline: r.RPr.U != nil}
		b.Runs = append(b.Runs, run)
		b.Text += run.Text
	}
	return b
}

// text is the document's whole text, paragraphs and cells on lines of their own.
func (f *docxFile) text() string {
	var b strings.Builder
	for _, blk := range f.blocks {
		if blk.isTable() {
			for _, r := range blk.Rows {
				b.WriteString(strings.Join(r, " | ") + "\n")
			}
			continue
		}
		b.WriteString(blk.Text + "\n")
	}
	return b.String()
}

// find returns the index of the first paragraph (from start) containing s, or -1.
func (f *docxFile) find(s string, start int) int {
	for i := start; i < len(f.blocks); i++ {
		if !f.blocks[i].isTable() && strings.Contains(f.blocks[i].Text, s) {
			return i
		}
	}
	return -1
}

// mustFind is find that fails the test when the paragraph is missing.
func (f *docxFile) mustFind(t testing.TB, s string) int {
	t.Helper()
	i := f.find(s, 0)
	if i < 0 {
		t.Fatalf("no paragraph contains %q; the document reads:\n%s", s, f.text())
	}
	return i
}

// tableRow returns the first row of a table between blocks from and to
// whose first cells are the given ones, or nil.
func (f *docxFile) tableRow(from, to int, first ...string) []string {
	for i := max(from, 0); i < min(to, len(f.blocks)); i++ {
		for _, r := range f.blocks[i].Rows {
			if len(r) >= len(first) && slices.Equal(r[:len(first)], first) {
				return r
			}
		}
	}
	return nil
}

// cellsContaining returns the cells, in tables between from and to, that contain s.
func (f *docxFile) cellsContaining(from, to int, s string) []string {
	var out []string
	for i := max(from, 0); i < min(to, len(f.blocks)); i++ {
		for _, r := range f.blocks[i].Rows {
			for _, c := range r {
				if strings.Contains(c, s) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

func errorAs(err error, target **domain.Error) bool { return errors.As(err, target) }
