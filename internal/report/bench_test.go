package report_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// BenchmarkYear measures the dashboard and the Excel export of a generated
// year of n visits (and the year before, so that shortcomings repeat), on
// every database of storetest.Dialects:
//
//	go test ./internal/report -run '^$' -bench Year -benchtime 5x
//	TEST_DATABASE_URL=postgres://… go test ./internal/report -run '^$' -bench Year -benchtime 5x
//	CCHC_BENCH_VISITS=1000,4000,16000 go test ./internal/report -run '^$' -bench Year -benchtime 3x
//
// Besides the time per operation it reports peak-MiB, the most heap the
// operation held above what was in use before it (sampled every
// millisecond, garbage included), and for the export the workbook's size.
// The aggregates are SQL, and the export reads one row at a time into
// excelize's stream writers, which keep a sheet's XML in memory up to 16 MiB
// and spill the rest to a temporary file: the export's peak grows with the
// year only until each sheet reaches that size, then stays flat.
func BenchmarkYear(b *testing.B) {
	sizes := []int{1000, 4000}
	if env := os.Getenv("CCHC_BENCH_VISITS"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 10 {
				b.Fatalf("CCHC_BENCH_VISITS=%q: want numbers of visits such as 1000,4000", env)
			}
			sizes = append(sizes, n)
		}
	}
	for _, dialect := range storetest.Dialects() {
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/visits=%d", dialect, n), func(b *testing.B) {
				db := storetest.Open(b, dialect)
				svc := service.New(store.New(db), time.FixedZone("ICT", 7*3600))
				svc.Now = func() time.Time { return time.Date(2025, 12, 31, 3, 0, 0, 0, time.UTC) }
				start := time.Now()
				rows := generateYears(b, svc.Store(), 2025, n)
				b.Logf("%s: generated %d visits a year for 2024 and 2025 (%d rows) in %s", dialect, n, rows, time.Since(start).Round(time.Millisecond))
				year := 2025
				b.Run("dashboard", func(b *testing.B) {
					var d *domain.Dashboard
					peak := measurePeak(b, func() {
						var err error
						if d, err = svc.Dashboard(ctx, service.System, domain.ReportFilter{Year: &year}); err != nil {
							b.Fatal(err)
						}
					})
					if d.Totals.Visits != n-n/10 { // one in ten is cancelled
						b.Fatalf("dashboard counts %d visits, want %d", d.Totals.Visits, n-n/10)
					}
					b.ReportMetric(peak, "peak-MiB")
				})
				b.Run("export", func(b *testing.B) {
					var size int64
					peak := measurePeak(b, func() {
						wb, err := svc.YearWorkbook(ctx, service.System, year)
						if err != nil {
							b.Fatal(err)
						}
						if size, err = wb.WriteTo(io.Discard); err != nil {
							b.Fatal(err)
						}
						wb.Close()
					})
					b.ReportMetric(peak, "peak-MiB")
					b.ReportMetric(float64(size)/(1<<20), "xlsx-MiB")
				})
			})
		}
	}
}

// measurePeak runs op b.N times and returns the most heap (MiB) in use
// during a run above what was in use before it.
func measurePeak(b *testing.B, op func()) float64 {
	b.Helper()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	var peak atomic.Uint64
	var worst uint64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		runtime.GC()
		base := heap()
		peak.Store(base)
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					if h := heap(); h > peak.Load() {
						peak.Store(h)
					}
				}
			}
		}()
		b.StartTimer()
		op()
		b.StopTimer()
		if h := heap(); h > peak.Load() {
			peak.Store(h)
		}
		close(done)
		wg.Wait()
		worst = max(worst, peak.Load()-base)
		b.StartTimer()
	}
	return float64(worst) / (1 << 20)
}

