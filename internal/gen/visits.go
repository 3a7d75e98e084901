package gen

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// stateShares are how a year's visits are spread over the visit states:
// past years are mostly closed, the current year is under way.
var (
	pastShares = []share{{domain.VisitClosed, 0.78}, {domain.VisitApproved, 0.14}, {domain.VisitCancelled, 0.03},
		{domain.VisitSubmitted, 0.02}, {domain.VisitReturned, 0.02}, {domain.VisitInProgress, 0.01}}
	currentShares = []share{{domain.VisitPlanned, 0.22}, {domain.VisitInProgress, 0.22}, {domain.VisitSubmitted, 0.10},
		{domain.VisitReturned, 0.06}, {domain.VisitApproved, 0.22}, {domain.VisitClosed, 0.12}, {domain.VisitCancelled, 0.06}}
)

type share struct {
	status domain.VisitStatus
	p      float64
}

func (g *generator) status(shares []share) domain.VisitStatus {
	x := g.rng.Float64()
	for _, s := range shares {
		if x < s.p {
			return s.status
		}
		x -= s.p
	}
	return shares[0].status
}

// inspected reports whether the agency is inspected in year y: districts
// and merged departments until the 2025 reform, new departments after.
func inspected(a *agency, y int) bool {
	switch {
	case a.Kind == domain.KindDistrict:
		return y < mergeYear
	case a.dept != nil && a.dept.MergedInto != "":
		return y < mergeYear
	case a.dept != nil && a.dept.NewIn != 0:
		return y >= a.dept.NewIn
	}
	return true
}

// provinceYear writes a province's plan of year y and its visits.
func (g *generator) provinceYear(ctx context.Context, w *provinceWorld, y int, set *criteriaSet) error {
	issued := domain.NewDate(y, time.January, g.between(10, 31))
	plan := domain.Plan{ID: g.id(tPlans), Year: y, Title: fmt.Sprintf("Kế hoạch kiểm tra công tác cải cách hành chính năm %d", y),
		DecisionNo: fmt.Sprintf("%d/KH-UBND", g.between(5, 400)), IssuedOn: &issued, IssuedBy: "UBND tỉnh " + w.p.Name,
		Status: domain.PlanIssued, Version: 2, CreatedAt: g.at(issued.AddDays(-7))}
	plan.UpdatedAt = g.at(issued)
	store.FillSearch(&plan)
	g.record(plan.CreatedAt, w.inspectors[0].ID, "plan", plan.ID, "create", domain.Created(&plan))
	g.record(plan.UpdatedAt, w.inspectors[0].ID, "plan", plan.ID, "update", map[string]domain.Change{"status": {Old: domain.PlanDraft, New: domain.PlanIssued}})
	if err := g.buf.add(ctx, tPlans, plan.ID, plan.Year, plan.Title, plan.DecisionNo, datep(plan.IssuedOn), plan.IssuedBy,
		string(plan.Status), plan.Version, plan.CreatedAt, plan.UpdatedAt, plan.Search); err != nil {
		return err
	}
	current := y == g.opts.AsOf.Year
	n := 0
	for _, a := range w.agencies {
		if !inspected(a, y) {
			continue
		}
		var st domain.VisitStatus
		switch {
		case current && n < len(domain.VisitStatuses) && w.p == provinces[0]:
			st = domain.VisitStatuses[n] // every state is there, even in the smallest data set
		case current:
			st = g.status(currentShares)
		default:
			st = g.status(pastShares)
		}
		n++
		if err := g.visit(ctx, w, a, &plan, set, st); err != nil {
			return err
		}
	}
	return nil
}

// visitRecords are one visit's records as they are built.
type visitRecords struct {
	v            domain.Visit
	agency       *agency
	team         []domain.TeamMember
	lead         *person
	findings     []domain.Finding
	procedure    *domain.ProcedureStats
	staffing     *domain.StaffingStats
	shortcomings []domain.Shortcoming
	actions      []domain.Action
	updates      []domain.ActionUpdateReport
	conclusion   domain.Conclusion
	snapshot     *domain.ConclusionSnapshot
}

