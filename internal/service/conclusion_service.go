package service

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/store"
)

// Freeze stores the approved snapshot of a conclusion: the conclusion as
// approved and the visit's records, as JSON, with the SHA-256 of those bytes.
// It runs inside the approving transaction tx.
func (s *Service) Freeze(ctx context.Context, tx *store.Store, c *domain.Conclusion, by int64, at time.Time) (*domain.ConclusionSnapshot, error) {
	content, err := s.snapshotContent(ctx, tx, c, by, at)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(content)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	snap := &domain.ConclusionSnapshot{ConclusionID: c.ID, VisitID: c.VisitID, Content: string(b),
		SHA256: hex.EncodeToString(sum[:]), ApprovedBy: by, ApprovedAt: at, Verified: true}
	if err := tx.Create(ctx, snap); err != nil {
		return nil, err
	}
	return snap, nil
}

func (s *Service) snapshotContent(ctx context.Context, tx *store.Store, c *domain.Conclusion, by int64, at time.Time) (*domain.SnapshotContent, error) {
	d, err := tx.VisitDetail(ctx, c.VisitID)
	if err != nil {
		return nil, err
	}
	all := domain.Page{PerPage: domain.MaxPerPage}
	out := &domain.SnapshotContent{Conclusion: *c, Visit: d.Visit, Agency: *d.Agency, Team: d.Team,
		ProcedureStats: d.ProcedureStats, StaffingStats: d.StaffingStats, ApprovedBy: by, ApprovedAt: at}
	out.Conclusion.Snapshot = nil
	if out.Criteria, err = tx.Criteria(ctx, d.CriteriaSetID); err != nil {
		return nil, err
	}
	if out.Findings, err = allPages(func(p domain.Page) ([]domain.Finding, int, error) { return tx.Findings(ctx, c.VisitID, p) }, all); err != nil {
		return nil, err
	}
	if out.Shortcomings, err = allPages(func(p domain.Page) ([]domain.Shortcoming, int, error) { return tx.Shortcomings(ctx, c.VisitID, p) }, all); err != nil {
		return nil, err
	}
	visitID := c.VisitID
	if out.Actions, err = allPages(func(p domain.Page) ([]domain.Action, int, error) {
		return tx.Actions(ctx, domain.ActionFilter{VisitID: &visitID, Today: s.Today(), Page: p})
	}, all); err != nil {
		return nil, err
	}
	return out, nil
}

// allPages reads every page of a list.
func allPages[T any](fetch func(domain.Page) ([]T, int, error), p domain.Page) ([]T, error) {
	var out []T
	for p.Page = 1; ; p.Page++ {
		items, total, err := fetch(p)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if len(out) >= total || len(items) == 0 {
			return out, nil
		}
	}
}

// ReturnNote is a leader's note when returning a conclusion.
type ReturnNote struct {
	Note string `json:"note" validate:"required,max=10000"`
}

// Conclusion loads a visit's conclusion; an agency officer reads it once approved.
func (s *Service) Conclusion(ctx context.Context, a Actor, visitID int64) (*domain.Conclusion, error) {
	if _, err := s.publishedVisitFor(ctx, s.store, a, visitID, "conclusion"); err != nil {
		return nil, err
	}
	return s.store.ConclusionOf(ctx, visitID)
}

// PutConclusion edits the draft conclusion (the team, while the visit's
// records are open and the conclusion is a draft or returned).
func (s *Service) PutConclusion(ctx context.Context, a Actor, visitID int64, version int, upd domain.ConclusionUpdate) (*domain.Conclusion, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(upd); err != nil {
		return nil, err
	}
	if upd.SignPrefix != nil && !domain.Valid(*upd.SignPrefix, domain.SignPrefixes) {
		// "" (signing in one's own name) is a valid prefix, which a oneof tag cannot say.
		var fs domain.Fields
		fs.Add("sign_prefix", "oneof", "'' TM. KT. Q. TL. TUQ.")
		return nil, fs.Err()
	}
	var out *domain.Conclusion
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if _, err := s.editableVisit(ctx, tx, a, visitID); err != nil {
			return err
		}
		old, err := tx.ConclusionOf(ctx, visitID)
		if err != nil {
			return err
		}
		if old.Status == domain.ConclusionSubmitted || old.Status == domain.ConclusionApproved {
			return frozenConclusion(old.Status)
		}
		cur := *old
		domain.Apply(&cur, upd)
		if cur.Recipients == nil {
			cur.Recipients = []string{}
		}
		changed, err := s.write(ctx, tx, a, "conclusion", old.ID, version, old, &cur)
		out = old
		if changed {
			out = &cur
		}
		return err
	})
	return out, err
}