// generateYears writes n visits a year, to n communes, for year-1 and
// year, through the store in batches: teams, ten findings, both kinds of
// figures, two shortcomings (in year, a third repeat year-1's) with an
// action each (some overdue), and the conclusion, in the states a round
// goes through. It returns the number of rows written.
func generateYears(tb testing.TB, st *store.Store, year, n int) int {
	tb.Helper()
	rng := rand.New(rand.NewPCG(uint64(n), uint64(year)))
	rows := 0
	batch := func(recs any, count int) {
		tb.Helper()
		if err := st.CreateBatch(ctx, recs, 500); err != nil {
			tb.Fatal(err)
		}
		rows += count
	}
	agencies := make([]domain.Agency, n)
	for i := range agencies {
		agencies[i] = domain.Agency{Code: fmt.Sprintf("XA%05d", i+1), Name: fmt.Sprintf("UBND xã Thử nghiệm số %d", i+1),
			Kind: domain.KindCommune, Province: "Điện Biên", Active: true}
	}
	batch(agencies, n)
	lead := &domain.User{Username: "truongdoan", FullName: "Lê Đình Tuyên", Role: domain.RoleInspector, Active: true, PasswordHash: "x"}
	if err := st.Create(ctx, lead); err != nil {
		tb.Fatal(err)
	}
	// The default catalog: seven areas, twenty criteria.
	codes := [][2]string{{"1", ""}, {"1.1", "yes_no"}, {"1.2", "percent"}, {"1.3", "score"}, {"1.5", "yes_no"}, {"2", ""}, {"2.1", "score"},
		{"3", ""}, {"3.1", "percent"}, {"3.2", "yes_no"}, {"3.3", "percent"}, {"3.4", "count"}, {"3.5", "percent"}, {"3.6", "percent"},
		{"4", ""}, {"4.1", "yes_no"}, {"4.2", "yes_no"}, {"5", ""}, {"5.1", "yes_no"}, {"5.2", "yes_no"}, {"5.3", "score"},
		{"6", ""}, {"6.1", "score"}, {"7", ""}, {"7.1", "percent"}, {"7.2", "yes_no"}}
	type yearWorld struct {
		plan     domain.Plan
		criteria []domain.Criterion // not areas
	}
	worlds := map[int]*yearWorld{}
	for _, y := range []int{year - 1, year} {
		w := &yearWorld{plan: domain.Plan{Year: y, Title: fmt.Sprintf("Kế hoạch kiểm tra công tác cải cách hành chính năm %d", y),
			DecisionNo: fmt.Sprintf("%d/KH-UBND", 10+y%100), Status: domain.PlanIssued}}
		if err := st.Create(ctx, &w.plan); err != nil {
			tb.Fatal(err)
		}
		set := &domain.CriteriaSet{Year: y, Name: fmt.Sprintf("Bộ tiêu chí %d", y)}
		if err := st.Create(ctx, set); err != nil {
			tb.Fatal(err)
		}
		var area *domain.Criterion
		for i, c := range codes {
			one := 1.0
			cr := &domain.Criterion{CriteriaSetID: set.ID, Code: c[0], Title: "Tiêu chí " + c[0], Measure: domain.Measure(c[1]), SortOrder: i}
			if c[1] == "" {
				cr.Measure, cr.Area = domain.MeasureArea, "Lĩnh vực "+c[0]
			} else {
				cr.ParentID, cr.Area, cr.MaxScore = &area.ID, area.Area, &one
			}
			if err := st.Create(ctx, cr); err != nil {
				tb.Fatal(err)
			}
			if c[1] == "" {
				area = cr
			} else {
				w.criteria = append(w.criteria, *cr)
			}
		}
		worlds[y] = w
	}
	lastShortcoming := map[int64]map[string]int64{} // agency → criterion code → shortcoming of year-1
	for _, y := range []int{year - 1, year} {
		w := worlds[y]
		visits := make([]domain.Visit, n)
		for i := range visits {
			day := domain.NewDate(y, time.Month(3+i%9), 1+i%28)
			status := []domain.VisitStatus{domain.VisitApproved, domain.VisitApproved, domain.VisitClosed, domain.VisitApproved,
				domain.VisitSubmitted, domain.VisitInProgress, domain.VisitApproved, domain.VisitPlanned, domain.VisitClosed, domain.VisitCancelled}[i%10]
			visits[i] = domain.Visit{PlanID: w.plan.ID, AgencyID: agencies[i].ID, CriteriaSetID: w.criteria[0].CriteriaSetID, Year: y,
				ScheduledOn: &day, Kind: domain.VisitOnSite, Status: status, DecisionNo: "1052/QĐ-UBND",
				AgencyRepresentatives: []domain.Representative{{FullName: "Chủ tịch UBND xã", Title: "Chủ tịch"}}}
			if status != domain.VisitPlanned && status != domain.VisitCancelled {
				visits[i].VisitedOn = &day
			}
		}
		batch(visits, n)
		var team []domain.TeamMember
		var findings []domain.Finding
		var procedure []domain.ProcedureStats
		var staffing []domain.StaffingStats
		var conclusions []domain.Conclusion
		var shortcomings []domain.Shortcoming
		for i, v := range visits {
			team = append(team, domain.TeamMember{VisitID: v.ID, UserID: &lead.ID, FullName: lead.FullName, Role: domain.TeamRoleLead},
				domain.TeamMember{VisitID: v.ID, FullName: "Thư ký đoàn", Role: domain.TeamRoleSecretary, SortOrder: 1})
			c := domain.Conclusion{VisitID: v.ID, Status: domain.ConclusionDraft, Recipients: []string{"Lưu: VT."}}
			switch v.Status {
			case domain.VisitApproved, domain.VisitClosed:
				c.Status = domain.ConclusionApproved
			case domain.VisitSubmitted:
				c.Status = domain.ConclusionSubmitted
			}
			if c.Status != domain.ConclusionDraft {
				r := domain.OverallResults[rng.IntN(len(domain.OverallResults))]
				c.OverallResult, c.DocumentNo = &r, fmt.Sprintf("%d/TB-SNV", i+1)
			}
			conclusions = append(conclusions, c)
			if v.Status == domain.VisitPlanned || v.Status == domain.VisitCancelled {
				continue
			}
			for _, k := range rng.Perm(len(w.criteria))[:10] {
				cr := w.criteria[k]
				score, value := float64(rng.IntN(5))/4, 1.0
				if cr.Measure == domain.MeasurePercent {
					value = float64(80 + rng.IntN(21))
				}
				rating := domain.RatingGood
				findings = append(findings, domain.Finding{VisitID: v.ID, CriterionID: cr.ID, Rating: &rating, Value: &value, Score: &score,
					Note: "Nhận xét của Đoàn kiểm tra về tiêu chí " + cr.Code})
			}
			files := 200 + rng.IntN(800)
			late := rng.IntN(20)
			procedure = append(procedure, domain.ProcedureStats{VisitID: v.ID, ProceduresTotal: 100, OnlineFull: rng.IntN(40), OnlinePartial: rng.IntN(50),
				OneStopShop: true, InteragencyOneStopShop: i%2 == 0, FilesReceived: files, FilesEarly: files / 4, FilesOnTime: files/2 - late,
				FilesLate: late, FilesPending: files / 8, FilesOnline: files / 3, ApologyLetters: late / 2})
			staffing = append(staffing, domain.StaffingStats{VisitID: v.ID, DeputiesActual: 1 + rng.IntN(3), DeputiesMax: 2, QuotaAssigned: 20,
				StaffPresent: 18 + rng.IntN(4), JobPositionsApproved: i%3 != 0})
			for _, k := range []int{i % len(w.criteria), (i + 7) % len(w.criteria)} {
				cr := w.criteria[k]
				sc := domain.Shortcoming{VisitID: v.ID, CriterionID: &cr.ID, Description: "Tồn tại về tiêu chí " + cr.Code + " cần khắc phục trong năm tới",
					Cause: "Chưa bố trí đủ nhân lực", Severity: domain.SeverityMinor}
				if earlier, ok := lastShortcoming[v.AgencyID][cr.Code]; ok && i%3 == 0 {
					sc.RepeatOfID = &earlier
				}
				shortcomings = append(shortcomings, sc)
			}
		}
		batch(team, len(team))
		batch(findings, len(findings))
		batch(procedure, len(procedure))
		batch(staffing, len(staffing))
		batch(conclusions, len(conclusions))
		batch(shortcomings, len(shortcomings))
		byVisit := map[int64]domain.Visit{}
		for _, v := range visits {
			byVisit[v.ID] = v
		}
		var actions []domain.Action
		for _, sc := range shortcomings {
			v := byVisit[sc.VisitID]
			if lastShortcoming[v.AgencyID] == nil {
				lastShortcoming[v.AgencyID] = map[string]int64{}
			}
			for _, cr := range w.criteria {
				if cr.ID == *sc.CriterionID {
					lastShortcoming[v.AgencyID][cr.Code] = sc.ID
				}
			}
			due := v.ScheduledOn.AddDays(45)
			status := []domain.ActionStatus{domain.ActionOpen, domain.ActionInProgress, domain.ActionReportedDone, domain.ActionVerified}[rng.IntN(4)]
			if v.Status == domain.VisitClosed {
				status = domain.ActionVerified
			}
			actions = append(actions, domain.Action{ShortcomingID: sc.ID, VisitID: v.ID, AgencyID: v.AgencyID, Description: "Khắc phục " + sc.Description,
				OwnerAgencyID: &v.AgencyID, OwnerName: "Chủ tịch UBND xã", DueOn: &due, Status: status})
		}
		batch(actions, len(actions))
	}
	return rows + 2*len(codes) + 4
}
