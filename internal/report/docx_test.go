package report_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// TestVietnameseDates writes dates as Nghị định 30/2020 wants them: a
// leading zero for days 1–9 and months 1–2 only.
func TestVietnameseDates(t *testing.T) {
	for in, want := range map[string]string{
		"2019-10-03": "ngày 03 tháng 10 năm 2019",
		"2019-09-26": "ngày 26 tháng 9 năm 2019",
		"2020-01-05": "ngày 05 tháng 01 năm 2020",
		"2020-02-15": "ngày 15 tháng 02 năm 2020",
		"2020-03-09": "ngày 09 tháng 3 năm 2020",
		"2020-12-31": "ngày 31 tháng 12 năm 2020",
	} {
		d, _ := domain.ParseDate(in)
		if got := report.VietnameseDate(d); got != want {
			t.Errorf("VietnameseDate(%s) = %q, want %q", in, got, want)
		}
	}
	d, _ := domain.ParseDate("2019-01-15")
	if got := report.NumericDate(d); got != "15/01/2019" {
		t.Errorf("NumericDate = %q", got)
	}
	if got := report.PlaceDate("Điện Biên", nil); !strings.HasPrefix(got, "Điện Biên, ngày ") || strings.ContainsAny(got, "0123456789") {
		t.Errorf("PlaceDate without a date = %q, want blanks to fill in", got)
	}
	if got := report.DocumentNumber("", "TB", "SNV"); !regexp.MustCompile(`^Số: +/TB-SNV$`).MatchString(got) {
		t.Errorf("DocumentNumber without a number = %q", got)
	}
}

