package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// PlanReport builds the annual report of a plan's round (Báo cáo kết quả
// kiểm tra): which agencies were visited, their results, the common
// shortcomings and the state of the actions, as of the setting's day.
func PlanReport(sum *domain.PlanSummary, s Setting) *Document {
	p := sum.Plan
	d := &Document{Kind: "BC", Title: "BÁO CÁO",
		Subject: "Kết quả thực hiện " + lowerFirst(strings.TrimSpace(p.Title)),
		Parent:  s.Issuer.Parent, Issuer: s.Issuer.Name,
		Number:     DocumentNumber("", "BC", s.Issuer.Code),
		PlaceDate:  PlaceDate(s.Issuer.Province, &s.Today),
		MetaAuthor: s.Issuer.DisplayName(),
		MetaTitle:  "Báo cáo kết quả " + lowerFirst(p.Title),
		FileName:   fileName("bao-cao-ket-qua-kiem-tra", p.Year, "KH"+strconv.FormatInt(p.ID, 10), "", false),
	}
	issuer := s.Issuer.DisplayName()
	d.Body = append(d.Body, body(text(fmt.Sprintf("Thực hiện %s, %s báo cáo kết quả như sau:", planReference(&p), issuer))))

	// I. The round: how many visits in which state, and one line each.
	var planned, ongoing, concluded, cancelled int
	for _, v := range sum.Visits {
		switch v.Status {
		case domain.VisitPlanned:
			planned++
		case domain.VisitInProgress, domain.VisitSubmitted, domain.VisitReturned:
			ongoing++
		case domain.VisitApproved, domain.VisitClosed:
			concluded++
		case domain.VisitCancelled:
			cancelled++
		}
	}
	total := len(sum.Visits) - cancelled
	d.Body = append(d.Body, heading("I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH"))
	summary := fmt.Sprintf("Theo Kế hoạch, năm %d kiểm tra %d cơ quan, đơn vị", p.Year, total)
	if cancelled > 0 {
		summary += fmt.Sprintf(" (không kể %d cuộc kiểm tra đã hủy)", cancelled)
	}
	summary += fmt.Sprintf(". Đến %s: %d cơ quan, đơn vị đã có thông báo kết luận kiểm tra; %d cuộc kiểm tra đang thực hiện hoặc đang trình duyệt kết luận; %d cuộc chưa kiểm tra.",
		VietnameseDate(s.Today), concluded, ongoing, planned)
	d.Body = append(d.Body, body(text(summary)))
	if len(sum.Visits) > 0 {
		t := &Table{Borders: true, Widths: widths(7, 20, 14, 15, 13, 10, 9, 12),
			Rows: []Row{headerRow("STT", "Cơ quan, đơn vị", "Ngày kiểm tra", "Tình trạng", "Kết quả", "Tỷ lệ đúng hạn", "Tồn tại", "Kiến nghị đã khắc phục")}}
		for i, v := range sum.Visits {
			day := ""
			if v.VisitedOn != nil {
				day = NumericDate(*v.VisitedOn)
			} else if v.ScheduledOn != nil {
				day = "Dự kiến " + NumericDate(*v.ScheduledOn)
			}
			fixed := "—"
			if v.Actions > 0 {
				fixed = fmt.Sprintf("%d/%d", v.ActionsVerified, v.Actions)
			}
			t.Rows = append(t.Rows, Row{Cells: []Cell{cellText(strconv.Itoa(i+1), AlignCenter),
				cellText(ShortAgencyName(v.AgencyName, s.Issuer.Province), AlignLeft), cellText(day, AlignCenter),
				cellText(VisitStatusLabel(v.Status), AlignLeft), cellText(ResultLabel(v.OverallResult), AlignCenter),
				cellText(Rate(v.OnTimeRate), AlignCenter), cellText(strconv.Itoa(v.Shortcomings), AlignCenter), cellText(fixed, AlignCenter)}})
		}
		d.Body = append(d.Body, Block{T: t.withSize(11)})
	}

	// II. Results of the approved conclusions.
	d.Body = append(d.Body, heading("II. KẾT QUẢ ĐÁNH GIÁ"))
	var parts []string
	for _, rc := range sum.Results {
		parts = append(parts, fmt.Sprintf("%d cơ quan, đơn vị %s", rc.Count, lowerFirst(rc.Label)))
	}
	if concluded == 0 {
		d.Body = append(d.Body, body(text("Chưa có cuộc kiểm tra nào có thông báo kết luận.")))
	} else {
		d.Body = append(d.Body, body(text(fmt.Sprintf("Trong %d cơ quan, đơn vị đã có thông báo kết luận: %s.", concluded, strings.Join(parts, "; ")))))
	}

	// III. Shortcomings found at several agencies, and the repeated ones.
	d.Body = append(d.Body, heading("III. NHỮNG TỒN TẠI, HẠN CHẾ PHỔ BIẾN"))
	if len(sum.CommonShortcomings) == 0 {
		d.Body = append(d.Body, body(text("Các thông báo kết luận đã ban hành chưa nêu tồn tại, hạn chế nào.")))
	} else {
		d.Body = append(d.Body, lead("Tồn tại, hạn chế nêu trong các thông báo kết luận, theo tiêu chí (tiêu chí có nhiều lượt nhất trước):"))
		t := &Table{Borders: true, Widths: widths(7, 35, 9, 9, 40), Rows: []Row{headerRow("Mã", "Tiêu chí", "Số lượt", "Tái diễn", "Cơ quan, đơn vị")}}
		for _, cc := range sum.CommonShortcomings {
			title := cc.Criterion
			if cc.Code == "" {
				title = "Tồn tại khác (không gắn tiêu chí)"
			}
			names := make([]string, len(cc.Agencies))
			for i, n := range cc.Agencies {
				names[i] = ShortAgencyName(n, s.Issuer.Province)
			}
			t.Rows = append(t.Rows, Row{Cells: []Cell{cellText(cc.Code, AlignCenter), cellText(title, AlignLeft),
				cellText(strconv.Itoa(cc.Count), AlignCenter), cellText(strconv.Itoa(cc.Repeated), AlignCenter),
				cellText(strings.Join(names, "; "), AlignLeft)}})
		}
		d.Body = append(d.Body, Block{T: t})
	}
	if len(sum.Repeated) > 0 {
		d.Body = append(d.Body, body(text("Các tồn tại tái diễn so với lần kiểm tra trước:")))
		for _, rp := range sum.Repeated {
			d.Body = append(d.Body, body(text(fmt.Sprintf("- %s: %s (đã nêu năm %d).", ShortAgencyName(rp.AgencyName, s.Issuer.Province),
				strings.TrimSuffix(strings.TrimSpace(rp.Description), "."), rp.EarlierYear))))
		}
	}

	// IV. Remediation.
	d.Body = append(d.Body, heading("IV. TÌNH HÌNH KHẮC PHỤC"))
	n := map[string]int{}
	actions, overdue := 0, 0
	for _, v := range sum.Visits {
		if v.Status == domain.VisitApproved || v.Status == domain.VisitClosed {
			overdue += v.OverdueActions
		}
	}
	for _, c := range sum.ActionsByStatus {
		n[c.Status] = c.Count
		actions += c.Count
	}
	if actions == 0 {
		d.Body = append(d.Body, body(text("Chưa có kiến nghị khắc phục.")))
	} else {
		d.Body = append(d.Body, body(text(fmt.Sprintf("Tổng số %d kiến nghị: %d đã được Đoàn kiểm tra xác nhận hoàn thành; %d đã báo cáo hoàn thành, chờ xác nhận; %d đang thực hiện; %d chưa thực hiện. Số kiến nghị quá hạn: %d.",
			actions, n[string(domain.ActionVerified)], n[string(domain.ActionReportedDone)], n[string(domain.ActionInProgress)],
			n[string(domain.ActionOpen)], overdue))))
	}
	if len(sum.OverdueActions) > 0 {
		t := &Table{Borders: true, Widths: widths(8, 24, 40, 14, 14), Rows: []Row{headerRow("STT", "Cơ quan, đơn vị", "Nội dung kiến nghị", "Thời hạn", "Số ngày quá hạn")}}
		for i, o := range sum.OverdueActions {
			t.Rows = append(t.Rows, Row{Cells: []Cell{cellText(strconv.Itoa(i+1), AlignCenter),
				cellText(ShortAgencyName(o.AgencyName, s.Issuer.Province), AlignLeft), cellText(o.Description, AlignJustify),
				cellText(NumericDate(o.DueOn), AlignCenter), cellText(strconv.Itoa(o.DaysOverdue), AlignCenter)}})
		}
		d.Body = append(d.Body, Block{T: t.withSize(11)})
	}

	d.Body = append(d.Body, heading("V. ĐỀ XUẤT, KIẾN NGHỊ"))
	d.Body = append(d.Body, dots(), dots(), dots())
	d.Body = append(d.Body, body(text("Trên đây là báo cáo kết quả "+lowerFirst(p.Title)+" của "+issuer+"./.")))
	d.Signers = []Signer{{Title: s.Issuer.HeadTitle()}}
	d.Recipients = []string{"UBND tỉnh (b/c);", "Các cơ quan, đơn vị được kiểm tra;", "Lưu: VT, CCHC."}
	return d
}
