// Package report turns the records of CCHC Inspect into what leaders sign
// and look at: the conclusion notice, the minutes of a visit and the annual
// report of a plan as Word documents (Office Open XML built from embedded
// templates, laid out as Nghị định 30/2020/NĐ-CP asks), the same notice as
// a page to print, the news-bulletin draft of an approved conclusion, the
// Excel workbook of a year (streamed), and charts as SVG with their numbers
// as a table and as CSV. It reads domain records only; the service decides
// who may have what and gathers the records.
package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Issuer is the body that issues the documents and the province it
// belongs to: the header block, the document numbers and the place of the
// date line come from it.
type Issuer struct {
	// Province is the province's name: "Điện Biên".
	Province string
	// Parent is the issuing body's parent, in capitals: "UBND TỈNH ĐIỆN BIÊN".
	Parent string
	// Name is the issuing body, in capitals: "SỞ NỘI VỤ".
	Name string
	// Code is the body's abbreviation in document numbers: "SNV" (45/TB-SNV).
	Code string
	// Display is the body's name inside sentences ("Sở Nội vụ"); empty
	// means derived from Name.
	Display string
}

// DefaultIssuer is the demo's issuing body.
var DefaultIssuer = Issuer{Province: "Điện Biên", Parent: "UBND TỈNH ĐIỆN BIÊN", Name: "SỞ NỘI VỤ", Code: "SNV"}

// DisplayName is the body's name as written inside a sentence.
func (i Issuer) DisplayName() string {
	if i.Display != "" {
		return i.Display
	}
	return sentenceName(i.Name)
}

// HeadTitle is the title of the body's head, in capitals, as a signing
// prefix names it ("KT. GIÁM ĐỐC").
func (i Issuer) HeadTitle() string {
	name := strings.ToUpper(i.Name)
	switch {
	case strings.HasPrefix(name, "SỞ "):
		return "GIÁM ĐỐC"
	case strings.HasPrefix(name, "UBND"), strings.HasPrefix(name, "ỦY BAN"), strings.HasPrefix(name, "UỶ BAN"):
		return "CHỦ TỊCH"
	case strings.HasPrefix(name, "THANH TRA"):
		return "CHÁNH THANH TRA"
	case strings.HasPrefix(name, "VĂN PHÒNG"):
		return "CHÁNH VĂN PHÒNG"
	case strings.HasPrefix(name, "BAN "):
		return "TRƯỞNG BAN"
	}
	return "THỦ TRƯỞNG CƠ QUAN"
}

