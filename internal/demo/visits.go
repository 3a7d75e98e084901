package demo

import "github.com/cchc-inspect/cchc/internal/domain"

// The records below reproduce the 2019 inspection of the Department of
// Science and Technology of Điện Biên as the seed article tells it (date,
// team lead, host, findings, overall result, both shortcomings). Figures the
// article does not give (file counts, staffing numbers, document numbers)
// and the other visits are invented to make a believable world around it.

type planSpec struct {
	Year       int
	Title      string
	DecisionNo string
	IssuedOn   string
}

var plans = []planSpec{
	{2019, "Kế hoạch kiểm tra công tác cải cách hành chính năm 2019", "28/KH-UBND", "2019-01-15"},
	{2020, "Kế hoạch kiểm tra công tác cải cách hành chính năm 2020", "35/KH-UBND", "2020-01-20"},
}

type teamSpec struct {
	User     string // username of a demo user, or "" for an outside member
	FullName string
	Title    string
	Role     domain.TeamRole
}

type findingSpec struct {
	Code   string
	Rating domain.Rating
	Value  *float64
	Score  *float64
	Self   *float64
	Note   string
}

type updateSpec struct {
	On     string // YYYY-MM-DD
	Note   string
	Status domain.ActionStatus
}

type actionSpec struct {
	Description string
	Status      domain.ActionStatus
	Updates     []updateSpec
	VerifiedOn  string
}

type shortcomingSpec struct {
	Code        string
	Description string
	Cause       string
	Severity    domain.Severity
	Actions     []actionSpec
}

type conclusionSpec struct {
	Status      domain.ConclusionStatus
	Result      domain.OverallResult
	Strengths   string
	Limitations string
	Causes      string
	Requests    string
	DocumentNo  string
	IssuedOn    string
	SubmittedOn string
	ReviewedOn  string
	ReviewNote  string
}

type visitSpec struct {
	Year         int
	Agency       string
	ScheduledOn  string
	VisitedOn    string
	DecisionNo   string
	Kind         domain.VisitKind
	Location     string
	Reps         []domain.Representative
	Team         []teamSpec
	Status       domain.VisitStatus
	Findings     []findingSpec
	Procedure    *domain.ProcedureStats
	Staffing     *domain.StaffingStats
	Shortcomings []shortcomingSpec
	Conclusion   conclusionSpec
}

func num(f float64) *float64 { return &f }

var recipients = []string{
	"Như trên;",
	"UBND tỉnh (b/c);",
	"Giám đốc Sở Nội vụ (b/c);",
	"Lưu: VT, CCHC.",
}

// team2019 is the team of the 2019 round; its lead is the seed's.
var team2019 = []teamSpec{
	{"tuyen.ld", "Lê Đình Tuyên", "Phó Giám đốc Sở Nội vụ", domain.TeamRoleLead},
	{"", "Phạm Văn Dũng", "Trưởng phòng Cải cách hành chính, Sở Nội vụ", domain.TeamRoleMember},
	{"", "Lò Thị Hương", "Chuyên viên Sở Tư pháp", domain.TeamRoleMember},
	{"", "Nguyễn Thu Trang", "Chuyên viên phòng Cải cách hành chính, Sở Nội vụ", domain.TeamRoleSecretary},
}