// TestConclusionNoticeOfTheSeedVisit opens the conclusion notice of the
// demo's 2019 visit and reads it as its recipient would: the header
// block, number, place and date, title and subject, legal bases, who
// inspected whom and when, the findings by area under I, the overall
// result, both shortcomings under II, the requests with owner and deadline
// under III, the signature with its prefix and the recipients, on A4 with
// the margins and font of Nghị định 30.
func TestConclusionNoticeOfTheSeedVisit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, visits := demoWorld(t, db)
		file, err := svc.ConclusionDOCX(ctx, service.System, visits["SKHCN 2019"])
		if err != nil {
			t.Fatal(err)
		}
		if file.ContentType != report.DOCXContentType || file.Name != "thong-bao-ket-luan-2019-SKHCN-45-TB-SNV.docx" {
			t.Errorf("file %q of type %q", file.Name, file.ContentType)
		}
		doc := openDOCX(t, file.Data)

		// The header block: the issuing body left, the motto right, then
		// the number and the date line.
		header := doc.blocks[0]
		if !header.isTable() || len(header.Rows) != 2 {
			t.Fatalf("the document does not open with the header block: %+v", header)
		}
		if got := header.Rows[0][0]; got != "UBND TỈNH ĐIỆN BIÊN\nSỞ NỘI VỤ" {
			t.Errorf("issuing body = %q", got)
		}
		if got := header.Rows[0][1]; got != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" {
			t.Errorf("motto = %q", got)
		}
		if got := header.Rows[1]; got[0] != "Số: 45/TB-SNV" || got[1] != "Điện Biên, ngày 03 tháng 10 năm 2019" {
			t.Errorf("number and date line = %q", got)
		}
		xmlDoc := string(doc.parts["word/document.xml"])
		for _, want := range []string{
			// the motto bold and underlined, the date line italic
			`<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc</w:t>`,
			`<w:i/><w:iCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">Điện Biên, ngày 03 tháng 10 năm 2019</w:t>`,
			// A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm
			`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"`,
		} {
			if !strings.Contains(xmlDoc, want) {
				t.Errorf("word/document.xml lacks %s", want)
			}
		}
		if styles := string(doc.parts["word/styles.xml"]); !strings.Contains(styles, `w:ascii="Times New Roman"`) || !strings.Contains(styles, `<w:sz w:val="28"/>`) {
			t.Error("the default font is not Times New Roman 14 pt")
		}
		if strings.Contains(string(doc.parts["word/header1.xml"])+string(doc.parts["word/header2.xml"]), "DỰ THẢO") {
			t.Error("the approved notice is marked as a draft")
		}

		title := doc.mustFind(t, "THÔNG BÁO")
		if doc.blocks[title].Text != "THÔNG BÁO" || doc.blocks[title].Align != "center" || !doc.blocks[title].Runs[0].Bold {
			t.Errorf("title = %+v", doc.blocks[title])
		}
		if got := doc.blocks[title+1].Text; got != "Kết luận kiểm tra công tác cải cách hành chính năm 2019 tại Sở Khoa học và Công nghệ" {
			t.Errorf("subject = %q", got)
		}
		basis := doc.mustFind(t, "Căn cứ Kế hoạch")
		if got := doc.blocks[basis].Text; got != "Căn cứ Kế hoạch số 28/KH-UBND ngày 15/01/2019 của UBND tỉnh Điện Biên về kiểm tra công tác cải cách hành chính năm 2019;" {
			t.Errorf("legal basis = %q", got)
		}
		doc.mustFind(t, "Căn cứ Quyết định số 1052/QĐ-UBND về việc thành lập Đoàn kiểm tra")
		summary := doc.blocks[doc.mustFind(t, "Đoàn kiểm tra công tác cải cách hành chính (CCHC)")].Text
		for _, want := range []string{"Ngày 26 tháng 9 năm 2019", "đồng chí Lê Đình Tuyên, Phó Giám đốc Sở Nội vụ làm Trưởng đoàn",
			"tại Sở Khoa học và Công nghệ tỉnh Điện Biên", "Nguyễn Thu Trang"} {
			if !strings.Contains(summary, want) {
				t.Errorf("the visit summary lacks %q: %s", want, summary)
			}
		}
		doc.mustFind(t, "Làm việc với Đoàn kiểm tra có đồng chí Lê Văn Quang, Phó Giám đốc Sở Khoa học và Công nghệ")

		// The sections, in order.
		s1, s2, s3 := doc.mustFind(t, "I. KẾT QUẢ ĐẠT ĐƯỢC"), doc.mustFind(t, "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"), doc.mustFind(t, "III. KIẾN NGHỊ")
		sign := len(doc.blocks) - 1
		if !(title < basis && basis < s1 && s1 < s2 && s2 < s3 && s3 < sign) {
			t.Fatalf("sections out of order: title %d, basis %d, I %d, II %d, III %d", title, basis, s1, s2, s3)
		}
		// I: the strengths, the figures, the findings by area, the result.
		for _, want := range []string{"đẩy mạnh thực hiện cơ chế một cửa, một cửa liên thông", "dịch vụ công trực tuyến mức độ 3",
			"100% các TTHC được giải quyết đúng hạn"} {
			if i := doc.find(want, s1); i < 0 || i > s2 {
				t.Errorf("section I lacks %q", want)
			}
		}
		if i := doc.find("đúng hạn và trước hạn 126 hồ sơ, đạt tỷ lệ 100%", s1); i < 0 || i > s2 {
			t.Error("section I does not give the on-time figures (126 files, 100%)")
		}
		for _, row := range [][]string{
			{"3.2", "Thực hiện cơ chế một cửa, một cửa liên thông", "Có (Tốt)", "2/2"},
			{"3.3", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "100% (Tốt)", "3/3"},
			{"3.5", "Cung cấp và sử dụng dịch vụ công trực tuyến (toàn trình, một phần)", "37,5% (Tốt)", "1,5/2"},
			{"1.3", "Công tác tuyên truyền cải cách hành chính", "1 (Tốt)", "1/1"},
			{"4.2", "Số lượng cấp phó không vượt quá quy định", "Có (Tốt)", "1/1"},
			{"5.1", "Sử dụng biên chế trong số lượng được giao", "Có (Tốt)", "1/1"},
			{"5.2", "Xây dựng và thực hiện vị trí việc làm", "Có (Tốt)", "1/1"},
		} {
			got := doc.tableRow(s1, s2, row[0])
			if got == nil || !slices.Equal(got[:4], row) {
				t.Errorf("findings table row %s = %q, want %q", row[0], got, row)
			}
		}
		if got := doc.tableRow(s1, s2, "3. Cải cách thủ tục hành chính"); got == nil {
			t.Error("the findings table has no row for the area of 3.2–3.5")
		}
		result := doc.mustFind(t, "Kết quả chung:")
		if doc.blocks[result].Text != "Kết quả chung: Hoàn thành tốt." || result < s1 || result > s2 {
			t.Errorf("overall result %q at %d, want in section I (%d–%d)", doc.blocks[result].Text, result, s1, s2)
		}
		// II: both shortcomings of the seed article, and their cause.
		for _, want := range []string{
			"Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa để đảm bảo 100% mục tiêu được hoàn thành tốt.",
			"Số liệu báo cáo cần cụ thể hơn, cần nêu rõ những việc đã làm được và chưa làm được so với kế hoạch.",
			"Việc xây dựng kế hoạch và báo cáo định kỳ chưa bám sát các chỉ tiêu của kế hoạch năm.",
		} {
			if i := doc.find(want, s2); i < 0 || i > s3 {
				t.Errorf("section II lacks %q", want)
			}
		}
		// III: the requests, then each action with its owner and deadline.
		if i := doc.find("Báo cáo kết quả khắc phục về Sở Nội vụ trước ngày 18/10/2019.", s3); i < 0 {
			t.Error("section III lacks the deadline to report back")
		}
		for _, row := range [][]string{
			{"1", "Rà soát, xây dựng Kế hoạch CCHC năm 2020 bám sát thực tế của Sở, bảo đảm 100% mục tiêu được hoàn thành.",
				"Giám đốc Sở Khoa học và Công nghệ", "Trước ngày 18/10/2019"},
			{"2", "Báo cáo CCHC định kỳ nêu rõ số liệu, những việc đã làm được và chưa làm được so với kế hoạch.",
				"Giám đốc Sở Khoa học và Công nghệ", "Trước ngày 18/10/2019"},
		} {
			if got := doc.tableRow(s3, sign, row[0]); !slices.Equal(got, row) {
				t.Errorf("requests table row %s = %q, want %q", row[0], got, row)
			}
		}
		doc.mustFind(t, "Sở Nội vụ thông báo để Sở Khoa học và Công nghệ biết, thực hiện./.")

		// The signature block: recipients left, signer right.
		sig := doc.blocks[sign]
		if !sig.isTable() || len(sig.Rows) != 1 {
			t.Fatalf("the document does not end with the signature block: %+v", sig)
		}
		if got := sig.Rows[0][0]; got != "Nơi nhận:\n- Như trên;\n- UBND tỉnh (b/c);\n- Giám đốc Sở Nội vụ (b/c);\n- Lưu: VT, CCHC." {
			t.Errorf("recipients = %q", got)
		}
		if got := regexp.MustCompile(`\n+`).ReplaceAllString(sig.Rows[0][1], " / "); got != "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / Lê Đình Tuyên" {
			t.Errorf("signature = %q", got)
		}
	})
}