// visit writes one visit in state st and everything it holds in that state.
func (g *generator) visit(ctx context.Context, w *provinceWorld, a *agency, plan *domain.Plan, set *criteriaSet, st domain.VisitStatus) error {
	y, asOf := plan.Year, g.opts.AsOf
	r := &visitRecords{agency: a}
	v := &r.v
	*v = domain.Visit{ID: g.id(tVisits), PlanID: plan.ID, AgencyID: a.ID, CriteriaSetID: set.set.ID, Year: y,
		DecisionNo: fmt.Sprintf("%d/QĐ-UBND", g.between(100, 2500)), Kind: domain.VisitOnSite, Status: domain.VisitPlanned, Version: 1,
		AgencyRepresentatives: []domain.Representative{}}
	if g.chance(0.15) {
		v.Kind = domain.VisitByReport
	} else if g.chance(0.05) {
		v.Kind = domain.VisitUnannounced
	}
	// The day of the visit: later in the year for visits still ahead.
	var day domain.Date
	switch {
	case y < asOf.Year:
		day = domain.NewDate(y, time.March, 1).AddDays(g.intn(270))
	case st == domain.VisitPlanned || st == domain.VisitCancelled:
		day = asOf.AddDays(g.between(3, 50))
	case st == domain.VisitInProgress:
		day = asOf.AddDays(-g.between(1, 20))
	case st == domain.VisitSubmitted || st == domain.VisitReturned:
		day = asOf.AddDays(-g.between(25, 45))
	default:
		day = domain.NewDate(y, time.March, 1).AddDays(g.intn(max(1, asOf.DaysSince(domain.NewDate(y, time.March, 1))-80)))
	}
	v.ScheduledOn = &day
	v.CreatedAt = g.at(*plan.IssuedOn).Add(time.Duration(g.intn(72)) * time.Hour)
	v.Location = "Trụ sở " + a.Name
	if v.Kind == domain.VisitByReport {
		v.Location = ""
	}
	r.lead = w.inspectors[g.intn(len(w.inspectors))]
	lead := r.lead.ID
	g.record(v.CreatedAt, lead, "visit", v.ID, "create", domain.Created(v))
	g.team(r, w)
	g.record(v.CreatedAt.Add(time.Hour), lead, "visit", v.ID, "team", map[string]domain.Change{"team": {Old: []domain.TeamMember{}, New: r.team}})
	v.Version++
	r.conclusion = domain.Conclusion{ID: g.id(tConclusions), VisitID: v.ID, Status: domain.ConclusionDraft, Recipients: []string{},
		Version: 1, CreatedAt: v.CreatedAt, UpdatedAt: v.CreatedAt}

	started := st != domain.VisitPlanned && !(st == domain.VisitCancelled && g.chance(0.7))
	if started {
		visited := day
		v.VisitedOn = &visited
		v.AgencyRepresentatives = []domain.Representative{{FullName: g.personName(), Title: "Phó Giám đốc " + a.Name}}
		if a.Kind == domain.KindCommune {
			v.AgencyRepresentatives[0].Title = "Phó Chủ tịch " + a.Name
		}
		g.move(r, g.at(visited), lead, domain.VisitInProgress)
		g.findings(r, set, st == domain.VisitInProgress || st == domain.VisitCancelled)
		g.figures(r)
		if st != domain.VisitCancelled && (st != domain.VisitInProgress || g.chance(0.5)) {
			g.shortcomings(r, set, w)
		}
	}
	if st == domain.VisitCancelled {
		g.move(r, v.CreatedAt.Add(time.Duration(g.between(100, 2000))*time.Hour), lead, domain.VisitCancelled)
	}
	if err := g.conclude(r, w, st); err != nil {
		return err
	}
	return g.write(ctx, r, w)
}