func frozenConclusion(st domain.ConclusionStatus) error {
	return &domain.Error{Code: domain.ECONFLICT, Key: "conclusion_frozen", Args: map[string]string{"status": string(st)},
		Message: "the conclusion is " + string(st) + ": it changes only as a draft or once returned"}
}

// SubmitConclusion sends the conclusion to a leader for review (the team
// lead, administrators). It needs an overall result.
func (s *Service) SubmitConclusion(ctx context.Context, a Actor, visitID int64, version *int) (*domain.Conclusion, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	leadOnly := func(tx *store.Store) error {
		if !a.is(domain.RoleInspector) {
			return nil
		}
		role, err := tx.TeamRole(ctx, visitID, a.User.ID)
		if err != nil {
			return err
		}
		if role != domain.TeamRoleLead {
			return &domain.Error{Code: domain.EFORBIDDEN, Key: "lead_only", Message: "only the team lead submits the conclusion"}
		}
		return nil
	}
	return s.moveConclusion(ctx, a, visitID, version, domain.ConclusionSubmitted, leadOnly, func(tx *store.Store, v *domain.Visit, c *domain.Conclusion) error {
		if c.OverallResult == nil {
			var fs domain.Fields
			fs.Add("overall_result", "required")
			return fs.Err()
		}
		now := s.Now()
		c.SubmittedBy, c.SubmittedAt = a.id(), &now
		return nil
	})
}