// TestMinutesOfTheSeedVisit reads the minutes of the 2019 visit: who was
// there, the findings with the agency's own scores beside the team's, the
// procedure figures, both shortcomings, the requests, and the signatures.
func TestMinutesOfTheSeedVisit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, visits := demoWorld(t, db)
		file, err := svc.MinutesDOCX(ctx, service.System, visits["SKHCN 2019"])
		if err != nil {
			t.Fatal(err)
		}
		doc := openDOCX(t, file.Data)
		if got := doc.blocks[0].Rows; got[0][0] != "UBND TỈNH ĐIỆN BIÊN\nĐOÀN KIỂM TRA CCHC" || !regexp.MustCompile(`^Số: +/BB-ĐKT$`).MatchString(got[1][0]) ||
			got[1][1] != "Điện Biên, ngày 26 tháng 9 năm 2019" {
			t.Errorf("header = %q", got)
		}
		doc.mustFind(t, "BIÊN BẢN")
		doc.mustFind(t, "Kiểm tra công tác cải cách hành chính năm 2019 tại Sở Khoa học và Công nghệ")
		doc.mustFind(t, "Hôm nay, ngày 26 tháng 9 năm 2019, tại Trụ sở Sở Khoa học và Công nghệ tỉnh Điện Biên")
		doc.mustFind(t, "- Đồng chí Lê Đình Tuyên, Phó Giám đốc Sở Nội vụ – Trưởng đoàn;")
		doc.mustFind(t, "- Đồng chí Nguyễn Thu Trang, Chuyên viên phòng Cải cách hành chính, Sở Nội vụ – Thư ký;")
		doc.mustFind(t, "- Đồng chí Lê Văn Quang, Phó Giám đốc Sở Khoa học và Công nghệ;")
		s2, s3 := doc.mustFind(t, "II. NỘI DUNG VÀ KẾT QUẢ KIỂM TRA"), doc.mustFind(t, "III. TỒN TẠI, HẠN CHẾ")
		if got := doc.tableRow(s2, s3, "3.5"); !slices.Equal(got[:5], []string{"3.5", "Cung cấp và sử dụng dịch vụ công trực tuyến (toàn trình, một phần)",
			"37,5% (Tốt)", "2/2", "1,5/2"}) {
			t.Errorf("findings row 3.5 = %q: want the self-score 2/2 beside the team's 1,5/2", got)
		}
		if got := doc.tableRow(s2, s3, "Tỷ lệ hồ sơ giải quyết đúng hạn (gồm trước hạn)"); !slices.Equal(got, []string{"Tỷ lệ hồ sơ giải quyết đúng hạn (gồm trước hạn)", "100%"}) {
			t.Errorf("on-time rate row = %q", got)
		}
		if got := doc.tableRow(s2, s3, "Dịch vụ công trực tuyến mức độ 3"); !slices.Equal(got, []string{"Dịch vụ công trực tuyến mức độ 3", "18"}) {
			t.Errorf("level-3 online services row = %q", got)
		}
		doc.mustFind(t, "Về tổ chức bộ máy, biên chế: có 2 cấp phó (tối đa theo quy định: 3); sử dụng 30/32 biên chế được giao; vị trí việc làm đã được phê duyệt.")
		if i := doc.find("1. Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa", s3); i < 0 {
			t.Error("the minutes lack the first shortcoming")
		}
		if i := doc.find("2. Số liệu báo cáo cần cụ thể hơn", s3); i < 0 {
			t.Error("the minutes lack the second shortcoming")
		}
		// Signatures side by side: titles on one row, names lined up on the next.
		sig := doc.blocks[len(doc.blocks)-1]
		want := [][]string{{"ĐẠI DIỆN\nCƠ QUAN ĐƯỢC KIỂM TRA", "THƯ KÝ", "TRƯỞNG ĐOÀN KIỂM TRA"}, {"Lê Văn Quang", "Nguyễn Thu Trang", "Lê Đình Tuyên"}}
		if !slices.EqualFunc(sig.Rows, want, slices.Equal) {
			t.Errorf("signatures = %q, want the agency, the secretary and the lead: %q", sig.Rows, want)
		}
	})
}

