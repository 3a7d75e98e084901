package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// VisitRecords are a visit's records as its documents show them: the
// approved snapshot of its conclusion, or, for a draft, the same records
// read live. Plan is read live in both cases (the snapshot does not hold
// it): it gives the legal basis.
type VisitRecords struct {
	domain.SnapshotContent
	Plan *domain.Plan
	// Draft marks documents of a conclusion that is not approved yet.
	Draft bool
}

// Setting is what documents need besides the records: the issuing body,
// the day they are made and the default deadline of an action.
type Setting struct {
	Issuer  Issuer
	Today   domain.Date
	DueDays int
}

// agencyShort is the inspected agency's name without the province.
func (r *VisitRecords) agencyShort(s Setting) string {
	return ShortAgencyName(r.Agency.Name, s.Issuer.Province)
}

func (r *VisitRecords) lead() *domain.TeamMember { return r.member(domain.TeamRoleLead) }

func (r *VisitRecords) member(role domain.TeamRole) *domain.TeamMember {
	for i := range r.Team {
		if r.Team[i].Role == role {
			return &r.Team[i]
		}
	}
	return nil
}

// day is the day of the visit: when it took place, else when it is planned.
func (r *VisitRecords) day() *domain.Date {
	if r.Visit.VisitedOn != nil {
		return r.Visit.VisitedOn
	}
	return r.Visit.ScheduledOn
}

// person names someone with their title: "đồng chí Lê Đình Tuyên, Phó Giám đốc Sở Nội vụ".
func person(name, title string) string {
	if title == "" {
		return "đồng chí " + name
	}
	return "đồng chí " + name + ", " + title
}

// legalBases are the "Căn cứ" paragraphs: the plan and the decision
// forming the team.
func (r *VisitRecords) legalBases() []Block {
	var out []Block
	if p := r.Plan; p != nil {
		out = append(out, body(italic("Căn cứ "+planReference(p)+";")))
	}
	if r.Visit.DecisionNo != "" {
		out = append(out, body(italic(fmt.Sprintf("Căn cứ Quyết định số %s về việc thành lập Đoàn kiểm tra công tác cải cách hành chính năm %d;",
			r.Visit.DecisionNo, r.Visit.Year))))
	}
	return out
}

// planReference names a plan as documents cite it: "Kế hoạch số
// 28/KH-UBND ngày 15/01/2019 của UBND tỉnh Điện Biên về kiểm tra công tác
// cải cách hành chính năm 2019".
func planReference(p *domain.Plan) string {
	about := strings.TrimSpace(p.Title)
	if rest, ok := strings.CutPrefix(about, "Kế hoạch "); ok {
		about = rest
	}
	var b strings.Builder
	b.WriteString("Kế hoạch")
	if p.DecisionNo != "" {
		b.WriteString(" số " + p.DecisionNo)
	}
	if p.IssuedOn != nil {
		b.WriteString(" ngày " + NumericDate(*p.IssuedOn))
	}
	if p.IssuedBy != "" {
		b.WriteString(" của " + p.IssuedBy)
	}
	if about != "" {
		b.WriteString(" về " + lowerFirst(about))
	}
	return b.String()
}

