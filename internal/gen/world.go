package gen

import "github.com/cchc-inspect/cchc/internal/domain"

// province is one of the 34 provinces and centrally-run cities since 7/2025,
// with a short ASCII code for agency codes and usernames.
type province struct{ Code, Name string }

// provinces are the 34 provinces of the two-level local government.
var provinces = []province{
	{"DBN", "Điện Biên"}, {"HNI", "Hà Nội"}, {"HUE", "Huế"}, {"LCU", "Lai Châu"}, {"SLA", "Sơn La"},
	{"LSN", "Lạng Sơn"}, {"QNH", "Quảng Ninh"}, {"THA", "Thanh Hóa"}, {"NAN", "Nghệ An"}, {"HTH", "Hà Tĩnh"},
	{"CBG", "Cao Bằng"}, {"TQG", "Tuyên Quang"}, {"LCI", "Lào Cai"}, {"TNN", "Thái Nguyên"}, {"PTO", "Phú Thọ"},
	{"BNH", "Bắc Ninh"}, {"HYN", "Hưng Yên"}, {"HPG", "Hải Phòng"}, {"NBH", "Ninh Bình"}, {"QTI", "Quảng Trị"},
	{"DNG", "Đà Nẵng"}, {"QNI", "Quảng Ngãi"}, {"GLI", "Gia Lai"}, {"KHA", "Khánh Hòa"}, {"LDG", "Lâm Đồng"},
	{"DLK", "Đắk Lắk"}, {"HCM", "Thành phố Hồ Chí Minh"}, {"DNI", "Đồng Nai"}, {"TNH", "Tây Ninh"}, {"CTO", "Cần Thơ"},
	{"VLG", "Vĩnh Long"}, {"DTP", "Đồng Tháp"}, {"CMU", "Cà Mau"}, {"AGG", "An Giang"},
}

// department is a department (sở) of every province; MergedInto names the
// department it merged into in 2025, NewIn the year it was formed.
type department struct {
	Code, Name string
	MergedInto string
	NewIn      int
}

// departments are the standard departments of 2019 and the one formed by
// the 2025 merges.
var departments = []department{
	{Code: "VP", Name: "Văn phòng UBND"},
	{Code: "SNV", Name: "Sở Nội vụ"},
	{Code: "STP", Name: "Sở Tư pháp"},
	{Code: "STC", Name: "Sở Tài chính"},
	{Code: "SKHDT", Name: "Sở Kế hoạch và Đầu tư", MergedInto: "STC"},
	{Code: "SCT", Name: "Sở Công Thương"},
	{Code: "SNNMT", Name: "Sở Nông nghiệp và Môi trường", NewIn: 2025},
	{Code: "SNNPTNT", Name: "Sở Nông nghiệp và Phát triển nông thôn", MergedInto: "SNNMT"},
	{Code: "STNMT", Name: "Sở Tài nguyên và Môi trường", MergedInto: "SNNMT"},
	{Code: "SXD", Name: "Sở Xây dựng"},
	{Code: "SGTVT", Name: "Sở Giao thông vận tải", MergedInto: "SXD"},
	{Code: "SKHCN", Name: "Sở Khoa học và Công nghệ"},
	{Code: "STTTT", Name: "Sở Thông tin và Truyền thông", MergedInto: "SKHCN"},
	{Code: "SLDTBXH", Name: "Sở Lao động - Thương binh và Xã hội", MergedInto: "SNV"},
	{Code: "SVHTTDL", Name: "Sở Văn hóa, Thể thao và Du lịch"},
	{Code: "SGDDT", Name: "Sở Giáo dục và Đào tạo"},
	{Code: "SYT", Name: "Sở Y tế"},
	{Code: "TTT", Name: "Thanh tra tỉnh"},
	{Code: "BDT", Name: "Ban Dân tộc"},
}

// mergeYear is the year of the two-level local government: districts end
// and merged departments stop being inspected.
const mergeYear = 2025

// placeWords make up commune, ward and district names.
var placeWords = []string{
	"An", "Bình", "Phú", "Tân", "Hòa", "Thanh", "Xuân", "Mường", "Long", "Phước", "Thạnh", "Hưng",
	"Đông", "Tây", "Nam", "Bắc", "Trung", "Sơn", "Quang", "Minh", "Thịnh", "Vĩnh", "Hải", "Lộc",
	"Thuận", "Hiệp", "Nghĩa", "Đức", "Tiến", "Lợi", "Yên", "Cẩm", "Kim", "Ngọc", "Thái", "Hà",
}

