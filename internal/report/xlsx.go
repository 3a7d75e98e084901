package report

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// XLSXContentType is the media type of an Excel workbook.
const XLSXContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// The sheets of the yearly workbook, in order.
const (
	SheetVisits       = "Cuộc kiểm tra"
	SheetScores       = "Điểm theo tiêu chí"
	SheetFigures      = "TTHC và biên chế"
	SheetShortcomings = "Tồn tại"
	SheetActions      = "Kiến nghị"
	SheetNotes        = "Ghi chú"
)

// ExportSource gives the rows of a year, one at a time (the store).
type ExportSource interface {
	ExportVisits(ctx context.Context, year int, fn func(*domain.ExportVisit) error) error
	ExportCriteria(ctx context.Context, year int) ([]domain.ExportCriterion, error)
	ExportScores(ctx context.Context, year int, fn func(*domain.ExportScores) error) error
	ExportFigures(ctx context.Context, year int, fn func(*domain.ExportFigures) error) error
	ExportShortcomings(ctx context.Context, year int, fn func(*domain.ExportShortcoming) error) error
	ExportActions(ctx context.Context, year int, today domain.Date, fn func(*domain.ExportAction) error) error
}

// Workbook is a built workbook, ready to be written once. Its sheets were
// streamed to temporary files as they were built: Close removes them.
type Workbook struct {
	f *excelize.File
	// FileName is the name to download it as, without extension.
	FileName string
}

// WriteTo writes the workbook (.xlsx) straight to out: excelize would
// otherwise build the whole zip in memory first.
func (w *Workbook) WriteTo(out io.Writer) (int64, error) {
	cw := &countingWriter{w: out}
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(cw) })
	// What excelize writes to its own buffer is then nothing.
	if _, err := w.f.WriteTo(io.Discard); err != nil {
		return cw.n, err
	}
	return cw.n, cw.err
}

// countingWriter counts the bytes written and keeps the first error.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// Close frees the workbook's temporary files.
func (w *Workbook) Close() error { return w.f.Close() }

// File returns the workbook itself, for tests that read it back.
func (w *Workbook) File() *excelize.File { return w.f }

// xlsxStyles are the cell styles of the workbook.
type xlsxStyles struct {
	header, title, date, number, text int
}

// YearWorkbook builds the Excel workbook of a year: the visits, the matrix
// of the team's scores by agency and criterion, the procedure and staffing
// figures with their derived rates, the shortcomings and the actions with
// their state and days overdue (as of s.Today). Every sheet is written
// with excelize's streaming writer from rows read one at a time, so memory
// stays flat however large the year.
func YearWorkbook(ctx context.Context, src ExportSource, year int, s Setting) (wb *Workbook, err error) {
	f := excelize.NewFile()
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	if err := f.SetSheetName("Sheet1", SheetVisits); err != nil {
		return nil, err
	}
	for _, name := range []string{SheetScores, SheetFigures, SheetShortcomings, SheetActions, SheetNotes} {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return nil, err
	}
	for _, step := range []func() error{
		func() error { return visitsSheet(ctx, f, st, src, year) },
		func() error { return scoresSheet(ctx, f, st, src, year) },
		func() error { return figuresSheet(ctx, f, st, src, year) },
		func() error { return shortcomingsSheet(ctx, f, st, src, year) },
		func() error { return actionsSheet(ctx, f, st, src, year, s.Today) },
		func() error { return notesSheet(f, st, year, s) },
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	// The first sheet is the active one already. (SetActiveSheet would read
	// every streamed sheet back into memory.)
	created := s.Today.Time().Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{Title: fmt.Sprintf("Kết quả kiểm tra CCHC năm %d", year),
		Creator: s.Issuer.DisplayName(), Created: created, Modified: created, Language: "vi-VN",
		Description: "Số liệu đến " + VietnameseDate(s.Today)}); err != nil {
		return nil, err
	}
	return &Workbook{f: f, FileName: fmt.Sprintf("ket-qua-kiem-tra-cchc-%d", year)}, nil
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	font := &excelize.Font{Family: "Times New Roman", Size: 12}
	dateFmt, numFmt := "dd/mm/yyyy", "0.##"
	for _, s := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&st.header, &excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.title, &excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 14, Bold: true}}},
		{&st.date, &excelize.Style{Font: font, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&st.number, &excelize.Style{Font: font, CustomNumFmt: &numFmt}},
		{&st.text, &excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
	} {
		id, err := f.NewStyle(s.style)
		if err != nil {
			return st, err
		}
		*s.dst = id
	}
	return st, nil
}

