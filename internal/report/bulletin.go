package report

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// BulletinContentType is the media type of the news-bulletin draft.
const BulletinContentType = "text/markdown; charset=utf-8"

// Bulletin writes the news-bulletin draft of an approved conclusion, in
// the style of the provincial news pages (the seed article): a title, who
// inspected whom and when, the main findings with their figures, the
// overall result, the shortcomings and what was asked, for the agency's web
// editor to adjust and publish. It is Markdown.
func Bulletin(r *VisitRecords, s Setting) []byte {
	c, v := r.Conclusion, r.Visit
	short := r.agencyShort(s)
	var b strings.Builder
	fmt.Fprintf(&b, "# Kết quả công tác kiểm tra CCHC năm %d tại %s\n\n", v.Year, md(r.Agency.Name))

	source := "Thông báo kết luận kiểm tra"
	if c.DocumentNo != "" {
		source += " số " + c.DocumentNo
	}
	if c.IssuedOn != nil {
		source += " ngày " + NumericDate(*c.IssuedOn)
	}
	fmt.Fprintf(&b, "*Bản thảo tin bài, lập từ %s của %s. Biên tập viên rà soát, bổ sung hình ảnh trước khi đăng.*\n\n",
		md(source), md(s.Issuer.DisplayName()))

	var lede strings.Builder
	if day := r.day(); day != nil {
		lede.WriteString("Ngày " + ShortDate(*day) + ", ")
	}
	lede.WriteString("Đoàn kiểm tra cải cách hành chính (CCHC) tỉnh " + s.Issuer.Province)
	if l := r.lead(); l != nil {
		lede.WriteString(" do " + person(l.FullName, l.Title) + " làm Trưởng đoàn")
	}
	fmt.Fprintf(&lede, " đã đến làm việc, kiểm tra công tác CCHC năm %d tại %s.", v.Year, short)
	if reps := r.representatives(); reps != "" {
		lede.WriteString(" Tiếp và làm việc với Đoàn có " + reps + ".")
	}
	b.WriteString(md(capitalize(lede.String())) + "\n\n")

	if strengths := lines(c.Strengths); len(strengths) > 0 {
		b.WriteString(md("Theo kết luận của Đoàn kiểm tra: " + lowerFirst(unnumbered(strengths[0]))))
		b.WriteString("\n\n")
		for _, l := range strengths[1:] {
			b.WriteString(md(aboutArea(l)) + "\n\n")
		}
	}
	if facts := r.highlights(short); facts != "" {
		b.WriteString(md(facts) + "\n\n")
	}
	if staff := r.staffingHighlights(); staff != "" {
		b.WriteString(md(staff) + "\n\n")
	}

	if c.OverallResult != nil {
		verdict := "đã " + lowerFirst(c.OverallResult.Vietnamese())
		if *c.OverallResult == domain.ResultPoor {
			verdict = lowerFirst(c.OverallResult.Vietnamese())
		}
		fmt.Fprintf(&b, "%s\n\n", md(fmt.Sprintf("Kết luận chung, Đoàn kiểm tra đánh giá %s %s mục tiêu Kế hoạch CCHC năm %d tại thời điểm kiểm tra (xếp loại: %s).",
			short, verdict, v.Year, c.OverallResult.Vietnamese())))
	}

	limits := []string{}
	for _, sc := range r.Shortcomings {
		limits = append(limits, withEnd(sc.Description, "."))
	}
	if len(limits) == 0 {
		for _, l := range lines(c.Limitations) {
			limits = append(limits, withEnd(unnumbered(l), "."))
		}
	}
	if len(limits) > 0 {
		b.WriteString(md(fmt.Sprintf("Bên cạnh những kết quả đạt được, công tác CCHC tại %s vẫn còn một số hạn chế như:", short)) + "\n\n")
		for _, l := range limits {
			b.WriteString("- " + md(capitalize(l)) + "\n")
		}
		b.WriteString("\n")
		if due := r.lastDue(); due != nil {
			b.WriteString(md(fmt.Sprintf("Đoàn kiểm tra đề nghị %s khắc phục các hạn chế nêu trên và báo cáo kết quả về %s trước ngày %s.",
				short, s.Issuer.DisplayName(), ShortDate(*due))) + "\n\n")
		}
	}
	b.WriteString("- Tác giả: ……………\n")
	b.WriteString("- Nguồn tin: " + md(short) + "\n")
	return []byte(b.String())
}

