package domain_test

import (
	"math"
	"slices"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestPercent(t *testing.T) {
	cases := []struct {
		name        string
		part, whole int
		want        *float64
	}{
		{"nothing of nothing is unknown", 0, 0, nil},
		{"something of nothing is unknown", 5, 0, nil},
		{"negative whole is unknown", 1, -1, nil},
		{"none", 0, 7, ptr(0.0)},
		{"all", 12, 12, ptr(100.0)},
		{"half", 1, 2, ptr(50.0)},
		{"two thirds rounds up", 2, 3, ptr(66.67)},
		{"one third rounds down", 1, 3, ptr(33.33)},
		{"one in eight", 1, 8, ptr(12.5)},
		{"half of a hundredth rounds away from zero", 1, 800, ptr(0.13)},
		{"tiny share rounds to zero", 1, 30000, ptr(0.0)},
		{"nearly all does not round to 100", 9999, 10000, ptr(99.99)},
		{"nearly all rounds up to 100", 99999, 100000, ptr(100.0)},
		{"more than the whole", 3, 2, ptr(150.0)},
		{"big counts", 1234567, 2345678, ptr(52.63)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := domain.Percent(c.part, c.whole)
			if got != nil && (math.IsNaN(*got) || math.IsInf(*got, 0)) {
				t.Fatalf("Percent(%d, %d) = %v", c.part, c.whole, *got)
			}
			assertRate(t, "Percent", got, c.want)
		})
	}
}

func TestProcedureStatsDerive(t *testing.T) {
	type want struct {
		onTime, online, onlineFile *float64
		apologyMissing             int
	}
	cases := []struct {
		name string
		in   domain.ProcedureStats
		want want
	}{
		{"no figures at all", domain.ProcedureStats{},
			want{nil, nil, nil, 0}},
		{"only pending files: nothing resolved, rate unknown", domain.ProcedureStats{FilesReceived: 4, FilesPending: 4},
			want{nil, nil, ptr(0.0), 0}},
		{"all on time (Điện Biên 2019)", domain.ProcedureStats{ProceduresTotal: 120, OnlinePartial: 30, FilesReceived: 250, FilesOnTime: 240, FilesPending: 10},
			want{ptr(100.0), ptr(25.0), ptr(0.0), 0}},
		{"early counts as on time", domain.ProcedureStats{FilesReceived: 4, FilesEarly: 4},
			want{ptr(100.0), nil, ptr(0.0), 0}},
		{"early and on time against late", domain.ProcedureStats{FilesReceived: 4, FilesEarly: 1, FilesOnTime: 2, FilesLate: 1, ApologyLetters: 1},
			want{ptr(75.0), nil, ptr(0.0), 0}},
		{"two of three on time", domain.ProcedureStats{FilesReceived: 3, FilesOnTime: 2, FilesLate: 1, ApologyLetters: 1},
			want{ptr(66.67), nil, ptr(0.0), 0}},
		{"pending files do not lower the rate", domain.ProcedureStats{FilesReceived: 10, FilesOnTime: 1, FilesPending: 9},
			want{ptr(100.0), nil, ptr(0.0), 0}},
		{"all late, no letters", domain.ProcedureStats{FilesReceived: 3, FilesLate: 3},
			want{ptr(0.0), nil, ptr(0.0), 3}},
		{"some letters missing", domain.ProcedureStats{FilesReceived: 10, FilesOnTime: 5, FilesLate: 5, ApologyLetters: 2},
			want{ptr(50.0), nil, ptr(0.0), 3}},
		{"more letters than late files owes nothing", domain.ProcedureStats{FilesReceived: 10, FilesOnTime: 8, FilesLate: 2, ApologyLetters: 5},
			want{ptr(80.0), nil, ptr(0.0), 0}},
		{"online rate counts full and partial", domain.ProcedureStats{ProceduresTotal: 3, OnlineFull: 1, OnlinePartial: 1},
			want{nil, ptr(66.67), nil, 0}},
		{"every procedure online", domain.ProcedureStats{ProceduresTotal: 40, OnlineFull: 40},
			want{nil, ptr(100.0), nil, 0}},
		{"no procedures: online rate unknown, not 0", domain.ProcedureStats{ProceduresTotal: 0},
			want{nil, nil, nil, 0}},
		{"online file rate over received and carried over", domain.ProcedureStats{FilesReceived: 8, FilesCarriedOver: 2, FilesOnline: 5},
			want{nil, nil, ptr(50.0), 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.in
			p.Derive()
			assertRate(t, "OnTimeRate", p.OnTimeRate, c.want.onTime)
			assertRate(t, "OnlineRate", p.OnlineRate, c.want.online)
			assertRate(t, "OnlineFileRate", p.OnlineFileRate, c.want.onlineFile)
			if p.ApologyLettersMissing != c.want.apologyMissing {
				t.Errorf("ApologyLettersMissing = %d, want %d", p.ApologyLettersMissing, c.want.apologyMissing)
			}
			if p.OnTimeFormula != domain.OnTimeFormula || p.OnTimeFormula == "" {
				t.Errorf("OnTimeFormula = %q, want %q", p.OnTimeFormula, domain.OnTimeFormula)
			}
		})
	}
}

