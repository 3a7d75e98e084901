package demo

import "github.com/cchc-inspect/cchc/internal/domain"

// criterionSpec is one line of the default criteria catalog (domain.md).
type criterionSpec struct {
	Code     string
	Title    string
	Measure  domain.Measure
	MaxScore float64
}

// defaultCatalog is the default criteria set: seven areas and their
// criteria. The maximum scores are those of the province's own index.
var defaultCatalog = []criterionSpec{
	{"1", "Công tác chỉ đạo, điều hành cải cách hành chính", domain.MeasureArea, 0},
	{"1.1", "Ban hành kế hoạch CCHC năm kịp thời, sát thực tế", domain.MeasureYesNo, 1},
	{"1.2", "Mức độ hoàn thành kế hoạch CCHC (nhiệm vụ hoàn thành / nhiệm vụ đề ra)", domain.MeasurePercent, 1.5},
	{"1.3", "Công tác tuyên truyền cải cách hành chính", domain.MeasureScore, 1},
	{"1.4", "Tự kiểm tra công tác CCHC tại các đơn vị trực thuộc (tối thiểu 50%)", domain.MeasurePercent, 1},
	{"1.5", "Báo cáo CCHC định kỳ đúng hạn, có số liệu so với kế hoạch", domain.MeasureYesNo, 1},
	{"2", "Cải cách thể chế", domain.MeasureArea, 0},
	{"2.1", "Xây dựng, rà soát văn bản quy phạm pháp luật thuộc lĩnh vực quản lý", domain.MeasureScore, 2},
	{"3", "Cải cách thủ tục hành chính", domain.MeasureArea, 0},
	{"3.1", "Công bố, công khai thủ tục hành chính", domain.MeasurePercent, 1},
	{"3.2", "Thực hiện cơ chế một cửa, một cửa liên thông", domain.MeasureYesNo, 2},
	{"3.3", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", domain.MeasurePercent, 3},
	{"3.4", "Thư xin lỗi đối với hồ sơ giải quyết quá hạn", domain.MeasureCount, 1},
	{"3.5", "Cung cấp và sử dụng dịch vụ công trực tuyến (toàn trình, một phần)", domain.MeasurePercent, 2},
	{"3.6", "Tiếp nhận, xử lý phản ánh, kiến nghị (PAKN) đúng hạn", domain.MeasurePercent, 1},
	{"4", "Cải cách tổ chức bộ máy hành chính", domain.MeasureArea, 0},
	{"4.1", "Thực hiện quy định về chức năng, nhiệm vụ, cơ cấu tổ chức", domain.MeasureYesNo, 1},
	{"4.2", "Số lượng cấp phó không vượt quá quy định", domain.MeasureYesNo, 1},
	{"5", "Cải cách chế độ công vụ", domain.MeasureArea, 0},
	{"5.1", "Sử dụng biên chế trong số lượng được giao", domain.MeasureYesNo, 1},
	{"5.2", "Xây dựng và thực hiện vị trí việc làm", domain.MeasureYesNo, 1},
	{"5.3", "Kỷ luật, kỷ cương hành chính; đào tạo, bồi dưỡng công chức, viên chức", domain.MeasureScore, 2},
	{"6", "Cải cách tài chính công", domain.MeasureArea, 0},
	{"6.1", "Thực hiện cơ chế tự chủ, quy chế chi tiêu nội bộ", domain.MeasureScore, 2},
	{"7", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", domain.MeasureArea, 0},
	{"7.1", "Văn bản điện tử và chữ ký số", domain.MeasurePercent, 2},
	{"7.2", "Áp dụng hệ thống quản lý chất lượng ISO 9001", domain.MeasureYesNo, 1},
}

// agencySpec is an agency of the demo's world.
type agencySpec struct {
	Code, Name string
	Kind       domain.AgencyKind
	// Successor is the code of the agency it merged into in 2025, if any.
	Successor string
	// Gone marks units that no longer exist (districts since 7/2025).
	Gone bool
}

// agencies are Điện Biên's departments and district-level units of 2019,
// the department created by the 2025 merges, and the merges themselves.
var agencies = []agencySpec{
	{Code: "VPUBND", Name: "Văn phòng UBND tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "SNV", Name: "Sở Nội vụ tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "STP", Name: "Sở Tư pháp tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "SKHDT", Name: "Sở Kế hoạch và Đầu tư tỉnh Điện Biên", Kind: domain.KindDepartment, Successor: "STC"},
	{Code: "STC", Name: "Sở Tài chính tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "SCT", Name: "Sở Công Thương tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "SNNPTNT", Name: "Sở Nông nghiệp và Phát triển nông thôn tỉnh Điện Biên", Kind: domain.KindDepartment, Successor: "SNNMT"},
	{Code: "SGTVT", Name: "Sở Giao thông vận tải tỉnh Điện Biên", Kind: domain.KindDepartment, Successor: "SXD"},
	{Code: "SXD", Name: "Sở Xây dựng tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "STNMT", Name: "Sở Tài nguyên và Môi trường tỉnh Điện Biên", Kind: domain.KindDepartment, Successor: "SNNMT"},
	{Code: "STTTT", Name: "Sở Thông tin và Truyền thông tỉnh Điện Biên", Kind: domain.KindDepartment, Successor: "SKHCN"},
	{Code: "SLDTBXH", Name: "Sở Lao động - Thương binh và Xã hội tỉnh Điện Biên", Kind: domain.KindDepartment, Successor: "SNV"},
	{Code: "SVHTTDL", Name: "Sở Văn hóa, Thể thao và Du lịch tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "SKHCN", Name: "Sở Khoa học và Công nghệ tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "SGDDT", Name: "Sở Giáo dục và Đào tạo tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "SYT", Name: "Sở Y tế tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "TTT", Name: "Thanh tra tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "BDT", Name: "Ban Dân tộc tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "SNNMT", Name: "Sở Nông nghiệp và Môi trường tỉnh Điện Biên", Kind: domain.KindDepartment},
	{Code: "TP-DBP", Name: "UBND thành phố Điện Biên Phủ", Kind: domain.KindDistrict, Gone: true},
	{Code: "TX-ML", Name: "UBND thị xã Mường Lay", Kind: domain.KindDistrict, Gone: true},
	{Code: "H-DB", Name: "UBND huyện Điện Biên", Kind: domain.KindDistrict, Gone: true},
	{Code: "H-DBD", Name: "UBND huyện Điện Biên Đông", Kind: domain.KindDistrict, Gone: true},
	{Code: "H-MA", Name: "UBND huyện Mường Ảng", Kind: domain.KindDistrict, Gone: true},
	{Code: "H-TG", Name: "UBND huyện Tuần Giáo", Kind: domain.KindDistrict, Gone: true},
	{Code: "H-TC", Name: "UBND huyện Tủa Chùa", Kind: domain.KindDistrict, Gone: true},
	{Code: "H-MC", Name: "UBND huyện Mường Chà", Kind: domain.KindDistrict, Gone: true},
	{Code: "H-MN", Name: "UBND huyện Mường Nhé", Kind: domain.KindDistrict, Gone: true},
	{Code: "H-NP", Name: "UBND huyện Nậm Pồ", Kind: domain.KindDistrict, Gone: true},
}

// Login is a demo user's sign-in.
type Login struct {
	Username, Password string
	Role               domain.Role
	FullName, Title    string
	Agency             string
}

// Logins are the demo users, one per role. The inspector is the team lead
// of the 2019 visit and the agency officer its host, as the seed names them.
var Logins = []Login{
	{"admin", "demo-admin-2019", domain.RoleAdmin, "Quản trị hệ thống", "Quản trị viên", ""},
	{"lanhdao", "demo-lanhdao-2019", domain.RoleLeader, "Nguyễn Thị Thanh Hà", "Giám đốc Sở Nội vụ", "SNV"},
	{"tuyen.ld", "demo-tuyen-2019", domain.RoleInspector, "Lê Đình Tuyên", "Phó Giám đốc Sở Nội vụ", "SNV"},
	{"quang.lv", "demo-quang-2019", domain.RoleAgencyOfficer, "Lê Văn Quang", "Phó Giám đốc Sở Khoa học và Công nghệ", "SKHCN"},
}
