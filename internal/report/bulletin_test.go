package report_test

import (
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// TestBulletinOfTheSeedVisit: the news-bulletin draft of the 2019 visit
// states the facts of the seed article: its title, the date, the team
// lead and who received the team, the one-stop and level-3 online-service
// findings, 100% of files on time, the overall result and both
// shortcomings.
func TestBulletinOfTheSeedVisit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, visits := demoWorld(t, db)
		f, err := svc.Bulletin(ctx, service.System, visits["SKHCN 2019"])
		if err != nil {
			t.Fatal(err)
		}
		if f.ContentType != report.BulletinContentType || f.Name != "tin-bai-kiem-tra-cchc-2019-SKHCN.md" {
			t.Errorf("file %q of type %q", f.Name, f.ContentType)
		}
		md := string(f.Data)
		title, rest, _ := strings.Cut(md, "\n")
		if title != "# Kết quả công tác kiểm tra CCHC năm 2019 tại Sở Khoa học và Công nghệ tỉnh Điện Biên" {
			t.Errorf("title = %q", title)
		}
		paragraphs := strings.Split(strings.TrimSpace(rest), "\n\n")
		// The lede: when, who led the team, whom it inspected, who received it.
		lede := paragraphs[1]
		for _, want := range []string{"Ngày 26/9/2019", "Đoàn kiểm tra cải cách hành chính (CCHC) tỉnh Điện Biên",
			"đồng chí Lê Đình Tuyên, Phó Giám đốc Sở Nội vụ làm Trưởng đoàn", "tại Sở Khoa học và Công nghệ",
			"đồng chí Lê Văn Quang, Phó Giám đốc Sở Khoa học và Công nghệ"} {
			if !strings.Contains(lede, want) {
				t.Errorf("the lede lacks %q: %s", want, lede)
			}
		}
		for _, want := range []string{
			"đẩy mạnh thực hiện cơ chế một cửa, một cửa liên thông",
			"đã triển khai 18 dịch vụ công trực tuyến mức độ 3",
			"100% hồ sơ TTHC được giải quyết đúng hạn (126/126 hồ sơ)",
			"Công tác tuyên truyền về CCHC được đẩy mạnh, hình thức tuyên truyền đa dạng, phong phú",
			"không bổ nhiệm cấp phó vượt quá so với quy định",
			"Kết luận chung, Đoàn kiểm tra đánh giá Sở Khoa học và Công nghệ đã hoàn thành tốt mục tiêu Kế hoạch CCHC năm 2019 tại thời điểm kiểm tra (xếp loại: Hoàn thành tốt).",
			"Bên cạnh những kết quả đạt được, công tác CCHC tại Sở Khoa học và Công nghệ vẫn còn một số hạn chế như:",
			"- Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa để đảm bảo 100% mục tiêu được hoàn thành tốt.\n",
			"- Số liệu báo cáo cần cụ thể hơn, cần nêu rõ những việc đã làm được và chưa làm được so với kế hoạch.\n",
			"báo cáo kết quả về Sở Nội vụ trước ngày 18/10/2019",
			"- Nguồn tin: Sở Khoa học và Công nghệ",
		} {
			if !strings.Contains(md, want) {
				t.Errorf("the bulletin lacks %q", want)
			}
		}
		// The facts come in the article's order: findings, result, shortcomings.
		if a, b, c := strings.Index(md, "một cửa, một cửa liên thông"), strings.Index(md, "Kết luận chung"), strings.Index(md, "vẫn còn một số hạn chế"); !(a < b && b < c) {
			t.Errorf("findings at %d, result at %d, shortcomings at %d: out of order", a, b, c)
		}
		if strings.Contains(md, "mức độ 4") {
			t.Error("the bulletin mentions level-4 services the agency did not offer")
		}
	})
}

// TestBulletinReadsTheApprovedSnapshot: a record changed after approval
// does not change what the bulletin says.
func TestBulletinReadsTheApprovedSnapshot(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	svc, visits := demoWorld(t, db)
	if err := db.Gorm.Exec("UPDATE agencies SET name = ? WHERE code = 'SKHCN'", "Sở Khoa học, Công nghệ và Đổi mới tỉnh Điện Biên").Error; err != nil {
		t.Fatal(err)
	}
	f, err := svc.Bulletin(ctx, service.System, visits["SKHCN 2019"])
	if err != nil {
		t.Fatal(err)
	}
	if md := string(f.Data); strings.Contains(md, "Đổi mới") || !strings.Contains(md, "tại Sở Khoa học và Công nghệ tỉnh Điện Biên") {
		t.Errorf("the bulletin does not read the approved snapshot:\n%s", md)
	}
}

// TestBulletinEscapesMarkdown: text typed by the team shows as written,
// not as Markdown formatting.
func TestBulletinEscapesMarkdown(t *testing.T) {
	result := domain.ResultGood
	r := &report.VisitRecords{}
	r.Agency = domain.Agency{Code: "X", Name: "Sở *Thử* [nghiệm] <b>tỉnh</b> Điện Biên"}
	r.Visit = domain.Visit{Year: 2019}
	r.Conclusion = domain.Conclusion{OverallResult: &result, Strengths: "Làm tốt _mọi_ việc # đầu dòng"}
	r.Shortcomings = []domain.Shortcoming{{Description: "Thiếu `mã` nguồn"}}
	md := string(report.Bulletin(r, report.Setting{Issuer: report.DefaultIssuer}))
	for _, want := range []string{`Sở \*Thử\* \[nghiệm\] \<b\>tỉnh\</b\>`, `làm tốt \_mọi\_ việc \# đầu dòng`, "- Thiếu \\`mã\\` nguồn."} {
		if !strings.Contains(md, want) {
			t.Errorf("the bulletin lacks %s:\n%s", want, md)
		}
	}
}