// findingsTable lays the findings out by area of the catalog: an area's
// row, then its criteria in catalog order. With self, the agency's own
// scores stand beside the team's (the minutes).
func (r *VisitRecords) findingsTable(self bool) *Table {
	byCrit := map[int64]*domain.Finding{}
	for i := range r.Findings {
		byCrit[r.Findings[i].CriterionID] = &r.Findings[i]
	}
	crit := map[int64]*domain.Criterion{}
	for i := range r.Criteria {
		crit[r.Criteria[i].ID] = &r.Criteria[i]
	}
	top := func(c *domain.Criterion) *domain.Criterion {
		for depth := 0; depth < 5 && c.ParentID != nil && crit[*c.ParentID] != nil; depth++ {
			c = crit[*c.ParentID]
		}
		return c
	}
	t := &Table{Borders: true}
	if self {
		t.Widths = widths(7, 25, 11, 10, 11, 36)
		t.Rows = []Row{headerRow("Mã", "Lĩnh vực, tiêu chí", "Kết quả", "Tự chấm", "Đoàn chấm", "Nhận xét của Đoàn kiểm tra")}
	} else {
		t.Widths = widths(7, 30, 12, 9, 42)
		t.Rows = []Row{headerRow("Mã", "Lĩnh vực, tiêu chí", "Kết quả", "Điểm", "Nhận xét")}
	}
	cols := len(t.Widths)
	var lastArea int64 = -1
	for i := range r.Criteria {
		c := &r.Criteria[i]
		f := byCrit[c.ID]
		if f == nil || c.Measure == domain.MeasureArea {
			continue
		}
		if a := top(c); a.ID != lastArea && a.ID != c.ID {
			lastArea = a.ID
			// An area's row keeps with its first criterion's.
			t.Rows = append(t.Rows, Row{Cells: []Cell{{Paras: []Para{{Runs: []Run{bold(a.Code + ". " + a.Title)}, Size: 12, KeepNext: true}},
				Span: cols, Shade: true}}})
		}
		value := ValueLabel(c.Measure, f.Value)
		if value == "" {
			value = RatingLabel(f.Rating)
		} else if l := RatingLabel(f.Rating); l != "" {
			value += " (" + l + ")"
		}
		row := Row{Cells: []Cell{cellText(c.Code, AlignCenter), cellText(c.Title, AlignLeft), cellText(value, AlignCenter)}}
		if self {
			row.Cells = append(row.Cells, cellText(ScoreLabel(f.SelfScore, c.MaxScore), AlignCenter))
		}
		row.Cells = append(row.Cells, cellText(ScoreLabel(f.Score, c.MaxScore), AlignCenter), cellText(f.Note, AlignJustify))
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 1 {
		return nil
	}
	return t
}

// procedureSentence sums up the procedure figures in one sentence.
func (r *VisitRecords) procedureSentence() string {
	p := r.ProcedureStats
	if p == nil {
		return ""
	}
	p.Derive()
	full, partial := onlineLevels(r.Visit.Year)
	parts := []string{}
	if p.OneStopShop || p.InteragencyOneStopShop {
		mech := "cơ chế một cửa"
		if p.InteragencyOneStopShop {
			mech = "cơ chế một cửa, một cửa liên thông"
		}
		parts = append(parts, "thực hiện "+mech)
	}
	resolved := p.FilesEarly + p.FilesOnTime + p.FilesLate
	if p.FilesReceived+p.FilesCarriedOver > 0 {
		s := fmt.Sprintf("tiếp nhận %d hồ sơ", p.FilesReceived)
		if p.FilesCarriedOver > 0 {
			s += fmt.Sprintf(" (kỳ trước chuyển sang %d hồ sơ)", p.FilesCarriedOver)
		}
		if resolved > 0 {
			s += fmt.Sprintf(", đã giải quyết %d hồ sơ, trong đó đúng hạn và trước hạn %d hồ sơ, đạt tỷ lệ %s", resolved,
				p.FilesEarly+p.FilesOnTime, Rate(p.OnTimeRate))
		}
		if p.FilesLate > 0 {
			s += fmt.Sprintf("; %d hồ sơ quá hạn, %d thư xin lỗi", p.FilesLate, p.ApologyLetters)
		}
		parts = append(parts, s)
	}
	if p.ProceduresTotal > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d thủ tục hành chính được cung cấp dịch vụ công trực tuyến (%s: %d, %s: %d), đạt tỷ lệ %s",
			p.OnlineFull+p.OnlinePartial, p.ProceduresTotal, full, p.OnlineFull, partial, p.OnlinePartial, Rate(p.OnlineRate)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Về giải quyết thủ tục hành chính: " + strings.Join(parts, "; ") + "."
}

// staffingSentence sums up the staffing figures in one sentence.
func (r *VisitRecords) staffingSentence() string {
	st := r.StaffingStats
	if st == nil {
		return ""
	}
	st.Derive()
	deputies := fmt.Sprintf("có %d cấp phó (tối đa theo quy định: %d)", st.DeputiesActual, st.DeputiesMax)
	if st.DeputiesOverMax {
		deputies += ", vượt quá số lượng quy định"
	}
	staff := fmt.Sprintf("sử dụng %d/%d biên chế được giao", st.StaffPresent, st.QuotaAssigned)
	if st.StaffOverQuota {
		staff += ", vượt số biên chế được giao"
	}
	jobs := "vị trí việc làm đã được phê duyệt"
	if !st.JobPositionsApproved {
		jobs = "vị trí việc làm chưa được phê duyệt"
	}
	return "Về tổ chức bộ máy, biên chế: " + deputies + "; " + staff + "; " + jobs + "."
}

// ConclusionNotice builds the conclusion notice (Thông báo kết luận kiểm
// tra) of a visit.
func ConclusionNotice(r *VisitRecords, s Setting) *Document {
	c, v := r.Conclusion, r.Visit
	short := r.agencyShort(s)
	d := &Document{Kind: "TB", Title: "THÔNG BÁO", Draft: r.Draft,
		Subject: fmt.Sprintf("Kết luận kiểm tra công tác cải cách hành chính năm %d tại %s", v.Year, short),
		Parent:  s.Issuer.Parent, Issuer: s.Issuer.Name,
		Number:     DocumentNumber(c.DocumentNo, "TB", s.Issuer.Code),
		PlaceDate:  PlaceDate(s.Issuer.Province, c.IssuedOn),
		MetaAuthor: s.Issuer.DisplayName(),
	}
	d.MetaTitle = "Thông báo kết luận kiểm tra CCHC năm " + strconv.Itoa(v.Year) + " tại " + short
	d.FileName = fileName("thong-bao-ket-luan", v.Year, r.Agency.Code, c.DocumentNo, r.Draft)
	d.Body = append(d.Body, r.legalBases()...)
	d.Body = append(d.Body, body(text(r.visitSummary())))
	if reps := r.representatives(); reps != "" {
		d.Body = append(d.Body, body(text("Làm việc với Đoàn kiểm tra có "+reps+".")))
	}
	d.Body = append(d.Body, body(text("Sau khi nghe báo cáo, kiểm tra hồ sơ, tài liệu và trao đổi với cơ quan, đơn vị, "+
		s.Issuer.DisplayName()+" thông báo kết luận kiểm tra như sau:")))

	d.Body = append(d.Body, heading("I. KẾT QUẢ ĐẠT ĐƯỢC"))
	for _, l := range lines(c.Strengths) {
		d.Body = append(d.Body, body(text(l)))
	}
	for _, sentence := range []string{r.procedureSentence(), r.staffingSentence()} {
		if sentence != "" {
			d.Body = append(d.Body, body(text(sentence)))
		}
	}
	if t := r.findingsTable(false); t != nil {
		d.Body = append(d.Body, lead("Kết quả kiểm tra theo từng lĩnh vực, tiêu chí:"), Block{T: t})
	}
	result := "chưa đánh giá"
	if c.OverallResult != nil {
		result = c.OverallResult.Vietnamese()
	}
	d.Body = append(d.Body, body(bold("Kết quả chung: "), bold(result+".")))

	d.Body = append(d.Body, heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"), heading("1. Tồn tại, hạn chế"))
	limits := lines(c.Limitations)
	if len(limits) == 0 {
		for _, sc := range r.Shortcomings {
			limits = append(limits, "- "+withEnd(sc.Description, "."))
		}
	}
	d.Body = append(d.Body, paragraphsOr(limits, "Không có.")...)
	d.Body = append(d.Body, heading("2. Nguyên nhân"))
	causes := lines(c.Causes)
	if len(causes) == 0 {
		for _, sc := range r.Shortcomings {
			if sc.Cause != "" {
				causes = append(causes, "- "+withEnd(sc.Cause, "."))
			}
		}
	}
	d.Body = append(d.Body, paragraphsOr(causes, "Không có.")...)

	d.Body = append(d.Body, heading("III. KIẾN NGHỊ, YÊU CẦU KHẮC PHỤC"))
	requests := lines(c.Requests)
	for _, l := range requests {
		d.Body = append(d.Body, body(text(l)))
	}
	if len(r.Actions) > 0 {
		d.Body = append(d.Body, lead("Các kiến nghị, người chịu trách nhiệm và thời hạn khắc phục:"), Block{T: r.actionsTable(s)})
		if len(requests) == 0 {
			if due := r.lastDue(); due != nil {
				d.Body = append(d.Body, body(text(fmt.Sprintf("%s báo cáo kết quả khắc phục về %s trước %s.", short,
					s.Issuer.DisplayName(), VietnameseDate(*due)))))
			}
		}
	} else if len(requests) == 0 {
		d.Body = append(d.Body, body(text("Không có.")))
	}
	d.Body = append(d.Body, body(text(fmt.Sprintf("%s thông báo để %s biết, thực hiện./.", s.Issuer.DisplayName(), short))))

	d.Signers = []Signer{noticeSigner(c, s.Issuer)}
	d.Recipients = c.Recipients
	if len(d.Recipients) == 0 {
		d.Recipients = []string{short + " (thực hiện);", "Lưu: VT."}
	}
	return d
}

// noticeSigner is the signature block of a conclusion: "KT. GIÁM ĐỐC",
// "PHÓ GIÁM ĐỐC", the name.
func noticeSigner(c domain.Conclusion, is Issuer) Signer {
	title := strings.ToUpper(strings.TrimSpace(c.SignerTitle))
	sg := Signer{Title: title, Name: c.SignerName}
	switch c.SignPrefix {
	case "":
		if title == "" {
			sg.Title = is.HeadTitle()
		}
	case "TM.":
		sg.Prefix = "TM. " + is.Name
	default:
		sg.Prefix = c.SignPrefix + " " + is.HeadTitle()
	}
	return sg
}

// visitSummary says who inspected whom, when, where and how.
func (r *VisitRecords) visitSummary() string {
	v := r.Visit
	var b strings.Builder
	if day := r.day(); day != nil {
		b.WriteString(capitalize(VietnameseDate(*day)) + ", ")
	}
	b.WriteString("Đoàn kiểm tra công tác cải cách hành chính (CCHC)")
	if l := r.lead(); l != nil {
		b.WriteString(" do " + person(l.FullName, l.Title) + " làm Trưởng đoàn")
	}
	verb := " đã kiểm tra"
	if v.VisitedOn == nil {
		verb = " kiểm tra"
	}
	b.WriteString(fmt.Sprintf("%s công tác CCHC năm %d tại %s", verb, v.Year, r.Agency.Name))
	var how []string
	if v.Kind != "" {
		how = append(how, lowerFirst(VisitKindLabel(v.Kind)))
	}
	if v.Location != "" {
		how = append(how, "địa điểm: "+v.Location)
	}
	if len(how) > 0 {
		b.WriteString(" (" + strings.Join(how, "; ") + ")")
	}
	b.WriteString(".")
	if others := r.otherMembers(); others != "" {
		b.WriteString(" Thành viên Đoàn kiểm tra gồm: " + others + ".")
	}
	return b.String()
}

// otherMembers lists the team but its lead: "Phạm Văn Dũng, Trưởng phòng … (Thành viên); …".
func (r *VisitRecords) otherMembers() string {
	var out []string
	for _, m := range r.Team {
		if m.Role == domain.TeamRoleLead {
			continue
		}
		s := m.FullName
		if m.Title != "" {
			s += ", " + m.Title
		}
		out = append(out, s+" ("+TeamRoleLabel(m.Role)+")")
	}
	return strings.Join(out, "; ")
}

// representatives names the agency's people who received the team.
func (r *VisitRecords) representatives() string {
	var out []string
	for _, p := range r.Visit.AgencyRepresentatives {
		out = append(out, person(p.FullName, p.Title))
	}
	return strings.Join(out, "; ")
}

// actionsTable lists the requested actions with their owner and deadline.
func (r *VisitRecords) actionsTable(s Setting) *Table {
	t := &Table{Borders: true, Widths: widths(8, 52, 22, 18), Rows: []Row{headerRow("STT", "Nội dung kiến nghị", "Đơn vị, người thực hiện", "Thời hạn")}}
	acts := slices.Clone(r.Actions)
	slices.SortFunc(acts, func(a, b domain.Action) int { return int(a.ID - b.ID) })
	for i, a := range acts {
		owner := a.OwnerName
		if owner == "" && a.OwnerAgencyID != nil && *a.OwnerAgencyID == r.Agency.ID {
			owner = r.agencyShort(s)
		}
		due := fmt.Sprintf("%d ngày kể từ ngày ban hành Thông báo", s.DueDays)
		if a.DueOn != nil {
			due = "Trước ngày " + NumericDate(*a.DueOn)
		}
		t.Rows = append(t.Rows, Row{Cells: []Cell{cellText(strconv.Itoa(i+1), AlignCenter), cellText(a.Description, AlignJustify),
			cellText(owner, AlignLeft), cellText(due, AlignCenter)}})
	}
	return t
}

// lastDue is the latest deadline of the visit's actions.
func (r *VisitRecords) lastDue() *domain.Date {
	var last *domain.Date
	for _, a := range r.Actions {
		if a.DueOn != nil && (last == nil || a.DueOn.After(*last)) {
			last = a.DueOn
		}
	}
	return last
}

// paragraphsOr makes a body paragraph of each line, or one saying none.
func paragraphsOr(ls []string, none string) []Block {
	if len(ls) == 0 {
		return []Block{body(text(none))}
	}
	out := make([]Block, len(ls))
	for i, l := range ls {
		out[i] = body(text(l))
	}
	return out
}

// fileName names a document's file: "thong-bao-ket-luan-2019-SKHCN-45-TB-SNV"
// (ASCII, so that every system keeps it), with "du-thao" for a draft.
func fileName(kind string, year int, agencyCode, number string, draft bool) string {
	parts := []string{kind, strconv.Itoa(year), agencyCode}
	if number != "" {
		parts = append(parts, number)
	}
	if draft {
		parts = append(parts, "du-thao")
	}
	var b strings.Builder
	for _, r := range strings.Join(parts, "-") {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == 'Đ' || r == 'đ':
			b.WriteRune('D')
		default:
			b.WriteRune('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// VisitMinutes builds the minutes of a visit (Biên bản kiểm tra), signed
// at the end of the working session.
func VisitMinutes(r *VisitRecords, s Setting) *Document {
	v := r.Visit
	short := r.agencyShort(s)
	d := &Document{Kind: "BB", Title: "BIÊN BẢN", Draft: r.Draft,
		Subject: fmt.Sprintf("Kiểm tra công tác cải cách hành chính năm %d tại %s", v.Year, short),
		Parent:  s.Issuer.Parent, Issuer: "ĐOÀN KIỂM TRA CCHC",
		Number:     DocumentNumber("", "BB", "ĐKT"),
		PlaceDate:  PlaceDate(s.Issuer.Province, r.day()),
		MetaAuthor: "Đoàn kiểm tra CCHC",
	}
	d.MetaTitle = "Biên bản kiểm tra CCHC năm " + strconv.Itoa(v.Year) + " tại " + short
	d.FileName = fileName("bien-ban-kiem-tra", v.Year, r.Agency.Code, "", r.Draft)

	var basis []string
	if r.Plan != nil {
		basis = append(basis, planReference(r.Plan))
	}
	if v.DecisionNo != "" {
		basis = append(basis, "Quyết định số "+v.DecisionNo+" về việc thành lập Đoàn kiểm tra")
	}
	if len(basis) > 0 {
		d.Body = append(d.Body, body(italic("Thực hiện "+strings.Join(basis, " và ")+";")))
	}
	var open strings.Builder
	open.WriteString("Hôm nay, ")
	if day := r.day(); day != nil {
		open.WriteString(VietnameseDate(*day) + ", ")
	}
	if v.Location != "" {
		open.WriteString("tại " + v.Location + ", ")
	}
	open.WriteString("Đoàn kiểm tra công tác cải cách hành chính làm việc với " + r.Agency.Name + ".")
	d.Body = append(d.Body, body(text(open.String())))

	d.Body = append(d.Body, heading("I. THÀNH PHẦN"), heading("1. Đoàn kiểm tra"))
	if len(r.Team) == 0 {
		d.Body = append(d.Body, body(text("(Chưa có danh sách Đoàn kiểm tra.)")))
	}
	for _, m := range r.Team {
		line := "- Đồng chí " + m.FullName
		if m.Title != "" {
			line += ", " + m.Title
		}
		d.Body = append(d.Body, body(text(line+" – "+TeamRoleLabel(m.Role)+";")))
	}
	d.Body = append(d.Body, heading("2. Đại diện "+short))
	if len(v.AgencyRepresentatives) == 0 {
		d.Body = append(d.Body, body(text("- ……………………………………………………")))
	}
	for _, p := range v.AgencyRepresentatives {
		line := "- Đồng chí " + p.FullName
		if p.Title != "" {
			line += ", " + p.Title
		}
		d.Body = append(d.Body, body(text(line+";")))
	}

	d.Body = append(d.Body, heading("II. NỘI DUNG VÀ KẾT QUẢ KIỂM TRA"),
		body(text("Đoàn kiểm tra đã nghe đại diện "+short+" báo cáo kết quả thực hiện công tác cải cách hành chính; kiểm tra hồ sơ, tài liệu, "+
			"việc giải quyết thủ tục hành chính tại Bộ phận một cửa. Kết quả kiểm tra như sau:")))
	d.Body = append(d.Body, heading("1. Kết quả theo từng tiêu chí"))
	if t := r.findingsTable(true); t != nil {
		d.Body = append(d.Body, Block{T: t})
	} else {
		d.Body = append(d.Body, body(text("(Chưa ghi nhận kết quả theo tiêu chí.)")))
	}
	d.Body = append(d.Body, heading("2. Số liệu thủ tục hành chính"))
	if t := r.procedureTable(); t != nil {
		d.Body = append(d.Body, Block{T: t})
	} else {
		d.Body = append(d.Body, body(text("(Chưa ghi nhận số liệu.)")))
	}
	d.Body = append(d.Body, heading("3. Tổ chức bộ máy, biên chế"))
	if sentence := r.staffingSentence(); sentence != "" {
		d.Body = append(d.Body, body(text(sentence)))
	} else {
		d.Body = append(d.Body, body(text("(Chưa ghi nhận số liệu.)")))
	}

	d.Body = append(d.Body, heading("III. TỒN TẠI, HẠN CHẾ"))
	if len(r.Shortcomings) == 0 {
		d.Body = append(d.Body, body(text("Không có.")))
	}
	for i, sc := range r.Shortcomings {
		runs := []Run{text(fmt.Sprintf("%d. %s", i+1, withEnd(sc.Description, ".")))}
		if sc.Cause != "" {
			runs = append(runs, italic(" Nguyên nhân: "+withEnd(sc.Cause, ".")))
		}
		if sc.RepeatOfID != nil {
			runs = append(runs, bold(" (Tồn tại đã được nêu ở lần kiểm tra trước.)"))
		}
		d.Body = append(d.Body, body(runs...))
	}
	d.Body = append(d.Body, heading("IV. KIẾN NGHỊ CỦA ĐOÀN KIỂM TRA"))
	if len(r.Actions) == 0 {
		d.Body = append(d.Body, body(text("Không có.")))
	} else {
		d.Body = append(d.Body, Block{T: r.actionsTable(s)})
	}
	d.Body = append(d.Body, heading("V. Ý KIẾN CỦA CƠ QUAN ĐƯỢC KIỂM TRA"))
	d.Body = append(d.Body, dots(), dots(), dots())
	d.Body = append(d.Body, body(text("Biên bản kết thúc cùng ngày, đã được đọc lại cho các thành viên dự họp cùng nghe, thống nhất; "+
		"biên bản được lập thành 02 bản có giá trị như nhau, Đoàn kiểm tra giữ 01 bản, "+short+" giữ 01 bản./.")))

	rep := Signer{Prefix: "ĐẠI DIỆN", Title: "CƠ QUAN ĐƯỢC KIỂM TRA"}
	if len(v.AgencyRepresentatives) > 0 {
		rep.Name = v.AgencyRepresentatives[0].FullName
	}
	lead := Signer{Prefix: "TRƯỞNG ĐOÀN KIỂM TRA"}
	if l := r.lead(); l != nil {
		lead.Name = l.FullName
	}
	d.Signers = []Signer{rep}
	if sec := r.member(domain.TeamRoleSecretary); sec != nil {
		d.Signers = append(d.Signers, Signer{Prefix: "THƯ KÝ", Name: sec.FullName})
	}
	d.Signers = append(d.Signers, lead)
	return d
}

// procedureTable lists the procedure figures and their derived rates.
func (r *VisitRecords) procedureTable() *Table {
	p := r.ProcedureStats
	if p == nil {
		return nil
	}
	p.Derive()
	full, partial := onlineLevels(r.Visit.Year)
	rows := [][2]string{
		{"Tổng số thủ tục hành chính", strconv.Itoa(p.ProceduresTotal)},
		{"Dịch vụ công trực tuyến " + full, strconv.Itoa(p.OnlineFull)},
		{"Dịch vụ công trực tuyến " + partial, strconv.Itoa(p.OnlinePartial)},
		{"Tỷ lệ thủ tục có dịch vụ công trực tuyến", Rate(p.OnlineRate)},
		{"Thực hiện cơ chế một cửa", yesNo(p.OneStopShop)},
		{"Thực hiện cơ chế một cửa liên thông", yesNo(p.InteragencyOneStopShop)},
		{"Hồ sơ tiếp nhận trong kỳ", strconv.Itoa(p.FilesReceived)},
		{"Hồ sơ kỳ trước chuyển sang", strconv.Itoa(p.FilesCarriedOver)},
		{"Hồ sơ giải quyết trước hạn", strconv.Itoa(p.FilesEarly)},
		{"Hồ sơ giải quyết đúng hạn", strconv.Itoa(p.FilesOnTime)},
		{"Hồ sơ giải quyết quá hạn", strconv.Itoa(p.FilesLate)},
		{"Hồ sơ đang giải quyết", strconv.Itoa(p.FilesPending)},
		{"Tỷ lệ hồ sơ giải quyết đúng hạn (gồm trước hạn)", Rate(p.OnTimeRate)},
		{"Hồ sơ nộp trực tuyến", strconv.Itoa(p.FilesOnline)},
		{"Tỷ lệ hồ sơ nộp trực tuyến", Rate(p.OnlineFileRate)},
		{"Thư xin lỗi đã gửi (hồ sơ quá hạn chưa có thư)", fmt.Sprintf("%d (%d)", p.ApologyLetters, p.ApologyLettersMissing)},
	}
	t := &Table{Borders: true, Widths: widths(70, 30), Rows: []Row{headerRow("Chỉ tiêu", "Số liệu")}}
	for _, row := range rows {
		t.Rows = append(t.Rows, Row{Cells: []Cell{cellText(row[0], AlignLeft), cellText(row[1], AlignCenter)}})
	}
	return t
}