// highlights are the main findings told with their figures: the one-stop
// mechanism, online public services and files resolved on time.
func (r *VisitRecords) highlights(short string) string {
	p := r.ProcedureStats
	if p == nil {
		return ""
	}
	p.Derive()
	full, partial := onlineLevels(r.Visit.Year)
	var facts []string
	switch {
	case p.InteragencyOneStopShop:
		facts = append(facts, "đẩy mạnh thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính (TTHC)")
	case p.OneStopShop:
		facts = append(facts, "thực hiện cơ chế một cửa trong giải quyết thủ tục hành chính (TTHC)")
	}
	var online []string
	if p.OnlinePartial > 0 {
		online = append(online, fmt.Sprintf("%d dịch vụ công trực tuyến %s", p.OnlinePartial, partial))
	}
	if p.OnlineFull > 0 {
		online = append(online, fmt.Sprintf("%d dịch vụ công trực tuyến %s", p.OnlineFull, full))
	}
	if len(online) > 0 {
		facts = append(facts, fmt.Sprintf("đã triển khai %s trên tổng số %d TTHC", strings.Join(online, " và "), p.ProceduresTotal))
	}
	if p.OnTimeRate != nil {
		resolved := p.FilesEarly + p.FilesOnTime + p.FilesLate
		if *p.OnTimeRate == 100 {
			facts = append(facts, fmt.Sprintf("100%% hồ sơ TTHC được giải quyết đúng hạn (%d/%d hồ sơ)", resolved, resolved))
		} else {
			facts = append(facts, fmt.Sprintf("tỷ lệ hồ sơ TTHC giải quyết đúng hạn đạt %s (%d/%d hồ sơ)", Rate(p.OnTimeRate),
				p.FilesEarly+p.FilesOnTime, resolved))
		}
	}
	if len(facts) == 0 {
		return ""
	}
	return fmt.Sprintf("Điểm đáng ghi nhận là năm %d %s %s.", r.Visit.Year, short, strings.Join(facts, "; "))
}

// staffingHighlights tells the apparatus and staffing figures.
func (r *VisitRecords) staffingHighlights() string {
	st := r.StaffingStats
	if st == nil {
		return ""
	}
	st.Derive()
	var facts []string
	if st.DeputiesOverMax {
		facts = append(facts, fmt.Sprintf("số lượng cấp phó vượt quy định (%d/%d)", st.DeputiesActual, st.DeputiesMax))
	} else {
		facts = append(facts, "không bổ nhiệm cấp phó vượt quá so với quy định")
	}
	if st.StaffOverQuota {
		facts = append(facts, fmt.Sprintf("số người làm việc vượt biên chế được giao (%d/%d)", st.StaffPresent, st.QuotaAssigned))
	} else {
		facts = append(facts, "bảo đảm số lượng biên chế được giao")
	}
	if st.JobPositionsApproved {
		facts = append(facts, "sắp xếp công chức, viên chức theo vị trí việc làm được phê duyệt")
	} else {
		facts = append(facts, "chưa có vị trí việc làm được phê duyệt")
	}
	return "Về tổ chức bộ máy và biên chế: " + strings.Join(facts, "; ") + "."
}

// aboutArea turns a numbered line of the strengths that names its area
// ("2. Cải cách thủ tục hành chính: …") into a sentence of the article
// ("Về cải cách thủ tục hành chính: …").
func aboutArea(line string) string {
	plain := unnumbered(line)
	if label, _, ok := strings.Cut(plain, ": "); ok && plain != line && len([]rune(label)) <= 80 && !strings.ContainsAny(label, ".;") {
		return "Về " + lowerFirst(plain)
	}
	return capitalize(plain)
}

var numbering = regexp.MustCompile(`^\s*(?:[-–—+•*]|\d+[.)]|[a-zđ][.)]|[IVX]+\.)\s*`)

// unnumbered drops the list mark a line of a conclusion starts with ("1. ", "- ").
func unnumbered(s string) string { return numbering.ReplaceAllString(s, "") }

var mdSpecial = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `#`, `\#`)

// md escapes text so that Markdown shows it as written.
func md(s string) string { return mdSpecial.Replace(s) }