// move records a change of the visit's state.
func (g *generator) move(r *visitRecords, at time.Time, actor int64, to domain.VisitStatus) {
	g.record(at, actor, "visit", r.v.ID, "status", map[string]domain.Change{"status": {Old: r.v.Status, New: to}})
	r.v.Status = to
	r.v.Version++
	r.v.UpdatedAt = at
}

// team forms the visit's team: a lead, maybe a deputy, members and a secretary.
func (g *generator) team(r *visitRecords, w *provinceWorld) {
	used := map[int64]bool{r.lead.ID: true}
	add := func(p *person, role domain.TeamRole) {
		m := domain.TeamMember{ID: g.id(tTeam), VisitID: r.v.ID, Role: role, SortOrder: len(r.team)}
		if p != nil {
			id := p.ID
			m.UserID, m.FullName, m.Title = &id, p.FullName, p.Title
		} else {
			m.FullName, m.Title = g.personName(), "Chuyên viên Văn phòng UBND tỉnh"
		}
		r.team = append(r.team, m)
	}
	add(r.lead, domain.TeamRoleLead)
	for i, n := 0, g.between(2, 4); i < n; i++ {
		p := w.inspectors[g.intn(len(w.inspectors))]
		if used[p.ID] {
			continue
		}
		used[p.ID] = true
		role := domain.TeamRoleMember
		if i == 0 && g.chance(0.4) {
			role = domain.TeamRoleDeputy
		}
		add(p, role)
	}
	if g.chance(0.5) {
		add(nil, domain.TeamRoleMember)
	}
	add(nil, domain.TeamRoleSecretary)
}

// findings records the team's findings (some of them while in progress),
// with the agency's self-assessment beside most.
func (g *generator) findings(r *visitRecords, set *criteriaSet, partial bool) {
	at := g.at(*r.v.VisitedOn)
	for _, c := range set.assessable {
		if partial && g.chance(0.45) {
			continue
		}
		f := domain.Finding{ID: g.id(tFindings), VisitID: r.v.ID, CriterionID: c.ID, Version: 1, CreatedAt: at, UpdatedAt: at}
		rating := domain.RatingGood
		switch x := g.rng.Float64(); {
		case x < 0.03:
			rating = domain.RatingNotApplicable
		case x < 0.13:
			rating = domain.RatingPoor
		case x < 0.38:
			rating = domain.RatingFair
		}
		f.Rating = &rating
		f.Note = pick(g, findingNotes[rating])
		if rating != domain.RatingNotApplicable {
			f.Value = g.value(c, rating)
			if c.MaxScore != nil {
				f.Score = scoreOf(*c.MaxScore, rating, g.rng.Float64())
				if g.chance(0.7) {
					s := math.Min(*c.MaxScore, *f.Score+round2(*c.MaxScore*0.1*g.rng.Float64()))
					f.SelfScore = &s
					f.SelfNote = "Cơ quan tự chấm theo tài liệu kiểm chứng"
				}
			}
		}
		r.findings = append(r.findings, f)
	}
}

// value is a finding's value that fits its criterion's measure.
func (g *generator) value(c domain.Criterion, rating domain.Rating) *float64 {
	var v float64
	switch c.Measure {
	case domain.MeasureYesNo:
		if rating != domain.RatingPoor {
			v = 1
		}
	case domain.MeasurePercent:
		v = round1(55 + 45*g.rng.Float64())
		if rating == domain.RatingGood {
			v = round1(90 + 10*g.rng.Float64())
		}
	case domain.MeasureCount:
		v = float64(g.intn(30))
	case domain.MeasureScore:
		v = *scoreOf(*c.MaxScore, rating, g.rng.Float64())
	default:
		return nil
	}
	return &v
}