// SeedVisit is the 2019 visit of the seed article.
var SeedVisit = visitSpec{
	Year: 2019, Agency: "SKHCN", ScheduledOn: "2019-09-26", VisitedOn: "2019-09-26",
	DecisionNo: "1052/QĐ-UBND", Kind: domain.VisitOnSite,
	Location: "Trụ sở Sở Khoa học và Công nghệ tỉnh Điện Biên",
	Reps:     []domain.Representative{{FullName: "Lê Văn Quang", Title: "Phó Giám đốc Sở Khoa học và Công nghệ"}},
	Team:     team2019,
	Status:   domain.VisitClosed,
	Findings: []findingSpec{
		{Code: "1.1", Rating: domain.RatingFair, Value: num(1), Score: num(0.75), Self: num(1),
			Note: "Có ban hành Kế hoạch CCHC năm 2019; kế hoạch cần bám sát thực tế hơn để bảo đảm 100% mục tiêu được hoàn thành."},
		{Code: "1.3", Rating: domain.RatingGood, Value: num(1), Score: num(1), Self: num(1),
			Note: "Công tác tuyên truyền về CCHC được đẩy mạnh, hình thức tuyên truyền đa dạng, phong phú, đã có những tin, bài rất hay nói về công tác CCHC của ngành."},
		{Code: "1.5", Rating: domain.RatingFair, Value: num(1), Score: num(0.5), Self: num(1),
			Note: "Báo cáo định kỳ đủ kỳ nhưng số liệu chưa cụ thể, chưa nêu rõ việc đã làm và chưa làm so với kế hoạch."},
		{Code: "3.2", Rating: domain.RatingGood, Value: num(1), Score: num(2), Self: num(2),
			Note: "Sở đã đẩy mạnh thực hiện cơ chế một cửa, một cửa liên thông, tạo sự chuyển biến tích cực, hiệu quả trong giải quyết thủ tục hành chính cho cá nhân, tổ chức theo hướng công khai, minh bạch, thuận lợi."},
		{Code: "3.3", Rating: domain.RatingGood, Value: num(100), Score: num(3), Self: num(3),
			Note: "100% các TTHC được giải quyết đúng hạn."},
		{Code: "3.5", Rating: domain.RatingGood, Value: num(37.5), Score: num(1.5), Self: num(2),
			Note: "Năm 2019 Sở đã triển khai dịch vụ công trực tuyến mức độ 3; tăng cường ứng dụng công nghệ thông tin trong giải quyết TTHC."},
		{Code: "4.2", Rating: domain.RatingGood, Value: num(1), Score: num(1), Self: num(1),
			Note: "Đảm bảo cơ cấu số lượng lãnh đạo, không bổ nhiệm cấp phó vượt quá so với quy định."},
		{Code: "5.1", Rating: domain.RatingGood, Value: num(1), Score: num(1), Self: num(1),
			Note: "Thực hiện đảm bảo số lượng biên chế được giao."},
		{Code: "5.2", Rating: domain.RatingGood, Value: num(1), Score: num(1), Self: num(1),
			Note: "Sắp xếp vị trí việc làm của CCVC và người lao động theo năng lực, sở trường công tác để đảm nhận tốt chức năng, nhiệm vụ được giao."},
	},
	Procedure: &domain.ProcedureStats{ProceduresTotal: 48, OnlineFull: 0, OnlinePartial: 18,
		OneStopShop: true, InteragencyOneStopShop: true, FilesReceived: 126, FilesEarly: 31, FilesOnTime: 95,
		FilesOnline: 22},
	Staffing: &domain.StaffingStats{DeputiesActual: 2, DeputiesMax: 3, QuotaAssigned: 32, StaffPresent: 30, JobPositionsApproved: true},
	Shortcomings: []shortcomingSpec{
		{Code: "1.1", Severity: domain.SeverityMinor,
			Description: "Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa để đảm bảo 100% mục tiêu được hoàn thành tốt.",
			Cause:       "Kế hoạch được xây dựng chưa dựa trên rà soát đầy đủ kết quả thực hiện của năm trước.",
			Actions: []actionSpec{{
				Description: "Rà soát, xây dựng Kế hoạch CCHC năm 2020 bám sát thực tế của Sở, bảo đảm 100% mục tiêu được hoàn thành.",
				Status:      domain.ActionVerified, VerifiedOn: "2019-12-16",
				Updates: []updateSpec{
					{On: "2019-10-10", Note: "Đã giao Văn phòng Sở rà soát kết quả CCHC năm 2019 làm căn cứ xây dựng kế hoạch năm 2020.", Status: domain.ActionInProgress},
					{On: "2019-12-06", Note: "Đã ban hành Kế hoạch CCHC năm 2020 với các chỉ tiêu cụ thể, có phân công và thời hạn.", Status: domain.ActionReportedDone},
				},
			}},
		},
		{Code: "1.5", Severity: domain.SeverityMinor,
			Description: "Số liệu báo cáo cần cụ thể hơn, cần nêu rõ những việc đã làm được và chưa làm được so với kế hoạch.",
			Cause:       "Báo cáo định kỳ chưa bám theo các chỉ tiêu của kế hoạch.",
			Actions: []actionSpec{{
				Description: "Báo cáo CCHC định kỳ nêu rõ số liệu, những việc đã làm được và chưa làm được so với kế hoạch.",
				Status:      domain.ActionVerified, VerifiedOn: "2019-12-16",
				Updates: []updateSpec{
					{On: "2019-12-09", Note: "Báo cáo CCHC quý IV/2019 đã lập theo biểu số liệu so với kế hoạch.", Status: domain.ActionReportedDone},
				},
			}},
		},
	},
	Conclusion: conclusionSpec{
		Status: domain.ConclusionApproved, Result: domain.ResultGood,
		Strengths: "Trong năm 2019 công tác CCHC tại Sở Khoa học và Công nghệ thực hiện rất tốt; Sở đã hoàn thành tốt mục tiêu Kế hoạch CCHC năm 2019 tại thời điểm kiểm tra.\n" +
			"1. Chỉ đạo, điều hành: Ban Giám đốc thường xuyên quan tâm chỉ đạo các phòng, đơn vị đẩy mạnh công tác CCHC. Công tác tuyên truyền về CCHC được đẩy mạnh, hình thức tuyên truyền đa dạng, phong phú.\n" +
			"2. Cải cách thủ tục hành chính: Sở đã đẩy mạnh thực hiện cơ chế một cửa, một cửa liên thông; năm 2019 đã triển khai dịch vụ công trực tuyến mức độ 3 và 100% các TTHC được giải quyết đúng hạn.\n" +
			"3. Tổ chức bộ máy và chế độ công vụ: đảm bảo cơ cấu số lượng lãnh đạo, không bổ nhiệm cấp phó vượt quá quy định; đảm bảo số lượng biên chế được giao; sắp xếp vị trí việc làm theo năng lực, sở trường công tác.",
		Limitations: "- Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa để đảm bảo 100% mục tiêu được hoàn thành tốt.\n" +
			"- Số liệu báo cáo cần cụ thể hơn, cần nêu rõ những việc đã làm được và chưa làm được so với kế hoạch.",
		Causes: "Việc xây dựng kế hoạch và báo cáo định kỳ chưa bám sát các chỉ tiêu của kế hoạch năm.",
		Requests: "1. Rà soát, xây dựng Kế hoạch CCHC năm 2020 bám sát thực tế, bảo đảm 100% mục tiêu được hoàn thành.\n" +
			"2. Báo cáo CCHC định kỳ nêu rõ số liệu, những việc đã làm được và chưa làm được so với kế hoạch.\n" +
			"Báo cáo kết quả khắc phục về Sở Nội vụ trước ngày 18/10/2019.",
		DocumentNo: "45/TB-SNV", IssuedOn: "2019-10-03", SubmittedOn: "2019-10-01", ReviewedOn: "2019-10-03",
	},
}