// familyNames, middleNames and givenNames make up people's names.
var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò", "Quàng"}
	middleNames = []string{"Văn", "Thị", "Đình", "Minh", "Thu", "Hữu", "Thanh", "Ngọc", "Quốc", "Xuân", "Đức", "Thị Thanh"}
	givenNames  = []string{"Anh", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phương", "Quang", "Sơn", "Thảo", "Trang", "Tuấn", "Tuyên", "Việt", "Yến"}
)

// criterionSpec is one line of the generated criteria catalog.
type criterionSpec struct {
	Code, Parent string
	Title        string
	Measure      domain.Measure
	MaxScore     float64
}

// catalog is the default catalog of domain.md with sub-criteria (a third
// level), as provinces' own indexes have: 37 lines, 30 of them assessable.
var catalog = []criterionSpec{
	{"1", "", "Công tác chỉ đạo, điều hành cải cách hành chính", domain.MeasureArea, 0},
	{"1.1", "1", "Ban hành kế hoạch CCHC năm kịp thời, sát thực tế", domain.MeasureYesNo, 1},
	{"1.2", "1", "Mức độ hoàn thành kế hoạch CCHC", domain.MeasurePercent, 1.5},
	{"1.3", "1", "Công tác tuyên truyền cải cách hành chính", domain.MeasureScore, 1},
	{"1.3.1", "1.3", "Đa dạng hóa hình thức tuyên truyền", domain.MeasureYesNo, 0.5},
	{"1.4", "1", "Tự kiểm tra công tác CCHC tại các đơn vị trực thuộc (tối thiểu 50%)", domain.MeasurePercent, 1},
	{"1.4.1", "1.4", "Xử lý các vấn đề phát hiện qua tự kiểm tra", domain.MeasurePercent, 0.5},
	{"1.5", "1", "Báo cáo CCHC định kỳ đúng hạn, có số liệu so với kế hoạch", domain.MeasureYesNo, 1},
	{"2", "", "Cải cách thể chế", domain.MeasureArea, 0},
	{"2.1", "2", "Xây dựng, rà soát văn bản quy phạm pháp luật thuộc lĩnh vực quản lý", domain.MeasureScore, 2},
	{"2.2", "2", "Kiểm tra, xử lý văn bản sau rà soát", domain.MeasurePercent, 1},
	{"3", "", "Cải cách thủ tục hành chính", domain.MeasureArea, 0},
	{"3.1", "3", "Công bố, công khai thủ tục hành chính", domain.MeasurePercent, 1},
	{"3.2", "3", "Thực hiện cơ chế một cửa, một cửa liên thông", domain.MeasureYesNo, 2},
	{"3.3", "3", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", domain.MeasurePercent, 3},
	{"3.3.1", "3.3", "Hồ sơ giải quyết trước hạn", domain.MeasureCount, 0.5},
	{"3.4", "3", "Thư xin lỗi đối với hồ sơ giải quyết quá hạn", domain.MeasureCount, 1},
	{"3.5", "3", "Cung cấp và sử dụng dịch vụ công trực tuyến", domain.MeasurePercent, 2},
	{"3.5.1", "3.5", "Dịch vụ công trực tuyến toàn trình", domain.MeasurePercent, 1},
	{"3.5.2", "3.5", "Dịch vụ công trực tuyến một phần", domain.MeasurePercent, 0.5},
	{"3.5.3", "3.5", "Tỷ lệ hồ sơ nộp trực tuyến", domain.MeasurePercent, 1},
	{"3.6", "3", "Tiếp nhận, xử lý phản ánh, kiến nghị (PAKN) đúng hạn", domain.MeasurePercent, 1},
	{"4", "", "Cải cách tổ chức bộ máy hành chính", domain.MeasureArea, 0},
	{"4.1", "4", "Thực hiện quy định về chức năng, nhiệm vụ, cơ cấu tổ chức", domain.MeasureYesNo, 1},
	{"4.2", "4", "Số lượng cấp phó không vượt quá quy định", domain.MeasureYesNo, 1},
	{"4.3", "4", "Sắp xếp, tinh gọn đơn vị trực thuộc", domain.MeasureScore, 1},
	{"5", "", "Cải cách chế độ công vụ", domain.MeasureArea, 0},
	{"5.1", "5", "Sử dụng biên chế trong số lượng được giao", domain.MeasureYesNo, 1},
	{"5.2", "5", "Xây dựng và thực hiện vị trí việc làm", domain.MeasureYesNo, 1},
	{"5.3", "5", "Kỷ luật, kỷ cương hành chính; đào tạo, bồi dưỡng", domain.MeasureScore, 2},
	{"5.3.1", "5.3", "Ghi chú về kỷ luật, kỷ cương", domain.MeasureText, 0},
	{"6", "", "Cải cách tài chính công", domain.MeasureArea, 0},
	{"6.1", "6", "Thực hiện cơ chế tự chủ, quy chế chi tiêu nội bộ", domain.MeasureScore, 2},
	{"7", "", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", domain.MeasureArea, 0},
	{"7.1", "7", "Văn bản điện tử và chữ ký số", domain.MeasurePercent, 2},
	{"7.2", "7", "Áp dụng hệ thống quản lý chất lượng ISO 9001", domain.MeasureYesNo, 1},
	{"7.3", "7", "Kết nối, chia sẻ dữ liệu với hệ thống của tỉnh", domain.MeasureYesNo, 1},
}

// shortcomingTexts are typical shortcomings by criterion code, with a cause.
var shortcomingTexts = []struct{ Code, Description, Cause string }{
	{"1.1", "Kế hoạch CCHC năm chưa bám sát thực tế, một số nhiệm vụ chưa cụ thể", "Chưa rà soát kỹ nhiệm vụ của năm trước"},
	{"1.2", "Còn nhiệm vụ trong kế hoạch CCHC chưa hoàn thành đúng tiến độ", "Thiếu theo dõi, đôn đốc thường xuyên"},
	{"1.5", "Số liệu báo cáo định kỳ chưa cụ thể, chưa nêu rõ việc chưa làm được so với kế hoạch", "Cán bộ đầu mối kiêm nhiệm nhiều việc"},
	{"3.1", "Niêm yết công khai thủ tục hành chính chưa đầy đủ, còn thủ tục hết hiệu lực", "Chưa cập nhật kịp thời quyết định công bố"},
	{"3.3", "Còn hồ sơ giải quyết quá hạn", "Phối hợp giữa các bộ phận chưa chặt chẽ"},
	{"3.4", "Chưa thực hiện đầy đủ việc gửi thư xin lỗi đối với hồ sơ quá hạn", "Chưa nắm rõ quy định về thư xin lỗi"},
	{"3.5", "Tỷ lệ hồ sơ trực tuyến toàn trình còn thấp", "Người dân chưa quen sử dụng dịch vụ công trực tuyến"},
	{"3.6", "Phản ánh, kiến nghị xử lý chưa đúng thời hạn", "Chưa phân công rõ trách nhiệm xử lý"},
	{"4.2", "Số lượng cấp phó vượt quá quy định", "Chưa kịp sắp xếp sau hợp nhất"},
	{"5.2", "Vị trí việc làm chưa được cập nhật theo quy định mới", "Chờ hướng dẫn của cấp trên"},
	{"5.3", "Công tác đào tạo, bồi dưỡng chưa đạt kế hoạch", "Kinh phí hạn hẹp"},
	{"7.1", "Tỷ lệ văn bản điện tử có chữ ký số chưa đạt chỉ tiêu", "Hạ tầng công nghệ thông tin chưa đồng bộ"},
	{"7.2", "Hệ thống ISO 9001 chưa được duy trì, cải tiến thường xuyên", "Chưa bố trí người theo dõi ISO"},
}

// findingNotes are the team's remarks by rating.
var findingNotes = map[domain.Rating][]string{
	domain.RatingGood:          {"Thực hiện tốt, đầy đủ theo quy định", "Đạt yêu cầu, có tài liệu kiểm chứng", "Hoàn thành đúng tiến độ"},
	domain.RatingFair:          {"Cơ bản đạt yêu cầu, cần bổ sung tài liệu kiểm chứng", "Thực hiện nhưng chưa đầy đủ"},
	domain.RatingPoor:          {"Chưa thực hiện theo quy định", "Không có tài liệu kiểm chứng"},
	domain.RatingNotApplicable: {"Không thuộc phạm vi của cơ quan"},
}