// sheetWriter streams one sheet: a header row, then data rows.
type sheetWriter struct {
	sw  *excelize.StreamWriter
	st  xlsxStyles
	row int
}

// newSheet opens a sheet's stream with its column widths and header row,
// frozen above the data.
func newSheet(f *excelize.File, st xlsxStyles, name string, widths []float64, header []string, headerHeight ...float64) (*sheetWriter, error) {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, XSplit: min(3, len(header)), TopLeftCell: "D2", ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}
	w := &sheetWriter{sw: sw, st: st}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	height := 45.0
	if len(headerHeight) > 0 {
		height = headerHeight[0]
	}
	return w, w.add(cells, excelize.RowOpts{Height: height})
}

// add writes the next row.
func (w *sheetWriter) add(cells []any, opts ...excelize.RowOpts) error {
	w.row++
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sw.SetRow(cell, cells, opts...)
}

// value helpers: nil for missing values leaves the cell empty.
func (w *sheetWriter) date(d *domain.Date) any {
	if d == nil {
		return nil
	}
	return excelize.Cell{StyleID: w.st.date, Value: d.Time()}
}

func (w *sheetWriter) num(f *float64) any {
	if f == nil {
		return nil
	}
	return excelize.Cell{StyleID: w.st.number, Value: *f}
}

func (w *sheetWriter) text(s string) any { return excelize.Cell{StyleID: w.st.text, Value: s} }

func yesNo(b bool) string {
	if b {
		return "Có"
	}
	return "Không"
}

func visitsSheet(ctx context.Context, f *excelize.File, st xlsxStyles, src ExportSource, year int) error {
	w, err := newSheet(f, st, SheetVisits, []float64{6, 10, 36, 14, 16, 18, 12, 12, 24, 14, 14, 12, 18, 10, 10, 10, 9, 9, 9, 11},
		[]string{"STT", "Mã cơ quan", "Cơ quan, đơn vị", "Kế hoạch", "Quyết định thành lập Đoàn", "Hình thức", "Ngày dự kiến",
			"Ngày kiểm tra", "Trạng thái", "Trạng thái kết luận", "Số thông báo", "Ngày ban hành", "Kết quả chung",
			"Điểm thẩm định", "Điểm tối đa", "Điểm tự chấm", "Số tiêu chí đã đánh giá", "Số tồn tại", "Số kiến nghị", "Kiến nghị đã xác nhận"})
	if err != nil {
		return err
	}
	n := 0
	err = src.ExportVisits(ctx, year, func(v *domain.ExportVisit) error {
		n++
		return w.add([]any{n, v.AgencyCode, v.AgencyName, v.PlanDecisionNo, v.DecisionNo, VisitKindLabel(v.Kind), w.date(v.ScheduledOn),
			w.date(v.VisitedOn), VisitStatusLabel(v.Status), conclusionStatusLabel(v.ConclusionStatus), v.DocumentNo, w.date(v.IssuedOn),
			ResultLabel(v.OverallResult), w.num(v.Score), w.num(v.MaxScore), w.num(v.SelfScore), v.Findings, v.Shortcomings, v.Actions,
			v.ActionsVerified})
	})
	if err != nil {
		return err
	}
	return w.sw.Flush()
}

func conclusionStatusLabel(s domain.ConclusionStatus) string {
	switch s {
	case domain.ConclusionDraft:
		return "Dự thảo"
	case domain.ConclusionSubmitted:
		return "Đã trình"
	case domain.ConclusionReturned:
		return "Bị trả lại"
	case domain.ConclusionApproved:
		return "Đã phê duyệt"
	}
	return string(s)
}