// otherVisits are the rest of the demo's world, in several states.
var otherVisits = []visitSpec{
	{
		Year: 2019, Agency: "STP", ScheduledOn: "2019-10-08", VisitedOn: "2019-10-08", DecisionNo: "1052/QĐ-UBND",
		Kind: domain.VisitOnSite, Location: "Trụ sở Sở Tư pháp tỉnh Điện Biên",
		Reps: []domain.Representative{{FullName: "Trần Văn Bình", Title: "Giám đốc Sở Tư pháp"}},
		Team: team2019, Status: domain.VisitClosed,
		Findings: []findingSpec{
			{Code: "2.1", Rating: domain.RatingGood, Score: num(2), Note: "Rà soát, hệ thống hóa văn bản QPPL đầy đủ, đúng hạn."},
			{Code: "3.3", Rating: domain.RatingGood, Value: num(99.84), Score: num(3), Note: "Hồ sơ giải quyết đúng hạn đạt tỷ lệ cao."},
			{Code: "3.4", Rating: domain.RatingGood, Value: num(2), Score: num(1), Note: "Có thư xin lỗi cho 2/2 hồ sơ quá hạn."},
		},
		Procedure: &domain.ProcedureStats{ProceduresTotal: 142, OnlineFull: 4, OnlinePartial: 61, OneStopShop: true,
			InteragencyOneStopShop: true, FilesReceived: 1260, FilesCarriedOver: 14, FilesEarly: 402, FilesOnTime: 842,
			FilesLate: 2, FilesPending: 28, FilesOnline: 188, ApologyLetters: 2},
		Staffing: &domain.StaffingStats{DeputiesActual: 3, DeputiesMax: 3, QuotaAssigned: 38, StaffPresent: 37, JobPositionsApproved: true},
		Shortcomings: []shortcomingSpec{{Code: "7.1", Severity: domain.SeverityMinor,
			Description: "Tỷ lệ văn bản điện tử có chữ ký số gửi đi còn thấp.",
			Actions: []actionSpec{{Description: "Tăng tỷ lệ văn bản đi được ký số trên hệ thống quản lý văn bản.",
				Status: domain.ActionVerified, VerifiedOn: "2019-12-20",
				Updates: []updateSpec{{On: "2019-12-02", Note: "100% văn bản đi từ tháng 11/2019 được ký số.", Status: domain.ActionReportedDone}}}}}},
		Conclusion: conclusionSpec{Status: domain.ConclusionApproved, Result: domain.ResultExcellent,
			Strengths:   "Sở Tư pháp hoàn thành xuất sắc các nhiệm vụ CCHC năm 2019, nổi bật là công tác xây dựng, rà soát văn bản QPPL.",
			Limitations: "- Tỷ lệ văn bản điện tử có chữ ký số còn thấp.", Requests: "1. Tăng tỷ lệ văn bản đi được ký số.",
			DocumentNo: "47/TB-SNV", IssuedOn: "2019-10-16", SubmittedOn: "2019-10-14", ReviewedOn: "2019-10-16"},
	},
	{
		Year: 2019, Agency: "SYT", ScheduledOn: "2019-10-22", VisitedOn: "2019-10-22", DecisionNo: "1052/QĐ-UBND",
		Kind: domain.VisitOnSite, Location: "Trụ sở Sở Y tế tỉnh Điện Biên",
		Reps: []domain.Representative{{FullName: "Đỗ Thị Mai", Title: "Phó Giám đốc Sở Y tế"}},
		Team: team2019, Status: domain.VisitApproved,
		Findings: []findingSpec{
			{Code: "3.3", Rating: domain.RatingFair, Value: num(96.38), Score: num(2), Note: "Còn hồ sơ giải quyết quá hạn."},
			{Code: "3.4", Rating: domain.RatingPoor, Value: num(3), Score: num(0), Note: "Thiếu thư xin lỗi với một số hồ sơ quá hạn."},
		},
		Procedure: &domain.ProcedureStats{ProceduresTotal: 160, OnlineFull: 2, OnlinePartial: 40, OneStopShop: true,
			FilesReceived: 860, FilesEarly: 120, FilesOnTime: 705, FilesLate: 31, FilesPending: 4, FilesOnline: 61, ApologyLetters: 3},
		Staffing: &domain.StaffingStats{DeputiesActual: 4, DeputiesMax: 3, QuotaAssigned: 45, StaffPresent: 45, JobPositionsApproved: true},
		Shortcomings: []shortcomingSpec{
			{Code: "3.4", Severity: domain.SeverityMajor,
				Description: "Chưa thực hiện đầy đủ việc gửi thư xin lỗi và hẹn lại ngày trả kết quả đối với hồ sơ quá hạn (3/31 hồ sơ).",
				Actions: []actionSpec{{Description: "Gửi thư xin lỗi đối với 100% hồ sơ quá hạn; rà soát quy trình giải quyết hồ sơ lĩnh vực dược.",
					Status:  domain.ActionInProgress,
					Updates: []updateSpec{{On: "2019-11-20", Note: "Đang rà soát quy trình giải quyết hồ sơ lĩnh vực dược.", Status: domain.ActionInProgress}}}}},
			{Code: "4.2", Severity: domain.SeverityMajor,
				Description: "Số lượng Phó Giám đốc Sở vượt quá số lượng tối đa theo quy định.",
				Actions:     []actionSpec{{Description: "Xây dựng lộ trình sắp xếp số lượng cấp phó theo quy định.", Status: domain.ActionOpen}}},
		},
		Conclusion: conclusionSpec{Status: domain.ConclusionApproved, Result: domain.ResultFair,
			Strengths:   "Sở Y tế thực hiện cơ chế một cửa; tỷ lệ hồ sơ đúng hạn đạt 96,4%.",
			Limitations: "- Chưa gửi đủ thư xin lỗi với hồ sơ quá hạn.\n- Số lượng cấp phó vượt quy định.",
			Requests:    "1. Gửi thư xin lỗi đối với 100% hồ sơ quá hạn.\n2. Xây dựng lộ trình sắp xếp số lượng cấp phó.",
			DocumentNo:  "52/TB-SNV", IssuedOn: "2019-11-01", SubmittedOn: "2019-10-30", ReviewedOn: "2019-11-01"},
	},
	{
		Year: 2019, Agency: "TX-ML", ScheduledOn: "2019-11-12", DecisionNo: "1052/QĐ-UBND", Kind: domain.VisitOnSite,
		Location: "UBND thị xã Mường Lay", Team: team2019, Status: domain.VisitCancelled,
		Conclusion: conclusionSpec{Status: domain.ConclusionDraft},
	},
	{
		Year: 2020, Agency: "SKHCN", ScheduledOn: "2020-09-15", VisitedOn: "2020-09-15", DecisionNo: "987/QĐ-UBND",
		Kind: domain.VisitOnSite, Location: "Trụ sở Sở Khoa học và Công nghệ tỉnh Điện Biên",
		Reps: []domain.Representative{{FullName: "Lê Văn Quang", Title: "Phó Giám đốc Sở Khoa học và Công nghệ"}},
		Team: []teamSpec{
			{"tuyen.ld", "Lê Đình Tuyên", "Phó Giám đốc Sở Nội vụ", domain.TeamRoleLead},
			{"", "Phạm Văn Dũng", "Trưởng phòng Cải cách hành chính, Sở Nội vụ", domain.TeamRoleDeputy},
			{"", "Nguyễn Thu Trang", "Chuyên viên phòng Cải cách hành chính, Sở Nội vụ", domain.TeamRoleSecretary},
		},
		Status: domain.VisitSubmitted,
		Findings: []findingSpec{
			{Code: "1.1", Rating: domain.RatingFair, Value: num(1), Score: num(0.75), Self: num(1),
				Note: "Kế hoạch CCHC năm 2020 có chỉ tiêu chưa sát với khả năng thực hiện."},
			{Code: "3.3", Rating: domain.RatingGood, Value: num(100), Score: num(3), Self: num(3), Note: "100% hồ sơ giải quyết đúng hạn."},
			{Code: "3.5", Rating: domain.RatingGood, Value: num(45.83), Score: num(2), Self: num(2),
				Note: "Cung cấp dịch vụ công trực tuyến mức độ 3, 4."},
		},
		Procedure: &domain.ProcedureStats{ProceduresTotal: 48, OnlineFull: 6, OnlinePartial: 16, OneStopShop: true,
			InteragencyOneStopShop: true, FilesReceived: 141, FilesEarly: 40, FilesOnTime: 98, FilesPending: 3, FilesOnline: 52},
		Staffing: &domain.StaffingStats{DeputiesActual: 2, DeputiesMax: 3, QuotaAssigned: 31, StaffPresent: 30, JobPositionsApproved: true},
		Shortcomings: []shortcomingSpec{{Code: "1.1", Severity: domain.SeverityMinor,
			Description: "Một số chỉ tiêu của Kế hoạch CCHC năm 2020 chưa sát thực tế, chưa hoàn thành đúng tiến độ.",
			Cause:       "Chưa rà soát khả năng thực hiện của các phòng khi giao chỉ tiêu.",
			Actions:     []actionSpec{{Description: "Điều chỉnh chỉ tiêu Kế hoạch CCHC cho sát thực tế và theo dõi tiến độ hằng quý.", Status: domain.ActionOpen}}}},
		Conclusion: conclusionSpec{Status: domain.ConclusionSubmitted, Result: domain.ResultGood,
			Strengths:   "Sở tiếp tục duy trì 100% hồ sơ TTHC giải quyết đúng hạn; đã cung cấp dịch vụ công trực tuyến mức độ 4.",
			Limitations: "- Kế hoạch CCHC năm 2020 có chỉ tiêu chưa sát thực tế (tồn tại đã nêu năm 2019).",
			Requests:    "1. Điều chỉnh chỉ tiêu Kế hoạch CCHC cho sát thực tế.",
			DocumentNo:  "", SubmittedOn: "2020-09-25"},
	},
	{
		Year: 2020, Agency: "STC", ScheduledOn: "2020-10-06", VisitedOn: "2020-10-06", DecisionNo: "987/QĐ-UBND",
		Kind: domain.VisitOnSite, Location: "Trụ sở Sở Tài chính tỉnh Điện Biên",
		Reps: []domain.Representative{{FullName: "Vũ Quang Minh", Title: "Phó Giám đốc Sở Tài chính"}},
		Team: team2019, Status: domain.VisitInProgress,
		Findings: []findingSpec{
			{Code: "6.1", Rating: domain.RatingGood, Score: num(2), Note: "Quy chế chi tiêu nội bộ được rà soát, sửa đổi hằng năm."},
			{Code: "3.3", Value: num(98.7), Self: num(3), Note: "Đang đối chiếu số liệu trên hệ thống một cửa điện tử."},
		},
		Conclusion: conclusionSpec{Status: domain.ConclusionDraft},
	},
	{
		Year: 2020, Agency: "SGDDT", ScheduledOn: "2020-10-13", VisitedOn: "2020-10-13", DecisionNo: "987/QĐ-UBND",
		Kind: domain.VisitByReport, Location: "Kiểm tra qua báo cáo",
		Team: team2019, Status: domain.VisitReturned,
		Findings: []findingSpec{
			{Code: "1.2", Rating: domain.RatingGood, Value: num(95), Score: num(1.5), Note: "Hoàn thành 19/20 nhiệm vụ kế hoạch."},
		},
		Conclusion: conclusionSpec{Status: domain.ConclusionReturned, Result: domain.ResultGood,
			Strengths:   "Sở Giáo dục và Đào tạo hoàn thành 95% nhiệm vụ kế hoạch CCHC.",
			SubmittedOn: "2020-10-20", ReviewedOn: "2020-10-22",
			ReviewNote: "Đề nghị bổ sung kết quả kiểm tra tỷ lệ hồ sơ giải quyết đúng hạn trước khi trình lại."},
	},
	{
		Year: 2020, Agency: "SXD", ScheduledOn: "2020-11-10", DecisionNo: "987/QĐ-UBND", Kind: domain.VisitUnannounced,
		Location: "Bộ phận một cửa Sở Xây dựng", Team: team2019, Status: domain.VisitPlanned,
		Conclusion: conclusionSpec{Status: domain.ConclusionDraft},
	},
}