func TestProcedureStatsDeriveReplacesStaleRates(t *testing.T) {
	p := domain.ProcedureStats{OnTimeRate: ptr(42.0), OnlineRate: ptr(42.0), OnlineFileRate: ptr(42.0), ApologyLettersMissing: 7}
	p.Derive()
	if p.OnTimeRate != nil || p.OnlineRate != nil || p.OnlineFileRate != nil || p.ApologyLettersMissing != 0 {
		t.Fatalf("after Derive on zero counts: %s %s %s %d, want nil nil nil 0",
			floatPtrString(p.OnTimeRate), floatPtrString(p.OnlineRate), floatPtrString(p.OnlineFileRate), p.ApologyLettersMissing)
	}
}

func TestProcedureStatsCheck(t *testing.T) {
	// valid is a consistent set of figures that each case bends.
	valid := domain.ProcedureStats{
		ProceduresTotal: 120, OnlineFull: 20, OnlinePartial: 30,
		FilesReceived: 200, FilesCarriedOver: 10, FilesEarly: 50, FilesOnTime: 120, FilesLate: 5, FilesPending: 30,
		FilesOnline: 60, ApologyLetters: 5,
	}
	with := func(f func(*domain.ProcedureStats)) domain.ProcedureStats {
		p := valid
		f(&p)
		return p
	}
	resolvedAndPending := []domain.FieldError{
		fe("files_early", "exceeds_files_received"), fe("files_on_time", "exceeds_files_received"),
		fe("files_late", "exceeds_files_received"), fe("files_pending", "exceeds_files_received"),
	}
	cases := []struct {
		name string
		in   domain.ProcedureStats
		want []domain.FieldError
	}{
		{"all zero", domain.ProcedureStats{}, nil},
		{"consistent figures", valid, nil},
		{"online services equal to procedures", with(func(p *domain.ProcedureStats) { p.OnlineFull, p.OnlinePartial = 100, 20 }), nil},
		{"every file resolved or pending, counting carried over",
			with(func(p *domain.ProcedureStats) { p.FilesPending = 35 }), nil},
		{"every file online", with(func(p *domain.ProcedureStats) { p.FilesOnline = 210 }), nil},
		{"more letters than late files is fine", with(func(p *domain.ProcedureStats) { p.ApologyLetters = 9 }), nil},

		{"negative procedures_total", with(func(p *domain.ProcedureStats) { p.ProceduresTotal = -1 }),
			[]domain.FieldError{fe("procedures_total", "gte", "0")}},
		{"negative online_full", with(func(p *domain.ProcedureStats) { p.OnlineFull = -1 }),
			[]domain.FieldError{fe("online_full", "gte", "0")}},
		{"negative online_partial", with(func(p *domain.ProcedureStats) { p.OnlinePartial = -1 }),
			[]domain.FieldError{fe("online_partial", "gte", "0")}},
		{"negative files_received", with(func(p *domain.ProcedureStats) { p.FilesReceived = -1 }),
			[]domain.FieldError{fe("files_received", "gte", "0")}},
		{"negative files_carried_over", with(func(p *domain.ProcedureStats) { p.FilesCarriedOver = -1 }),
			[]domain.FieldError{fe("files_carried_over", "gte", "0")}},
		{"negative files_early", with(func(p *domain.ProcedureStats) { p.FilesEarly = -1 }),
			[]domain.FieldError{fe("files_early", "gte", "0")}},
		{"negative files_on_time", with(func(p *domain.ProcedureStats) { p.FilesOnTime = -1 }),
			[]domain.FieldError{fe("files_on_time", "gte", "0")}},
		{"negative files_late", with(func(p *domain.ProcedureStats) { p.FilesLate = -1 }),
			[]domain.FieldError{fe("files_late", "gte", "0")}},
		{"negative files_pending", with(func(p *domain.ProcedureStats) { p.FilesPending = -1 }),
			[]domain.FieldError{fe("files_pending", "gte", "0")}},
		{"negative files_online", with(func(p *domain.ProcedureStats) { p.FilesOnline = -1 }),
			[]domain.FieldError{fe("files_online", "gte", "0")}},
		{"negative apology_letters", with(func(p *domain.ProcedureStats) { p.ApologyLetters = -1 }),
			[]domain.FieldError{fe("apology_letters", "gte", "0")}},
		{"two negatives, both reported", with(func(p *domain.ProcedureStats) { p.FilesLate, p.ApologyLetters = -2, -3 }),
			[]domain.FieldError{fe("files_late", "gte", "0"), fe("apology_letters", "gte", "0")}},

		{"online services above procedures", with(func(p *domain.ProcedureStats) { p.OnlineFull, p.OnlinePartial = 100, 21 }),
			[]domain.FieldError{fe("online_full", "exceeds_procedures_total"), fe("online_partial", "exceeds_procedures_total")}},
		{"online services without procedures", domain.ProcedureStats{OnlinePartial: 1},
			[]domain.FieldError{fe("online_full", "exceeds_procedures_total"), fe("online_partial", "exceeds_procedures_total")}},
		{"one more file resolved or pending than received and carried over",
			with(func(p *domain.ProcedureStats) { p.FilesPending = 36 }), resolvedAndPending},
		{"on-time files without any received", domain.ProcedureStats{FilesOnTime: 1}, resolvedAndPending},
		{"carried-over files are not forgotten", domain.ProcedureStats{FilesReceived: 5, FilesCarriedOver: 3, FilesOnTime: 9},
			resolvedAndPending},
		{"more online files than files", with(func(p *domain.ProcedureStats) { p.FilesOnline = 211 }),
			[]domain.FieldError{fe("files_online", "exceeds_files_received")}},
		{"every rule broken at once",
			domain.ProcedureStats{ProceduresTotal: 1, OnlineFull: 1, OnlinePartial: 1, FilesReceived: 1, FilesLate: 2, FilesOnline: 2},
			append([]domain.FieldError{
				fe("online_full", "exceeds_procedures_total"), fe("online_partial", "exceeds_procedures_total"),
				fe("files_online", "exceeds_files_received"),
			}, resolvedAndPending...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertFields(t, c.in.Check(), c.want...)
		})
	}
}