// TestDraftDocumentsAreMarked: a visit whose conclusion is not approved
// gets its documents from the live records, marked "DỰ THẢO" on every
// page and without a number; it has no news bulletin yet.
func TestDraftDocumentsAreMarked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, visits := demoWorld(t, db)
		id := visits["SKHCN 2020"] // submitted, not approved
		for name, render := range map[string]func() (*service.File, error){
			"conclusion": func() (*service.File, error) { return svc.ConclusionDOCX(ctx, service.System, id) },
			"minutes":    func() (*service.File, error) { return svc.MinutesDOCX(ctx, service.System, id) },
		} {
			file, err := render()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(file.Name, "-du-thao.docx") {
				t.Errorf("%s: file name %q does not say it is a draft", name, file.Name)
			}
			doc := openDOCX(t, file.Data)
			for _, part := range []string{"word/header1.xml", "word/header2.xml"} {
				if !strings.Contains(string(doc.parts[part]), "DỰ THẢO") {
					t.Errorf("%s: %s (a page header) is not marked DỰ THẢO", name, part)
				}
			}
		}
		file, err := svc.ConclusionDOCX(ctx, service.System, id)
		if err != nil {
			t.Fatal(err)
		}
		doc := openDOCX(t, file.Data)
		if got := doc.blocks[0].Rows[1][0]; !regexp.MustCompile(`^Số: +/TB-SNV$`).MatchString(got) {
			t.Errorf("a draft's number = %q, want blanks", got)
		}
		// The live records: the 2020 findings and limitations.
		doc.mustFind(t, "- Kế hoạch CCHC năm 2020 có chỉ tiêu chưa sát thực tế (tồn tại đã nêu năm 2019).")
		if got := doc.tableRow(0, len(doc.blocks), "1.1"); got == nil || got[2] != "Có (Đạt)" || got[3] != "0,75/1" {
			t.Errorf("a draft's finding 1.1 = %q", got)
		}
		doc.mustFind(t, "Kết quả chung: Hoàn thành tốt.")
		if got := doc.tableRow(0, len(doc.blocks), "1"); got == nil || got[3] != "15 ngày kể từ ngày ban hành Thông báo" {
			t.Errorf("a draft's request deadline = %q, want the default rule", got)
		}
		if _, err := svc.Bulletin(ctx, service.System, id); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Errorf("bulletin of a conclusion not approved: %v, want a conflict", err)
		}
	})
}