// ApproveConclusion approves a submitted conclusion (leaders,
// administrators): it is frozen with its snapshot and SHA-256, its actions
// without a deadline get the default one, and a visit without actions closes.
func (s *Service) ApproveConclusion(ctx context.Context, a Actor, visitID int64, version *int) (*domain.Conclusion, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleLeader); err != nil || a.User == nil {
		return nil, cmp.Or[error](err, &domain.Error{Code: domain.EFORBIDDEN, Message: "an approval needs a signed-in leader", Key: "forbidden_role"})
	}
	return s.moveConclusion(ctx, a, visitID, version, domain.ConclusionApproved, nil, func(tx *store.Store, v *domain.Visit, c *domain.Conclusion) error {
		now := s.Now()
		c.ReviewedBy, c.ReviewedAt = a.id(), &now
		if c.IssuedOn == nil {
			today := s.Today()
			c.IssuedOn = &today
		}
		changed, err := tx.SetDefaultDueDates(ctx, visitID, s.Today().AddDays(s.DueDays))
		if err != nil {
			return err
		}
		for _, act := range changed {
			if err := s.record(ctx, tx, a, "action", act.ID, "update", map[string]domain.Change{"due_on": {Old: nil, New: act.DueOn}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// ReturnConclusion sends a submitted conclusion back to the team with a
// note (leaders, administrators).
func (s *Service) ReturnConclusion(ctx context.Context, a Actor, visitID int64, version *int, in ReturnNote) (*domain.Conclusion, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleLeader); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	return s.moveConclusion(ctx, a, visitID, version, domain.ConclusionReturned, nil, func(tx *store.Store, v *domain.Visit, c *domain.Conclusion) error {
		now := s.Now()
		c.ReviewedBy, c.ReviewedAt, c.ReviewNote = a.id(), &now, in.Note
		return nil
	})
}

// visitStateOf is the visit's state that follows each conclusion state.
var visitStateOf = map[domain.ConclusionStatus]domain.VisitStatus{
	domain.ConclusionSubmitted: domain.VisitSubmitted,
	domain.ConclusionApproved:  domain.VisitApproved,
	domain.ConclusionReturned:  domain.VisitReturned,
}

// moveConclusion moves a conclusion and its visit together, in one
// transaction with their audit events: allowed (if given) checks the caller
// first, then the states, then prepare sets the fields of the move.
func (s *Service) moveConclusion(ctx context.Context, a Actor, visitID int64, version *int, to domain.ConclusionStatus,
	allowed func(tx *store.Store) error, prepare func(tx *store.Store, v *domain.Visit, c *domain.Conclusion) error) (*domain.Conclusion, error) {
	var out *domain.Conclusion
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := s.visitFor(ctx, tx, a, visitID)
		if err != nil {
			return err
		}
		if allowed != nil {
			if err := allowed(tx); err != nil {
				return err
			}
		}
		old, err := tx.ConclusionOf(ctx, visitID)
		if err != nil {
			return err
		}
		if version != nil && *version != old.Version {
			return domain.StaleVersion("conclusion")
		}
		if err := domain.CheckConclusionTransition(old.Status, to); err != nil {
			return err
		}
		if err := domain.CheckVisitTransition(v.Status, visitStateOf[to]); err != nil {
			return err
		}
		cur := *old
		cur.Status = to
		if err := prepare(tx, v, &cur); err != nil {
			return err
		}
		if _, err := s.write(ctx, tx, a, "conclusion", old.ID, old.Version, old, &cur); err != nil {
			return err
		}
		if err := s.moveVisit(ctx, tx, a, v, visitStateOf[to]); err != nil {
			return err
		}
		if to == domain.ConclusionApproved {
			snap, err := s.Freeze(ctx, tx, &cur, a.User.ID, *cur.ReviewedAt)
			if err != nil {
				return err
			}
			cur.Snapshot = snap
			if err := s.record(ctx, tx, a, "conclusion", cur.ID, "approve",
				map[string]domain.Change{"sha256": {New: snap.SHA256}}); err != nil {
				return err
			}
			left, err := tx.CountUnverifiedActions(ctx, visitID)
			if err != nil {
				return err
			}
			if left == 0 {
				if err := s.moveVisit(ctx, tx, a, v, domain.VisitClosed); err != nil {
					return err
				}
			}
		}
		out = &cur
		return nil
	})
	return out, err
}

// ConclusionDraft is the text of a conclusion assembled from the visit's
// records, for the team to edit.
type ConclusionDraft struct {
	Strengths, Limitations, Causes, Requests string
}

// AssembleConclusion drafts the conclusion's text from the records: the
// strengths by area (the notes of criteria rated good), the shortcomings and
// their causes, and the requests with their owners and deadlines. Nothing
// is saved.
func (s *Service) AssembleConclusion(ctx context.Context, a Actor, visitID int64) (*ConclusionDraft, error) {
	v, err := s.publishedVisitFor(ctx, s.store, a, visitID, "conclusion")
	if err != nil {
		return nil, err
	}
	crit, err := s.store.Criteria(ctx, v.CriteriaSetID)
	if err != nil {
		return nil, err
	}
	all := domain.Page{PerPage: domain.MaxPerPage}
	findings, err := allPages(func(p domain.Page) ([]domain.Finding, int, error) { return s.store.Findings(ctx, visitID, p) }, all)
	if err != nil {
		return nil, err
	}
	shortcomings, err := allPages(func(p domain.Page) ([]domain.Shortcoming, int, error) { return s.store.Shortcomings(ctx, visitID, p) }, all)
	if err != nil {
		return nil, err
	}
	actions, err := allPages(func(p domain.Page) ([]domain.Action, int, error) {
		return s.store.Actions(ctx, domain.ActionFilter{VisitID: &visitID, ByDueDate: true, Today: s.Today(), Page: p})
	}, all)
	if err != nil {
		return nil, err
	}
	byID := map[int64]domain.Criterion{}
	for _, c := range crit {
		byID[c.ID] = c
	}
	notes := map[string][]string{}
	var areas []string
	for _, f := range findings {
		c := byID[f.CriterionID]
		if f.Rating == nil || *f.Rating != domain.RatingGood || strings.TrimSpace(f.Note) == "" {
			continue
		}
		if notes[c.Area] == nil {
			areas = append(areas, c.Area)
		}
		notes[c.Area] = append(notes[c.Area], strings.TrimRight(strings.TrimSpace(f.Note), "."))
	}
	d := &ConclusionDraft{}
	var b strings.Builder
	for i, area := range areas {
		fmt.Fprintf(&b, "%d. %s: %s.\n", i+1, area, strings.Join(notes[area], "; "))
	}
	d.Strengths = strings.TrimSpace(b.String())
	var lim, causes []string
	for _, sc := range shortcomings {
		lim = append(lim, "- "+strings.TrimSpace(sc.Description))
		if c := strings.TrimSpace(sc.Cause); c != "" {
			causes = append(causes, "- "+c)
		}
	}
	d.Limitations, d.Causes = strings.Join(lim, "\n"), strings.Join(causes, "\n")
	b.Reset()
	for i, act := range actions {
		fmt.Fprintf(&b, "%d. %s", i+1, strings.TrimRight(strings.TrimSpace(act.Description), "."))
		if act.OwnerName != "" {
			fmt.Fprintf(&b, " (%s", act.OwnerName)
			if act.DueOn != nil {
				b.WriteString("; thời hạn: " + report.NumericDate(*act.DueOn))
			}
			b.WriteString(")")
		}
		b.WriteString(".\n")
	}
	if len(actions) > 0 {
		fmt.Fprintf(&b, "Báo cáo kết quả khắc phục trong %d ngày kể từ ngày ký thông báo này.", s.DueDays)
	}
	d.Requests = strings.TrimSpace(b.String())
	return d, nil
}