func TestStaffingStatsDerive(t *testing.T) {
	cases := []struct {
		name                            string
		in                              domain.StaffingStats
		deputiesOverMax, staffOverQuota bool
	}{
		{"nothing recorded", domain.StaffingStats{}, false, false},
		{"below both limits", domain.StaffingStats{DeputiesActual: 2, DeputiesMax: 3, StaffPresent: 40, QuotaAssigned: 45}, false, false},
		{"equal to the maximum and the quota is not over", domain.StaffingStats{DeputiesActual: 3, DeputiesMax: 3, StaffPresent: 45, QuotaAssigned: 45}, false, false},
		{"one deputy too many", domain.StaffingStats{DeputiesActual: 4, DeputiesMax: 3, StaffPresent: 45, QuotaAssigned: 45}, true, false},
		{"one member of staff too many", domain.StaffingStats{DeputiesActual: 3, DeputiesMax: 3, StaffPresent: 46, QuotaAssigned: 45}, false, true},
		{"both over", domain.StaffingStats{DeputiesActual: 5, DeputiesMax: 3, StaffPresent: 50, QuotaAssigned: 45}, true, true},
		{"a deputy where none is allowed", domain.StaffingStats{DeputiesActual: 1}, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.in
			s.Derive()
			if s.DeputiesOverMax != c.deputiesOverMax || s.StaffOverQuota != c.staffOverQuota {
				t.Errorf("DeputiesOverMax, StaffOverQuota = %v, %v; want %v, %v",
					s.DeputiesOverMax, s.StaffOverQuota, c.deputiesOverMax, c.staffOverQuota)
			}
		})
	}
}

func TestStaffingStatsCheck(t *testing.T) {
	cases := []struct {
		name string
		in   domain.StaffingStats
		// want is in field-name order: the answer must not depend on map order.
		want []domain.FieldError
	}{
		{"all zero", domain.StaffingStats{}, nil},
		{"over the limits is a warning, not an error", domain.StaffingStats{DeputiesActual: 5, DeputiesMax: 3, StaffPresent: 50, QuotaAssigned: 45}, nil},
		{"negative deputies_actual", domain.StaffingStats{DeputiesActual: -1},
			[]domain.FieldError{fe("deputies_actual", "gte", "0")}},
		{"negative deputies_max", domain.StaffingStats{DeputiesMax: -1},
			[]domain.FieldError{fe("deputies_max", "gte", "0")}},
		{"negative quota_assigned", domain.StaffingStats{QuotaAssigned: -1},
			[]domain.FieldError{fe("quota_assigned", "gte", "0")}},
		{"negative staff_present", domain.StaffingStats{StaffPresent: -1},
			[]domain.FieldError{fe("staff_present", "gte", "0")}},
		{"every count negative", domain.StaffingStats{DeputiesActual: -1, DeputiesMax: -1, QuotaAssigned: -1, StaffPresent: -1},
			[]domain.FieldError{fe("deputies_actual", "gte", "0"), fe("deputies_max", "gte", "0"),
				fe("quota_assigned", "gte", "0"), fe("staff_present", "gte", "0")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Repeat so that a map-ordered answer would show up.
			for range 20 {
				err := c.in.Check()
				if c.want == nil {
					assertFields(t, err)
					continue
				}
				if got := fieldErrors(t, err); !slices.Equal(got, c.want) {
					t.Fatalf("field errors = %v, want %v (in this order)", got, c.want)
				}
			}
		})
	}
}