func scoreOf(max float64, rating domain.Rating, x float64) *float64 {
	var s float64
	switch rating {
	case domain.RatingGood:
		s = max * (0.85 + 0.15*x)
	case domain.RatingFair:
		s = max * (0.5 + 0.3*x)
	default:
		s = max * 0.4 * x
	}
	s = math.Min(max, round2(s))
	return &s
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// figures records the procedure and staffing figures of a visited agency.
func (g *generator) figures(r *visitRecords) {
	at := g.at(*r.v.VisitedOn)
	total := g.between(40, 400)
	full := g.intn(total*2/5 + 1)
	received := g.between(100, 5000)
	carried := g.intn(50)
	files := received + carried
	late := g.intn(files/40 + 1)
	pending := g.intn(files/20 + 1)
	early := g.intn((files-late-pending)/3 + 1)
	onTime := files - late - pending - early - g.intn(files/50+1)
	p := &domain.ProcedureStats{VisitID: r.v.ID, ProceduresTotal: total, OnlineFull: full, OnlinePartial: g.intn((total-full)*2/5 + 1),
		OneStopShop: g.chance(0.97), InteragencyOneStopShop: g.chance(0.6), FilesReceived: received, FilesCarriedOver: carried,
		FilesEarly: early, FilesOnTime: max(0, onTime), FilesLate: late, FilesPending: pending, FilesOnline: g.intn(files/2 + 1),
		ApologyLetters: g.intn(late + 1), Version: 1, UpdatedAt: at}
	p.Derive()
	r.procedure = p
	quota := g.between(15, 120)
	s := &domain.StaffingStats{VisitID: r.v.ID, DeputiesActual: g.between(1, 4), DeputiesMax: 3, QuotaAssigned: quota,
		StaffPresent: quota - g.between(-2, 6), JobPositionsApproved: g.chance(0.9), Version: 1, UpdatedAt: at}
	s.Derive()
	r.staffing = s
}

// shortcomings lists the visit's shortcomings, a third of them repeating
// one of the agency's earlier ones, each with one to three actions.
func (g *generator) shortcomings(r *visitRecords, set *criteriaSet, w *provinceWorld) {
	at := g.at(r.v.VisitedOn.AddDays(1))
	seen := map[string]bool{}
	earlier := g.earlier[r.agency.ID]
	for i, n := 0, g.between(2, 4); i < n; i++ {
		t := pick(g, shortcomingTexts)
		if len(earlier) > 0 && g.chance(0.35) {
			codes := slices.Sorted(maps.Keys(earlier)) // the agency's earlier weak points come back
			if code := codes[g.intn(len(codes))]; !seen[code] {
				t.Code = code
			}
			t.Description, t.Cause = textFor(t.Code)
		}
		if seen[t.Code] {
			continue
		}
		seen[t.Code] = true
		c := set.byCode[t.Code]
		cid := c.ID
		sev := domain.SeverityMinor
		if g.chance(0.25) {
			sev = domain.SeverityMajor
		}
		sc := domain.Shortcoming{ID: g.id(tShortcoming), VisitID: r.v.ID, CriterionID: &cid, Description: t.Description, Cause: t.Cause,
			Severity: sev, Version: 1, CreatedAt: at, UpdatedAt: at}
		if prev, ok := earlier[t.Code]; ok {
			sc.RepeatOfID = &prev
		}
		g.record(at, r.lead.ID, "shortcoming", sc.ID, "create", domain.Created(&sc))
		r.shortcomings = append(r.shortcomings, sc)
		for j, m := 0, g.between(1, 3); j < m; j++ {
			owner := r.agency.ID
			act := domain.Action{ID: g.id(tActions), ShortcomingID: sc.ID, VisitID: r.v.ID, AgencyID: r.agency.ID,
				Description: actionText(t.Code, j), OwnerAgencyID: &owner, OwnerName: "Thủ trưởng " + r.agency.Name,
				Status: domain.ActionOpen, Version: 1, CreatedAt: at, UpdatedAt: at}
			g.record(at, r.lead.ID, "action", act.ID, "create", domain.Created(&act))
			r.actions = append(r.actions, act)
		}
	}
}

// remember keeps a visit's shortcomings as the agency's earlier ones.
func (g *generator) remember(r *visitRecords) {
	if len(r.shortcomings) == 0 || r.v.Status == domain.VisitCancelled {
		return
	}
	m := g.earlier[r.agency.ID]
	if m == nil {
		m = map[string]int64{}
		g.earlier[r.agency.ID] = m
	}
	for _, sc := range r.shortcomings {
		for _, spec := range shortcomingTexts {
			if sc.Description == spec.Description {
				m[spec.Code] = sc.ID
			}
		}
	}
}

func textFor(code string) (string, string) {
	for _, t := range shortcomingTexts {
		if t.Code == code {
			return t.Description, t.Cause
		}
	}
	return "Tồn tại, hạn chế về tiêu chí " + code, ""
}

func actionText(code string, i int) string {
	verbs := []string{"Khắc phục, hoàn thành", "Rà soát, bổ sung tài liệu kiểm chứng về", "Báo cáo kết quả khắc phục đối với"}
	return fmt.Sprintf("%s tồn tại tại tiêu chí %s; báo cáo về Sở Nội vụ", verbs[i%len(verbs)], code)
}

// conclude moves the conclusion (and the visit with it) to where st says,
// freezes the approved ones and carries remediation to its state.
func (g *generator) conclude(r *visitRecords, w *provinceWorld, st domain.VisitStatus) error {
	v, c := &r.v, &r.conclusion
	if v.Status != domain.VisitInProgress || st == domain.VisitInProgress {
		return nil
	}
	lead := r.lead.ID
	visited := *v.VisitedOn
	draft := *c
	result := domain.ResultGood
	switch x := g.rng.Float64(); {
	case x < 0.15:
		result = domain.ResultExcellent
	case x < 0.3:
		result = domain.ResultFair
	case x < 0.34:
		result = domain.ResultPoor
	}
	c.OverallResult = &result
	c.Strengths = "Cơ quan đã quan tâm chỉ đạo, triển khai các nhiệm vụ cải cách hành chính theo kế hoạch của tỉnh."
	c.Limitations, c.Causes, c.Requests = "", "", ""
	for i, sc := range r.shortcomings {
		c.Limitations += fmt.Sprintf("- %s.\n", sc.Description)
		c.Causes += fmt.Sprintf("- %s.\n", sc.Cause)
		c.Requests += fmt.Sprintf("%d. Khắc phục: %s.\n", i+1, sc.Description)
	}
	c.DocumentNo = fmt.Sprintf("%d/TB-SNV", g.between(10, 400))
	c.SignerName, c.SignerTitle, c.SignPrefix = r.lead.FullName, r.lead.Title, "KT."
	c.Recipients = []string{"Như trên;", "UBND tỉnh (b/c);", "Giám đốc Sở Nội vụ (b/c);", "Lưu: VT, CCHC."}
	submitted := g.at(visited.AddDays(g.between(5, 12)))
	g.write2(c, &draft, submitted.Add(-time.Hour), lead)
	before := *c
	c.Status, c.SubmittedBy, c.SubmittedAt = domain.ConclusionSubmitted, &lead, &submitted
	g.write2(c, &before, submitted, lead)
	g.move(r, submitted, lead, domain.VisitSubmitted)
	leader := w.leaders[g.intn(len(w.leaders))].ID
	reviewed := submitted.Add(time.Duration(g.between(24, 120)) * time.Hour)
	if st == domain.VisitReturned || (st != domain.VisitSubmitted && g.chance(0.1)) {
		before = *c
		c.Status, c.ReviewedBy, c.ReviewedAt, c.ReviewNote = domain.ConclusionReturned, &leader, &reviewed, "Đề nghị bổ sung nguyên nhân của các tồn tại, hạn chế."
		g.write2(c, &before, reviewed, leader)
		g.move(r, reviewed, leader, domain.VisitReturned)
		if st == domain.VisitReturned {
			return nil
		}
		submitted = reviewed.Add(time.Duration(g.between(24, 96)) * time.Hour)
		before = *c
		c.Status, c.SubmittedAt = domain.ConclusionSubmitted, &submitted
		g.write2(c, &before, submitted, lead)
		g.move(r, submitted, lead, domain.VisitSubmitted)
		reviewed = submitted.Add(time.Duration(g.between(24, 96)) * time.Hour)
	}
	if st == domain.VisitSubmitted {
		return nil
	}
	// Approval: deadlines, the visit approved, the snapshot frozen.
	approvedOn := domain.DateOf(reviewed)
	before = *c
	c.Status, c.ReviewedBy, c.ReviewedAt, c.IssuedOn = domain.ConclusionApproved, &leader, &reviewed, &approvedOn
	g.write2(c, &before, reviewed, leader)
	due := approvedOn.AddDays(domain.DefaultDueDays)
	for i := range r.actions {
		a := &r.actions[i]
		a.DueOn, a.Version, a.UpdatedAt = &due, a.Version+1, reviewed
		g.record(reviewed, leader, "action", a.ID, "update", map[string]domain.Change{"due_on": {Old: nil, New: a.DueOn}})
	}
	g.move(r, reviewed, leader, domain.VisitApproved)
	if err := g.freeze(r, leader, reviewed); err != nil {
		return err
	}
	if len(r.actions) == 0 {
		g.move(r, reviewed, leader, domain.VisitClosed)
		return nil
	}
	g.remediate(r, st, reviewed)
	return nil
}

// write2 records a conclusion write as the service does: the changed fields.
func (g *generator) write2(c, old *domain.Conclusion, at time.Time, actor int64) {
	changes := domain.Diff(old, c)
	if len(changes) == 0 {
		return
	}
	c.Version++
	c.UpdatedAt = at
	g.record(at, actor, "conclusion", c.ID, "update", changes)
}

// freeze writes the approved snapshot: the visit's records as approved.
func (g *generator) freeze(r *visitRecords, by int64, at time.Time) error {
	c := r.conclusion
	content := domain.SnapshotContent{Conclusion: c, Visit: r.v, Agency: r.agency.Agency, Team: r.team, Findings: r.findings,
		ProcedureStats: r.procedure, StaffingStats: r.staffing, Shortcomings: r.shortcomings, Actions: r.actions,
		ApprovedBy: by, ApprovedAt: at}
	content.Criteria = g.sets[r.v.Year].criteria
	if content.Findings == nil {
		content.Findings = []domain.Finding{}
	}
	if content.Shortcomings == nil {
		content.Shortcomings = []domain.Shortcoming{}
	}
	if content.Actions == nil {
		content.Actions = []domain.Action{}
	}
	for i := range content.Actions {
		content.Actions[i].Derive(domain.DateOf(at))
	}
	b, err := json.Marshal(content)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	snap := &domain.ConclusionSnapshot{ID: g.id(tSnapshots), ConclusionID: c.ID, VisitID: c.VisitID, Content: string(b),
		SHA256: hex.EncodeToString(sum[:]), ApprovedBy: by, ApprovedAt: at}
	g.record(at, by, "conclusion", c.ID, "approve", map[string]domain.Change{"sha256": {New: snap.SHA256}})
	r.snapshot = snap
	return nil
}

// remediate carries the actions of an approved visit to where they stand
// on the as-of day: all verified for a closed visit; for one still
// approved, some not started (overdue when their deadline passed).
func (g *generator) remediate(r *visitRecords, st domain.VisitStatus, approved time.Time) {
	officer := r.agency.officer.ID
	lead := r.lead.ID
	last := approved
	allVerified := true
	for i := range r.actions {
		a := &r.actions[i]
		to := domain.ActionVerified
		if st == domain.VisitApproved {
			switch x := g.rng.Float64(); {
			case x < 0.35:
				to = domain.ActionOpen
			case x < 0.6:
				to = domain.ActionInProgress
			case x < 0.8:
				to = domain.ActionReportedDone
			}
		}
		if st == domain.VisitApproved && i == len(r.actions)-1 && allVerified && to == domain.ActionVerified {
			to = domain.ActionReportedDone // an approved visit still has an action to verify
		}
		if to != domain.ActionVerified {
			allVerified = false
		}
		at := approved
		for _, step := range []domain.ActionStatus{domain.ActionInProgress, domain.ActionReportedDone} {
			if to == domain.ActionOpen || (step == domain.ActionReportedDone && to == domain.ActionInProgress) {
				break
			}
			at = at.Add(time.Duration(g.between(24, 24*20)) * time.Hour)
			s := step
			u := domain.ActionUpdateReport{ID: g.id(tUpdates), ActionID: a.ID, Status: &s, AuthorID: &officer, CreatedAt: at,
				Note: "Đơn vị đã triển khai khắc phục, kèm tài liệu kiểm chứng"}
			if step == domain.ActionReportedDone {
				u.Note = "Đơn vị báo cáo đã hoàn thành khắc phục"
			}
			g.record(at, officer, "action", a.ID, "update", map[string]domain.Change{"status": {Old: a.Status, New: step}})
			g.record(at, officer, "action_update", u.ID, "create", domain.Created(&u))
			a.Status, a.Version, a.UpdatedAt = step, a.Version+1, at
			r.updates = append(r.updates, u)
		}
		if to == domain.ActionVerified {
			at = at.Add(time.Duration(g.between(24, 24*10)) * time.Hour)
			by := lead
			a.Status, a.VerifiedBy, a.VerifiedAt, a.Version, a.UpdatedAt = domain.ActionVerified, &by, &at, a.Version+1, at
			g.record(at, lead, "action", a.ID, string(domain.ActionVerified), map[string]domain.Change{"status": {Old: domain.ActionReportedDone, New: domain.ActionVerified}})
		}
		if at.After(last) {
			last = at
		}
	}
	if st == domain.VisitClosed {
		g.move(r, last, lead, domain.VisitClosed)
	}
}

// write writes a visit's records, its attachments and remembers its
// shortcomings for the agency's next visits.
func (g *generator) write(ctx context.Context, r *visitRecords, w *provinceWorld) error {
	v := &r.v
	if v.UpdatedAt.IsZero() {
		v.UpdatedAt = v.CreatedAt.Add(time.Hour)
	}
	store.FillSearch(v)
	reps, _ := json.Marshal(v.AgencyRepresentatives)
	b := g.buf
	add := func(t *table, row ...any) error { return b.add(ctx, t, row...) }
	if err := add(tVisits, v.ID, v.PlanID, v.AgencyID, v.CriteriaSetID, v.Year, datep(v.ScheduledOn), datep(v.VisitedOn), v.DecisionNo,
		string(v.Kind), v.Location, string(reps), string(v.Status), v.Version, v.CreatedAt, v.UpdatedAt, v.Search); err != nil {
		return err
	}
	for _, m := range r.team {
		if err := add(tTeam, m.ID, m.VisitID, i64p(m.UserID), m.FullName, m.Title, string(m.Role), m.SortOrder); err != nil {
			return err
		}
	}
	for _, f := range r.findings {
		if err := add(tFindings, f.ID, f.VisitID, f.CriterionID, strp(f.Rating), f64p(f.Value), f64p(f.Score), f.Note, f64p(f.SelfScore),
			f.SelfNote, f.Version, f.CreatedAt, f.UpdatedAt); err != nil {
			return err
		}
	}
	if p := r.procedure; p != nil {
		if err := add(tProcedure, p.VisitID, p.ProceduresTotal, p.OnlineFull, p.OnlinePartial, p.OneStopShop, p.InteragencyOneStopShop,
			p.FilesReceived, p.FilesCarriedOver, p.FilesEarly, p.FilesOnTime, p.FilesLate, p.FilesPending, p.FilesOnline, p.ApologyLetters,
			p.Version, p.UpdatedAt); err != nil {
			return err
		}
	}
	if s := r.staffing; s != nil {
		if err := add(tStaffing, s.VisitID, s.DeputiesActual, s.DeputiesMax, s.QuotaAssigned, s.StaffPresent, s.JobPositionsApproved,
			s.Version, s.UpdatedAt); err != nil {
			return err
		}
	}
	for _, sc := range r.shortcomings {
		if err := add(tShortcoming, sc.ID, sc.VisitID, i64p(sc.CriterionID), sc.Description, sc.Cause, string(sc.Severity), i64p(sc.RepeatOfID),
			sc.Version, sc.CreatedAt, sc.UpdatedAt); err != nil {
			return err
		}
	}
	for _, a := range r.actions {
		if err := add(tActions, a.ID, a.ShortcomingID, a.VisitID, a.AgencyID, a.Description, i64p(a.OwnerAgencyID), a.OwnerName, datep(a.DueOn),
			string(a.Status), i64p(a.VerifiedBy), timep(a.VerifiedAt), a.Version, a.CreatedAt, a.UpdatedAt); err != nil {
			return err
		}
	}
	for _, u := range r.updates {
		if err := add(tUpdates, u.ID, u.ActionID, u.Note, strp(u.Status), i64p(u.AuthorID), u.CreatedAt); err != nil {
			return err
		}
	}
	c := &r.conclusion
	recipients, _ := json.Marshal(c.Recipients)
	if err := add(tConclusions, c.ID, c.VisitID, strp(c.OverallResult), c.Strengths, c.Limitations, c.Causes, c.Requests, c.DocumentNo,
		datep(c.IssuedOn), c.SignerName, c.SignerTitle, c.SignPrefix, string(recipients), string(c.Status), i64p(c.SubmittedBy),
		timep(c.SubmittedAt), i64p(c.ReviewedBy), timep(c.ReviewedAt), c.ReviewNote, c.Version, c.CreatedAt, c.UpdatedAt); err != nil {
		return err
	}
	if s := r.snapshot; s != nil {
		if err := add(tSnapshots, s.ID, s.ConclusionID, s.VisitID, s.Content, s.SHA256, s.ApprovedBy, s.ApprovedAt); err != nil {
			return err
		}
	}
	if err := g.attachments(ctx, r); err != nil {
		return err
	}
	g.remember(r)
	return nil
}

// attachments writes the evidence files' records and their (small) bytes:
// the agency's self-report, the signed conclusion, evidence of progress.
func (g *generator) attachments(ctx context.Context, r *visitRecords) error {
	type file struct {
		owner string
		id    int64
		name  string
		by    int64
		at    time.Time
	}
	var files []file
	if r.v.VisitedOn != nil {
		files = append(files, file{"visit", r.v.ID, "bao-cao-tu-kiem-tra.pdf", r.agency.officer.ID, r.v.CreatedAt.Add(240 * time.Hour)})
	}
	if r.conclusion.Status == domain.ConclusionApproved {
		files = append(files, file{"conclusion", r.conclusion.ID, "thong-bao-ket-luan-da-ky.pdf", r.lead.ID, *r.conclusion.ReviewedAt})
	}
	for _, u := range r.updates {
		if g.chance(0.5) {
			files = append(files, file{"action_update", u.ID, "tai-lieu-kiem-chung.pdf", *u.AuthorID, u.CreatedAt})
		}
	}
	for _, f := range files {
		data := fmt.Appendf(nil, "%%PDF-1.4\n%% CCHC %s %d: %s\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n", f.owner, f.id, f.name)
		sum := sha256.Sum256(data)
		id := g.id(tAttachments)
		by := f.by
		att := domain.Attachment{ID: id, OwnerType: f.owner, OwnerID: f.id, FileName: f.name, ContentType: "application/pdf",
			Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), CreatedBy: &by, CreatedAt: f.at}
		g.record(f.at, by, "attachment", id, "create", domain.Created(&att))
		if err := g.buf.add(ctx, tAttachments, att.ID, att.OwnerType, att.OwnerID, att.FileName, att.ContentType, att.Size, att.SHA256,
			by, att.CreatedAt); err != nil {
			return err
		}
		if err := g.buf.add(ctx, tBlobs, id, data); err != nil {
			return err
		}
	}
	return nil
}