func scoresSheet(ctx context.Context, f *excelize.File, st xlsxStyles, src ExportSource, year int) error {
	crit, err := src.ExportCriteria(ctx, year)
	if err != nil {
		return err
	}
	header := []string{"STT", "Mã cơ quan", "Cơ quan, đơn vị", "Trạng thái"}
	widths := []float64{6, 10, 36, 18}
	for _, c := range crit {
		label := c.Code + " " + c.Title
		if c.MaxScore != nil {
			label += " (tối đa " + Number(*c.MaxScore) + ")"
		}
		header, widths = append(header, label), append(widths, 14)
	}
	header, widths = append(header, "Tổng điểm"), append(widths, 10)
	w, err := newSheet(f, st, SheetScores, widths, header, 90)
	if err != nil {
		return err
	}
	n := 0
	row := make([]any, len(header))
	err = src.ExportScores(ctx, year, func(v *domain.ExportScores) error {
		n++
		row[0], row[1], row[2], row[3] = n, v.AgencyCode, v.AgencyName, VisitStatusLabel(v.Status)
		total, scored := 0.0, false
		for i, c := range crit {
			row[4+i] = nil
			if s, ok := v.Scores[c.Code]; ok {
				row[4+i] = excelize.Cell{StyleID: st.number, Value: s}
				total, scored = total+s, true
			}
		}
		row[len(row)-1] = nil
		if scored {
			row[len(row)-1] = excelize.Cell{StyleID: st.number, Value: total}
		}
		return w.add(row)
	})
	if err != nil {
		return err
	}
	return w.sw.Flush()
}

func figuresSheet(ctx context.Context, f *excelize.File, st xlsxStyles, src ExportSource, year int) error {
	full, partial := onlineLevels(year)
	header := []string{"STT", "Mã cơ quan", "Cơ quan, đơn vị", "Tổng số TTHC", "DVCTT " + full, "DVCTT " + partial, "Tỷ lệ TTHC có DVCTT (%)",
		"Một cửa", "Một cửa liên thông", "Hồ sơ tiếp nhận", "Hồ sơ kỳ trước chuyển sang", "Giải quyết trước hạn", "Giải quyết đúng hạn",
		"Giải quyết quá hạn", "Đang giải quyết", "Tỷ lệ đúng hạn (%)", "Hồ sơ nộp trực tuyến", "Tỷ lệ hồ sơ trực tuyến (%)",
		"Thư xin lỗi", "Hồ sơ quá hạn chưa có thư xin lỗi", "Cấp phó", "Cấp phó tối đa", "Vượt số cấp phó", "Biên chế được giao",
		"Biên chế có mặt", "Vượt biên chế", "Vị trí việc làm được phê duyệt"}
	widths := []float64{6, 10, 36}
	for range header[3:] {
		widths = append(widths, 11)
	}
	w, err := newSheet(f, st, SheetFigures, widths, header)
	if err != nil {
		return err
	}
	n := 0
	err = src.ExportFigures(ctx, year, func(v *domain.ExportFigures) error {
		n++
		row := []any{n, v.AgencyCode, v.AgencyName}
		if p := v.Procedure; p != nil {
			row = append(row, p.ProceduresTotal, p.OnlineFull, p.OnlinePartial, w.num(p.OnlineRate), yesNo(p.OneStopShop),
				yesNo(p.InteragencyOneStopShop), p.FilesReceived, p.FilesCarriedOver, p.FilesEarly, p.FilesOnTime, p.FilesLate,
				p.FilesPending, w.num(p.OnTimeRate), p.FilesOnline, w.num(p.OnlineFileRate), p.ApologyLetters, p.ApologyLettersMissing)
		} else {
			row = append(row, make([]any, 17)...)
		}
		if t := v.Staffing; t != nil {
			row = append(row, t.DeputiesActual, t.DeputiesMax, yesNo(t.DeputiesOverMax), t.QuotaAssigned, t.StaffPresent,
				yesNo(t.StaffOverQuota), yesNo(t.JobPositionsApproved))
		}
		return w.add(row)
	})
	if err != nil {
		return err
	}
	return w.sw.Flush()
}

