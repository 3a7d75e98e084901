package domain

import (
	"math"
	"time"
)

// ProcedureStats are a visit's administrative-procedure figures: the raw
// counts as read from the agency's records, and the rates derived from them.
type ProcedureStats struct {
	VisitID                int64 `json:"visit_id" gorm:"primaryKey;autoIncrement:false"`
	ProceduresTotal        int   `json:"procedures_total"`
	OnlineFull             int   `json:"online_full"`
	OnlinePartial          int   `json:"online_partial"`
	OneStopShop            bool  `json:"one_stop_shop"`
	InteragencyOneStopShop bool  `json:"interagency_one_stop_shop"`
	FilesReceived          int   `json:"files_received"`
	// FilesCarriedOver are files received in an earlier period, still open at its start.
	FilesCarriedOver int `json:"files_carried_over"`
	FilesEarly       int `json:"files_early"`
	FilesOnTime      int `json:"files_on_time"`
	FilesLate        int `json:"files_late"`
	FilesPending     int `json:"files_pending"`
	// FilesOnline are files submitted online (for the online file rate).
	FilesOnline    int       `json:"files_online"`
	ApologyLetters int       `json:"apology_letters"`
	Version        int       `json:"version"`
	UpdatedAt      time.Time `json:"updated_at"`

	// Derived; see Derive.
	OnTimeRate     *float64 `json:"on_time_rate" gorm:"-"`
	OnTimeFormula  string   `json:"on_time_formula" gorm:"-"`
	OnlineRate     *float64 `json:"online_rate" gorm:"-"`
	OnlineFileRate *float64 `json:"online_file_rate" gorm:"-"`
	// ApologyLettersMissing is how many late files lack an apology letter.
	ApologyLettersMissing int `json:"apology_letters_missing" gorm:"-"`
}

// TableName names the table of procedure figures.
func (ProcedureStats) TableName() string { return "procedure_stats" }

// OnTimeFormula says how OnTimeRate is computed, since portals differ.
const OnTimeFormula = "(files_early + files_on_time) / (files_early + files_on_time + files_late) × 100"

// Derive computes the derived rates from the raw counts.
func (p *ProcedureStats) Derive() {
	resolved := p.FilesEarly + p.FilesOnTime + p.FilesLate
	p.OnTimeRate = Percent(p.FilesEarly+p.FilesOnTime, resolved)
	p.OnTimeFormula = OnTimeFormula
	p.OnlineRate = Percent(p.OnlineFull+p.OnlinePartial, p.ProceduresTotal)
	p.OnlineFileRate = Percent(p.FilesOnline, p.FilesReceived+p.FilesCarriedOver)
	p.ApologyLettersMissing = max(0, p.FilesLate-p.ApologyLetters)
}

// Check returns field errors for counts that cannot be true together.
func (p ProcedureStats) Check() error {
	var fs Fields
	counts := []struct {
		name string
		v    int
	}{
		{"procedures_total", p.ProceduresTotal}, {"online_full", p.OnlineFull}, {"online_partial", p.OnlinePartial},
		{"files_received", p.FilesReceived}, {"files_carried_over", p.FilesCarriedOver}, {"files_early", p.FilesEarly},
		{"files_on_time", p.FilesOnTime}, {"files_late", p.FilesLate}, {"files_pending", p.FilesPending},
		{"files_online", p.FilesOnline}, {"apology_letters", p.ApologyLetters},
	}
	for _, c := range counts {
		if c.v < 0 {
			fs.Add(c.name, "gte", "0")
		}
	}
	if len(fs) > 0 {
		return fs.Err()
	}
	if p.OnlineFull+p.OnlinePartial > p.ProceduresTotal {
		fs.Add("online_full", "exceeds_procedures_total")
		fs.Add("online_partial", "exceeds_procedures_total")
	}
	files := p.FilesReceived + p.FilesCarriedOver
	if p.FilesEarly+p.FilesOnTime+p.FilesLate+p.FilesPending > files {
		for _, f := range []string{"files_early", "files_on_time", "files_late", "files_pending"} {
			fs.Add(f, "exceeds_files_received")
		}
	}
	if p.FilesOnline > files {
		fs.Add("files_online", "exceeds_files_received")
	}
	return fs.Err()
}

// StaffingStats are a visit's staffing figures: deputies against the legal
// maximum, staff against the assigned quota, job positions.
type StaffingStats struct {
	VisitID              int64     `json:"visit_id" gorm:"primaryKey;autoIncrement:false"`
	DeputiesActual       int       `json:"deputies_actual"`
	DeputiesMax          int       `json:"deputies_max"`
	QuotaAssigned        int       `json:"quota_assigned"`
	StaffPresent         int       `json:"staff_present"`
	JobPositionsApproved bool      `json:"job_positions_approved"`
	Version              int       `json:"version"`
	UpdatedAt            time.Time `json:"updated_at"`

	// Derived; see Derive.
	DeputiesOverMax bool `json:"deputies_over_max" gorm:"-"`
	StaffOverQuota  bool `json:"staff_over_quota" gorm:"-"`
}

// TableName names the table of staffing figures.
func (StaffingStats) TableName() string { return "staffing_stats" }

// Derive computes the over-maximum and over-quota flags.
func (s *StaffingStats) Derive() {
	s.DeputiesOverMax = s.DeputiesActual > s.DeputiesMax
	s.StaffOverQuota = s.StaffPresent > s.QuotaAssigned
}

// Check returns field errors for negative counts.
func (s StaffingStats) Check() error {
	var fs Fields
	for name, v := range map[string]int{"deputies_actual": s.DeputiesActual, "deputies_max": s.DeputiesMax,
		"quota_assigned": s.QuotaAssigned, "staff_present": s.StaffPresent} {
		if v < 0 {
			fs.Add(name, "gte", "0")
		}
	}
	return fs.Err()
}

// Percent returns part/whole × 100 rounded to two decimals, nil when whole is
// zero: a rate of nothing is unknown, never 0 and never NaN.
func Percent(part, whole int) *float64 {
	if whole <= 0 {
		return nil
	}
	r := math.Round(float64(part)*10000/float64(whole)) / 100
	return &r
}
