package service

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/store"
)

// File is a rendered document to download.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// reportReaders are the roles that read reports and dashboards; agency
// officers read only their own visits' documents.
var reportReaders = []domain.Role{domain.RoleAdmin, domain.RoleLeader, domain.RoleInspector}

// setting is what documents need besides the records: the issuing body
// (its name in sentences taken from the agency with its code, when that
// agency is the same body), today and the default deadline.
func (s *Service) setting(ctx context.Context) report.Setting {
	is := s.Issuer
	if is.Display == "" && is.Code != "" {
		if ag, err := s.store.AgencyByCode(ctx, is.Code); err == nil {
			name := report.ShortAgencyName(ag.Name, is.Province)
			if strings.EqualFold(strings.ToUpper(name), strings.ToUpper(is.Name)) {
				is.Display = name
			}
		}
	}
	return report.Setting{Issuer: is, Today: s.Today(), DueDays: s.DueDays}
}

// visitRecords gathers what a visit's documents show: the approved
// snapshot of its conclusion, checked against its SHA-256 (a snapshot that
// fails the check is refused, never rendered), or, before approval, the
// live records marked as a draft. An agency officer reads only their
// agency's approved visits.
func (s *Service) visitRecords(ctx context.Context, a Actor, visitID int64) (*report.VisitRecords, error) {
	v, err := s.publishedVisitFor(ctx, s.store, a, visitID, "visit")
	if err != nil {
		return nil, err
	}
	c, err := s.store.ConclusionOf(ctx, visitID)
	if err != nil {
		return nil, err
	}
	r := &report.VisitRecords{}
	if c.Status == domain.ConclusionApproved {
		if c.Snapshot == nil || !c.Snapshot.Verified {
			return nil, snapshotAltered()
		}
		dec := json.NewDecoder(strings.NewReader(c.Snapshot.Content))
		if err := dec.Decode(&r.SnapshotContent); err != nil {
			return nil, snapshotAltered()
		}
	} else {
		content, err := s.snapshotContent(ctx, s.store, c, 0, time.Time{})
		if err != nil {
			return nil, err
		}
		r.SnapshotContent, r.Draft = *content, true
	}
	plan, err := store.Get[domain.Plan](ctx, s.store, v.PlanID)
	if err != nil {
		return nil, err
	}
	r.Plan = plan
	return r, nil
}

func snapshotAltered() error {
	return &domain.Error{Code: domain.ECONFLICT, Key: "snapshot_altered",
		Message: "the approved conclusion's snapshot is missing or does not match its SHA-256: it was altered after approval, so no document is made from it; ask an administrator to check the database"}
}

// ConclusionDocument builds the conclusion notice of a visit: from the
// approved snapshot, or a draft from the live records.
func (s *Service) ConclusionDocument(ctx context.Context, a Actor, visitID int64) (*report.Document, error) {
	r, err := s.visitRecords(ctx, a, visitID)
	if err != nil {
		return nil, err
	}
	return report.ConclusionNotice(r, s.setting(ctx)), nil
}

// ConclusionDOCX renders the conclusion notice of a visit as a Word file.
func (s *Service) ConclusionDOCX(ctx context.Context, a Actor, visitID int64) (*File, error) {
	d, err := s.ConclusionDocument(ctx, a, visitID)
	if err != nil {
		return nil, err
	}
	return s.docx(d)
}

// MinutesDOCX renders the minutes of a visit as a Word file.
func (s *Service) MinutesDOCX(ctx context.Context, a Actor, visitID int64) (*File, error) {
	r, err := s.visitRecords(ctx, a, visitID)
	if err != nil {
		return nil, err
	}
	return s.docx(report.VisitMinutes(r, s.setting(ctx)))
}

func (s *Service) docx(d *report.Document) (*File, error) {
	data, err := report.DOCX(d, s.Today())
	if err != nil {
		return nil, err
	}
	return &File{Name: d.FileName + ".docx", ContentType: report.DOCXContentType, Data: data}, nil
}

// Bulletin writes the news-bulletin draft of a visit's approved
// conclusion (Markdown). A conclusion not approved yet has none: its
// findings are not official.
func (s *Service) Bulletin(ctx context.Context, a Actor, visitID int64) (*File, error) {
	r, err := s.visitRecords(ctx, a, visitID)
	if err != nil {
		return nil, err
	}
	if r.Draft {
		return nil, &domain.Error{Code: domain.ECONFLICT, Key: "conclusion_not_approved",
			Message: "the conclusion is not approved yet: a news bulletin is written from an approved conclusion only"}
	}
	name := "tin-bai-kiem-tra-cchc-" + strconv.Itoa(r.Visit.Year) + "-" + r.Agency.Code
	return &File{Name: name + ".md", ContentType: report.BulletinContentType, Data: report.Bulletin(r, s.setting(ctx))}, nil
}

// PlanReportDOCX renders the annual report of a plan's round as a Word
// file (administrators, leaders, inspectors).
func (s *Service) PlanReportDOCX(ctx context.Context, a Actor, planID int64) (*File, error) {
	if err := a.require(reportReaders...); err != nil {
		return nil, err
	}
	plan, err := store.Get[domain.Plan](ctx, s.store, planID)
	if err != nil {
		return nil, err
	}
	sum, err := s.store.PlanSummary(ctx, plan, s.Today())
	if err != nil {
		return nil, err
	}
	return s.docx(report.PlanReport(sum, s.setting(ctx)))
}

// YearWorkbook builds the Excel workbook of a year (administrators,
// leaders, inspectors); the caller writes it, then closes it.
func (s *Service) YearWorkbook(ctx context.Context, a Actor, year int) (*report.Workbook, error) {
	if err := a.require(reportReaders...); err != nil {
		return nil, err
	}
	return report.YearWorkbook(ctx, s.store, year, s.setting(ctx))
}

// Dashboard computes the dashboard of a year, a plan, or a plan within a
// year (administrators, leaders, inspectors).
func (s *Service) Dashboard(ctx context.Context, a Actor, f domain.ReportFilter) (*domain.Dashboard, error) {
	if err := a.require(reportReaders...); err != nil {
		return nil, err
	}
	if f.Year == nil && f.PlanID == nil {
		var fs domain.Fields
		fs.Add("year", "required_without", "plan_id")
		return nil, fs.Err()
	}
	if f.PlanID != nil {
		if _, err := store.Get[domain.Plan](ctx, s.store, *f.PlanID); err != nil {
			return nil, fieldNotFound(err, "plan_id")
		}
	}
	f.Today = s.Today()
	return s.store.Dashboard(ctx, f)
}

// AgencyTrend computes an agency's figures year by year
// (administrators, leaders, inspectors).
func (s *Service) AgencyTrend(ctx context.Context, a Actor, agencyID int64) (*domain.AgencyTrend, error) {
	if err := a.require(reportReaders...); err != nil {
		return nil, err
	}
	ag, err := store.Get[domain.Agency](ctx, s.store, agencyID)
	if err != nil {
		return nil, err
	}
	years, err := s.store.AgencyTrend(ctx, agencyID, s.Today())
	if err != nil {
		return nil, err
	}
	return &domain.AgencyTrend{Agency: *ag, AsOf: s.Today(), Years: years}, nil
}
