package report_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// sheetRows reads a sheet of a workbook as text, and finds rows by the
// agency code in their second column.
type sheetRows [][]string

func (s sheetRows) byAgency(code string) [][]string {
	var out [][]string
	for _, r := range s[1:] {
		if len(r) > 1 && r[1] == code {
			out = append(out, r)
		}
	}
	return out
}

// col returns the column of a header (the first that starts with name).
func (s sheetRows) col(t testing.TB, name string) int {
	t.Helper()
	i := slices.IndexFunc(s[0], func(h string) bool { return strings.HasPrefix(h, name) })
	if i < 0 {
		t.Fatalf("no column %q in %q", name, s[0])
	}
	return i
}

func cell(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// TestYearWorkbookOf2019 opens the workbook of 2019 with excelize and
// reads each sheet as a leader would: the visits with their results, the
// matrix of scores, the figures with the derived rates, the shortcomings
// and the actions with their state and days overdue.
func TestYearWorkbookOf2019(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, _ := demoWorld(t, db)
		wb, err := svc.YearWorkbook(ctx, service.System, 2019)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := wb.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		wb.Close()
		if wb.FileName != "ket-qua-kiem-tra-cchc-2019" {
			t.Errorf("file name %q", wb.FileName)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("excelize cannot open the workbook: %v", err)
		}
		defer f.Close()
		want := []string{report.SheetVisits, report.SheetScores, report.SheetFigures, report.SheetShortcomings, report.SheetActions, report.SheetNotes}
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Fatalf("sheets %q, want %q", got, want)
		}
		read := func(name string) sheetRows {
			rows, err := f.GetRows(name)
			if err != nil {
				t.Fatal(err)
			}
			return rows
		}

		visits := read(report.SheetVisits)
		if len(visits) != 5 {
			t.Errorf("%d rows of visits, want the header and the four 2019 visits (the cancelled one too)", len(visits))
		}
		seed := visits.byAgency("SKHCN")
		if len(seed) != 1 {
			t.Fatalf("SKHCN rows: %q", seed)
		}
		for name, want := range map[string]string{"Cơ quan": "Sở Khoa học và Công nghệ tỉnh Điện Biên", "Ngày kiểm tra": "26/09/2019",
			"Kết quả chung": "Hoàn thành tốt", "Số thông báo": "45/TB-SNV", "Ngày ban hành": "03/10/2019", "Số tồn tại": "2",
			"Kiến nghị đã xác nhận": "2", "Điểm thẩm định": "11.75", "Trạng thái": "Đã hoàn thành khắc phục", "Kế hoạch": "28/KH-UBND"} {
			if got := cell(seed[0], visits.col(t, name)); got != want {
				t.Errorf("visits: SKHCN %s = %q, want %q", name, got, want)
			}
		}
		if got := cell(visits.byAgency("TX-ML")[0], visits.col(t, "Trạng thái")); got != "Đã hủy" {
			t.Errorf("the cancelled visit's state = %q", got)
		}

		scores := read(report.SheetScores)
		c33, c35 := scores.col(t, "3.3 "), scores.col(t, "3.5 ")
		if !strings.Contains(scores[0][c33], "(tối đa 3)") {
			t.Errorf("header of 3.3 = %q, want its maximum", scores[0][c33])
		}
		row := scores.byAgency("SKHCN")[0]
		if cell(row, c33) != "3" || cell(row, c35) != "1.5" || cell(row, scores.col(t, "Tổng điểm")) != "11.75" {
			t.Errorf("scores of SKHCN: 3.3 %q, 3.5 %q, total %q", cell(row, c33), cell(row, c35), cell(row, scores.col(t, "Tổng điểm")))
		}
		if got := cell(row, scores.col(t, "2.1 ")); got != "" {
			t.Errorf("SKHCN has a score %q on 2.1, which it was not assessed on", got)
		}
		if got := cell(scores.byAgency("STP")[0], scores.col(t, "2.1 ")); got != "2" {
			t.Errorf("STP's score on 2.1 = %q", got)
		}

		figures := read(report.SheetFigures)
		fig := figures.byAgency("SKHCN")[0]
		for name, want := range map[string]string{"Tổng số TTHC": "48", "DVCTT mức độ 3": "18", "Tỷ lệ TTHC có DVCTT": "37.5",
			"Một cửa liên thông": "Có", "Tỷ lệ đúng hạn": "100", "Cấp phó tối đa": "3", "Vượt số cấp phó": "Không"} {
			if got := cell(fig, figures.col(t, name)); got != want {
				t.Errorf("figures: SKHCN %s = %q, want %q", name, got, want)
			}
		}
		if got := cell(figures.byAgency("SYT")[0], figures.col(t, "Vượt số cấp phó")); got != "Có" {
			t.Errorf("figures: SYT over its deputies maximum = %q, want Có", got)
		}
		if got := cell(figures.byAgency("SYT")[0], figures.col(t, "Hồ sơ quá hạn chưa có thư xin lỗi")); got != "28" {
			t.Errorf("figures: SYT files late without an apology = %q, want 28", got)
		}

		shortcomings := read(report.SheetShortcomings)
		var texts []string
		for _, r := range shortcomings.byAgency("SKHCN") {
			texts = append(texts, cell(r, 3)+" "+cell(r, shortcomings.col(t, "Nội dung")))
		}
		if !slices.Equal(texts, []string{
			"1.1 Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa để đảm bảo 100% mục tiêu được hoàn thành tốt.",
			"1.5 Số liệu báo cáo cần cụ thể hơn, cần nêu rõ những việc đã làm được và chưa làm được so với kế hoạch."}) {
			t.Errorf("SKHCN's shortcomings = %q", texts)
		}

		actions := read(report.SheetActions)
		if len(actions) != 6 {
			t.Errorf("%d rows of actions, want the header and 5", len(actions))
		}
		for _, r := range actions.byAgency("SYT") {
			if cell(r, actions.col(t, "Quá hạn")) != "Có" || cell(r, actions.col(t, "Số ngày quá hạn")) != "426" || cell(r, actions.col(t, "Thời hạn")) != "16/11/2019" {
				t.Errorf("SYT action = %q, want due 16/11/2019 and 426 days overdue", r)
			}
		}
		for _, r := range actions.byAgency("SKHCN") {
			if cell(r, actions.col(t, "Trạng thái")) != "Đã xác nhận hoàn thành" || cell(r, actions.col(t, "Quá hạn")) != "Không" {
				t.Errorf("SKHCN action = %q, want verified and not overdue", r)
			}
		}
		if notes := read(report.SheetNotes); !strings.Contains(strings.Join(notes[2], ""), "Tỷ lệ đúng hạn (%) = (hồ sơ giải quyết trước hạn + đúng hạn)") {
			t.Errorf("the notes do not give the on-time formula: %q", notes)
		}
	})
}

// TestYearWorkbookOfAnEmptyYear: a year without visits is a workbook with
// headers only, not an error.
func TestYearWorkbookOfAnEmptyYear(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	svc, _ := demoWorld(t, db)
	wb, err := svc.YearWorkbook(ctx, service.System, 2030)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(report.SheetVisits)
	if len(rows) != 1 {
		t.Errorf("%d rows, want the header only", len(rows))
	}
}