// TestTamperedSnapshotIsRefused: once the stored snapshot no longer has
// its SHA-256, no document is made from it: a conflict, never a document
// of altered content and never a server error.
func TestTamperedSnapshotIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, visits := demoWorld(t, db)
		id := visits["SKHCN 2019"]
		if err := db.Gorm.Exec("UPDATE conclusion_snapshots SET content = REPLACE(content, 'Lê Đình Tuyên', 'Lê Đình Tuấn') WHERE visit_id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		for name, try := range map[string]func() error{
			"conclusion": func() error { _, err := svc.ConclusionDOCX(ctx, service.System, id); return err },
			"minutes":    func() error { _, err := svc.MinutesDOCX(ctx, service.System, id); return err },
			"bulletin":   func() error { _, err := svc.Bulletin(ctx, service.System, id); return err },
			"print":      func() error { _, err := svc.ConclusionDocument(ctx, service.System, id); return err },
		} {
			err := try()
			var de *domain.Error
			if domain.ErrorCode(err) != domain.ECONFLICT || !errorAs(err, &de) || de.Key != "snapshot_altered" {
				t.Errorf("%s of an altered snapshot: %v, want conflict snapshot_altered", name, err)
			}
		}
		// Another visit's documents are not affected.
		if _, err := svc.ConclusionDOCX(ctx, service.System, visits["STP 2019"]); err != nil {
			t.Errorf("another visit's notice: %v", err)
		}
	})
}