func shortcomingsSheet(ctx context.Context, f *excelize.File, st xlsxStyles, src ExportSource, year int) error {
	w, err := newSheet(f, st, SheetShortcomings, []float64{6, 10, 36, 9, 36, 60, 40, 12, 10, 10, 22},
		[]string{"STT", "Mã cơ quan", "Cơ quan, đơn vị", "Mã tiêu chí", "Tiêu chí", "Nội dung tồn tại, hạn chế", "Nguyên nhân",
			"Mức độ", "Tái diễn", "Năm đã nêu", "Trạng thái cuộc kiểm tra"})
	if err != nil {
		return err
	}
	n := 0
	err = src.ExportShortcomings(ctx, year, func(s *domain.ExportShortcoming) error {
		n++
		var earlier any
		if s.RepeatYear != nil {
			earlier = *s.RepeatYear
		}
		return w.add([]any{n, s.AgencyCode, s.AgencyName, s.CriterionCode, w.text(s.Criterion), w.text(s.Description), w.text(s.Cause),
			SeverityLabel(s.Severity), yesNo(s.RepeatOfID != nil), earlier, VisitStatusLabel(s.VisitStatus)})
	})
	if err != nil {
		return err
	}
	return w.sw.Flush()
}

func actionsSheet(ctx context.Context, f *excelize.File, st xlsxStyles, src ExportSource, year int, today domain.Date) error {
	w, err := newSheet(f, st, SheetActions, []float64{6, 10, 36, 50, 50, 30, 30, 12, 22, 9, 11},
		[]string{"STT", "Mã cơ quan", "Cơ quan, đơn vị", "Tồn tại", "Nội dung kiến nghị", "Đơn vị thực hiện", "Người thực hiện",
			"Thời hạn", "Trạng thái", "Quá hạn", "Số ngày quá hạn đến " + NumericDate(today)})
	if err != nil {
		return err
	}
	n := 0
	err = src.ExportActions(ctx, year, today, func(a *domain.ExportAction) error {
		n++
		var days any
		if a.Overdue {
			days = a.DaysOverdue
		}
		return w.add([]any{n, a.AgencyCode, a.AgencyName, w.text(a.Shortcoming), w.text(a.Description), a.OwnerAgency, a.OwnerName,
			w.date(a.DueOn), ActionStatusLabel(a.Status), yesNo(a.Overdue), days})
	})
	if err != nil {
		return err
	}
	return w.sw.Flush()
}

func notesSheet(f *excelize.File, st xlsxStyles, year int, s Setting) error {
	sw, err := f.NewStreamWriter(SheetNotes)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 120); err != nil {
		return err
	}
	notes := []string{
		fmt.Sprintf("Kết quả kiểm tra công tác cải cách hành chính năm %d — %s, %s", year, s.Issuer.DisplayName(), s.Issuer.Province),
		"Số liệu đến " + VietnameseDate(s.Today) + "; thời hạn và số ngày quá hạn tính đến ngày này.",
		"Tỷ lệ đúng hạn (%) = (hồ sơ giải quyết trước hạn + đúng hạn) / (trước hạn + đúng hạn + quá hạn) × 100.",
		"Tỷ lệ TTHC có DVCTT (%) = (DVCTT " + func() string { f, p := onlineLevels(year); return f + " + " + p }() + ") / tổng số TTHC × 100.",
		"Tỷ lệ hồ sơ trực tuyến (%) = hồ sơ nộp trực tuyến / (hồ sơ tiếp nhận + kỳ trước chuyển sang) × 100.",
		"Một tỷ lệ để trống: không có gì để tính (mẫu số bằng 0).",
		"Kiến nghị quá hạn: chưa thực hiện hoặc đang thực hiện sau thời hạn.",
		"Điểm theo tiêu chí: điểm thẩm định của Đoàn kiểm tra; các tiêu chí của các bộ tiêu chí trong năm được ghép theo mã.",
		"Cuộc kiểm tra đã hủy chỉ có trong trang \"" + SheetVisits + "\".",
	}
	for i, note := range notes {
		style := st.text
		if i == 0 {
			style = st.title
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+1), []any{excelize.Cell{StyleID: style, Value: note}}); err != nil {
			return err
		}
	}
	return sw.Flush()
}