// sentenceName writes a name in capitals as inside a sentence: the first
// word and the word after a generic one ("Sở", "Ban", "Ủy ban nhân dân")
// keep their capital: "SỞ NỘI VỤ" → "Sở Nội vụ".
func sentenceName(upper string) string {
	words := strings.Fields(strings.ToLower(upper))
	for i := range words {
		if i == 0 || (i == 1 && (words[0] == "sở" || words[0] == "ban" || words[0] == "thanh" || words[0] == "văn")) {
			words[i] = capitalize(words[i])
		}
	}
	s := strings.Join(words, " ")
	s = strings.ReplaceAll(s, "ubnd", "UBND")
	return s
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// VietnameseDate writes a date as Vietnamese documents do: "ngày 03 tháng
// 10 năm 2019", with a leading zero for days 1–9 and months 1–2 (Nghị định
// 30/2020/NĐ-CP).
func VietnameseDate(d domain.Date) string {
	return fmt.Sprintf("ngày %s tháng %s năm %d", twoDigits(d.Day, 10), twoDigits(int(d.Month), 3), d.Year)
}

func twoDigits(n, below int) string {
	if n < below {
		return fmt.Sprintf("%02d", n)
	}
	return strconv.Itoa(n)
}

// PlaceDate is the place and date line of a document: "Điện Biên, ngày 03
// tháng 10 năm 2019", or with blanks to fill in when there is no date yet.
func PlaceDate(place string, d *domain.Date) string {
	if d == nil {
		return place + ", ngày      tháng      năm      "
	}
	return place + ", " + VietnameseDate(*d)
}

// NumericDate writes a date as dd/mm/yyyy: "15/01/2019".
func NumericDate(d domain.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// ShortDate writes a date as news articles do: "26/9/2019".
func ShortDate(d domain.Date) string {
	return fmt.Sprintf("%d/%d/%d", d.Day, int(d.Month), d.Year)
}

// DocumentNumber is the number line of a document: "Số: 45/TB-SNV", or
// "Số:      /TB-SNV" to fill in when it has no number yet.
func DocumentNumber(no, kind, code string) string {
	if no = strings.TrimSpace(no); no != "" {
		return "Số: " + no
	}
	return "Số:        /" + kind + "-" + code
}

// Number writes a figure the Vietnamese way: a decimal comma, at most two
// decimals: 37.5 → "37,5".
func Number(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return strings.Replace(s, ".", ",", 1)
}

// Rate writes a percentage, "—" for an unknown rate (nothing to count).
func Rate(p *float64) string {
	if p == nil {
		return "—"
	}
	return Number(*p) + "%"
}

// ShortAgencyName drops the province from an agency's name: "Sở Khoa học và
// Công nghệ tỉnh Điện Biên" → "Sở Khoa học và Công nghệ".
func ShortAgencyName(name, province string) string {
	for _, suffix := range []string{" tỉnh " + province, " thành phố " + province} {
		if province != "" && strings.HasSuffix(name, suffix) && len(name) > len(suffix) {
			return strings.TrimSuffix(name, suffix)
		}
	}
	return name
}

// RatingLabel words the team's rating of a criterion.
func RatingLabel(r *domain.Rating) string {
	if r == nil {
		return ""
	}
	switch *r {
	case domain.RatingGood:
		return "Tốt"
	case domain.RatingFair:
		return "Đạt"
	case domain.RatingPoor:
		return "Chưa đạt"
	case domain.RatingNotApplicable:
		return "Không áp dụng"
	}
	return string(*r)
}

// ValueLabel words a finding's value by its criterion's measure: "Có",
// "37,5%", "3".
func ValueLabel(m domain.Measure, v *float64) string {
	if v == nil {
		return ""
	}
	switch m {
	case domain.MeasureYesNo:
		if *v == 1 {
			return "Có"
		}
		return "Không"
	case domain.MeasurePercent:
		return Number(*v) + "%"
	}
	return Number(*v)
}

// ScoreLabel writes a score out of the maximum: "1,5/2".
func ScoreLabel(score, max *float64) string {
	switch {
	case score == nil:
		return ""
	case max == nil:
		return Number(*score)
	}
	return Number(*score) + "/" + Number(*max)
}

// TeamRoleLabel words a member's place in the team.
func TeamRoleLabel(r domain.TeamRole) string {
	switch r {
	case domain.TeamRoleLead:
		return "Trưởng đoàn"
	case domain.TeamRoleDeputy:
		return "Phó Trưởng đoàn"
	case domain.TeamRoleMember:
		return "Thành viên"
	case domain.TeamRoleSecretary:
		return "Thư ký"
	}
	return string(r)
}

// VisitStatusLabel words a visit's state.
func VisitStatusLabel(s domain.VisitStatus) string {
	switch s {
	case domain.VisitPlanned:
		return "Chưa kiểm tra"
	case domain.VisitInProgress:
		return "Đang kiểm tra"
	case domain.VisitSubmitted:
		return "Đang trình duyệt kết luận"
	case domain.VisitReturned:
		return "Kết luận bị trả lại"
	case domain.VisitApproved:
		return "Đã có kết luận, đang khắc phục"
	case domain.VisitClosed:
		return "Đã hoàn thành khắc phục"
	case domain.VisitCancelled:
		return "Đã hủy"
	}
	return string(s)
}

// ActionStatusLabel words an action's state.
func ActionStatusLabel(s domain.ActionStatus) string {
	switch s {
	case domain.ActionOpen:
		return "Chưa thực hiện"
	case domain.ActionInProgress:
		return "Đang thực hiện"
	case domain.ActionReportedDone:
		return "Đã báo cáo hoàn thành"
	case domain.ActionVerified:
		return "Đã xác nhận hoàn thành"
	}
	return string(s)
}

// VisitKindLabel words the form of a visit.
func VisitKindLabel(k domain.VisitKind) string {
	switch k {
	case domain.VisitOnSite:
		return "Kiểm tra trực tiếp"
	case domain.VisitByReport:
		return "Kiểm tra qua báo cáo"
	case domain.VisitUnannounced:
		return "Kiểm tra đột xuất"
	}
	return string(k)
}

// SeverityLabel words how serious a shortcoming is.
func SeverityLabel(s domain.Severity) string {
	if s == domain.SeverityMajor {
		return "Nghiêm trọng"
	}
	return "Nhẹ"
}

// ResultLabel words an overall result, "" when there is none.
func ResultLabel(r *domain.OverallResult) string {
	if r == nil {
		return ""
	}
	return r.Vietnamese()
}

// lines splits a text field into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// withEnd makes sure a sentence ends with punctuation.
func withEnd(s, end string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".;:!?") {
		return s
	}
	return s + end
}

// onlineLevels names the two kinds of online public services as the rules
// of the year call them: level 4 and 3 before Nghị định 42/2022/NĐ-CP,
// full-process and partial since.
func onlineLevels(year int) (full, partial string) {
	if year < 2023 {
		return "mức độ 4", "mức độ 3"
	}
	return "toàn trình", "một phần"
}