// TestPlanReportOf2019 reads the annual report of the 2019 plan: every
// visit with its state and result, the results counted, the common
// shortcomings and the state of the actions with the overdue ones.
func TestPlanReportOf2019(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, visits := demoWorld(t, db)
		v, _ := store.Get[domain.Visit](ctx, svc.Store(), visits["SKHCN 2019"])
		file, err := svc.PlanReportDOCX(ctx, service.System, v.PlanID)
		if err != nil {
			t.Fatal(err)
		}
		doc := openDOCX(t, file.Data)
		if got := doc.blocks[0].Rows[1]; !regexp.MustCompile(`^Số: +/BC-SNV$`).MatchString(got[0]) || got[1] != "Điện Biên, ngày 15 tháng 01 năm 2021" {
			t.Errorf("number and date = %q", got)
		}
		doc.mustFind(t, "Kết quả thực hiện kế hoạch kiểm tra công tác cải cách hành chính năm 2019")
		s1, s2, s3, s4 := doc.mustFind(t, "I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH"), doc.mustFind(t, "II. KẾT QUẢ ĐÁNH GIÁ"),
			doc.mustFind(t, "III. NHỮNG TỒN TẠI"), doc.mustFind(t, "IV. TÌNH HÌNH KHẮC PHỤC")
		doc.mustFind(t, "Theo Kế hoạch, năm 2019 kiểm tra 3 cơ quan, đơn vị (không kể 1 cuộc kiểm tra đã hủy)")
		for _, row := range [][]string{
			{"1", "Sở Khoa học và Công nghệ", "26/09/2019", "Đã hoàn thành khắc phục", "Hoàn thành tốt", "100%", "2", "2/2"},
			{"2", "Sở Tư pháp", "08/10/2019", "Đã hoàn thành khắc phục", "Hoàn thành xuất sắc", "99,84%", "1", "1/1"},
			{"3", "Sở Y tế", "22/10/2019", "Đã có kết luận, đang khắc phục", "Hoàn thành", "96,38%", "2", "0/2"},
			{"4", "UBND thị xã Mường Lay", "Dự kiến 12/11/2019", "Đã hủy", "", "—", "0", "—"},
		} {
			if got := doc.tableRow(s1, s2, row[0]); !slices.Equal(got, row) {
				t.Errorf("visit row %s = %q, want %q", row[0], got, row)
			}
		}
		doc.mustFind(t, "Trong 3 cơ quan, đơn vị đã có thông báo kết luận: 1 cơ quan, đơn vị hoàn thành xuất sắc; 1 cơ quan, đơn vị hoàn thành tốt; 1 cơ quan, đơn vị hoàn thành; 0 cơ quan, đơn vị chưa hoàn thành.")
		for _, code := range []string{"1.1", "1.5", "3.4", "4.2", "7.1"} {
			if got := doc.tableRow(s3, s4, code); got == nil || got[2] != "1" {
				t.Errorf("common shortcomings row %s = %q", code, got)
			}
		}
		doc.mustFind(t, "Tổng số 5 kiến nghị: 3 đã được Đoàn kiểm tra xác nhận hoàn thành; 0 đã báo cáo hoàn thành, chờ xác nhận; 1 đang thực hiện; 1 chưa thực hiện. Số kiến nghị quá hạn: 2.")
		if got := doc.cellsContaining(s4, len(doc.blocks), "Gửi thư xin lỗi đối với 100% hồ sơ quá hạn"); len(got) != 1 {
			t.Error("the overdue actions table lacks Sở Y tế's action")
		}
		if got := doc.tableRow(s4, len(doc.blocks), "1", "Sở Y tế"); got == nil || got[3] != "16/11/2019" || got[4] != "426" {
			t.Errorf("overdue row = %q, want due 16/11/2019, 426 days overdue", got)
		}
	})
}

// TestDocumentsAreTheSameEachTime: the same records give the same bytes.
func TestDocumentsAreTheSameEachTime(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	svc, visits := demoWorld(t, db)
	a, _ := svc.ConclusionDOCX(ctx, service.System, visits["SKHCN 2019"])
	b, _ := svc.ConclusionDOCX(ctx, service.System, visits["SKHCN 2019"])
	if !bytes.Equal(a.Data, b.Data) {
		t.Error("two renderings of the same notice differ")
	}
}
