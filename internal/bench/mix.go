package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/search"
	"github.com/cchc-inspect/cchc/internal/store"
)

// The endpoints of the mix, by name.
const (
	GetVisit     = "GET /visits/{id}"
	ListFindings = "GET /visits/{id}/findings"
	ListVisits   = "GET /visits?filters&q"
	Dashboard    = "GET /reports/dashboard"
	CreateFind   = "POST /visits/{id}/findings"
	UpdateFind   = "PATCH /findings/{id}"
	PostUpdate   = "POST /actions/{id}/updates"
)

// MixNames lists the endpoints of the mix in the order they are reported.
var MixNames = []string{GetVisit, ListFindings, ListVisits, Dashboard, CreateFind, UpdateFind, PostUpdate}

// Mix holds what the mix's requests are made of, read from the database
// the servers use: ids of visits, findings and actions, and the filters
// of the lists. Write endpoints are refreshed by Prepare before each run.
type Mix struct {
	db        *store.DB
	years     []int
	visits    []int64
	assessed  []int64
	agencies  []int64
	plans     []int64
	words     []string
	actions   []int64
	mu        sync.Mutex
	slots     []slot
	next      atomic.Int64
	findings  []editable
	watermark int64
}

type slot struct {
	visit, criterion int64
	measure          domain.Measure
	max              *float64
}

// editable is a finding that PATCH may change, with the version it has.
type editable struct {
	id      int64
	version int
	max     *float64
}

// NewMix reads the targets of the requests from db.
func NewMix(ctx context.Context, db *store.DB) (*Mix, error) {
	m := &Mix{db: db}
	g := db.Gorm.WithContext(ctx)
	steps := []struct {
		q   string
		dst any
	}{
		{"SELECT DISTINCT year FROM visits ORDER BY year", &m.years},
		{"SELECT id FROM visits ORDER BY id", &m.visits},
		{"SELECT id FROM visits WHERE status NOT IN ('planned', 'cancelled') ORDER BY id", &m.assessed},
		{"SELECT id FROM agencies ORDER BY id", &m.agencies},
		{"SELECT id FROM plans ORDER BY id", &m.plans},
		{"SELECT a.id FROM actions a JOIN visits v ON v.id = a.visit_id WHERE v.status = 'approved' ORDER BY a.id", &m.actions},
	}
	for _, s := range steps {
		if err := g.Raw(s.q).Scan(s.dst).Error; err != nil {
			return nil, fmt.Errorf("bench: read targets: %w", err)
		}
	}
	if len(m.visits) == 0 {
		return nil, fmt.Errorf("bench: the database has no visits: fill it first with cchc gen")
	}
	// Search words: two words of agency names, as someone looking for an agency types them.
	var names []string
	if err := g.Raw("SELECT name FROM agencies ORDER BY id LIMIT 400").Scan(&names).Error; err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, n := range names {
		f := strings.Fields(search.Fold(n))
		if len(f) >= 3 {
			w := f[len(f)-2] + " " + f[len(f)-1]
			if !seen[w] {
				seen[w] = true
				m.words = append(m.words, w)
			}
		}
	}
	return m, nil
}

// Endpoints returns the mix.
func (m *Mix) Endpoints() []Endpoint {
	return []Endpoint{
		{Name: GetVisit, Next: func(w *Worker) Request {
			return Request{Method: "GET", Path: fmt.Sprintf("/api/v1/visits/%d", pick(w, m.visits))}
		}},
		{Name: ListFindings, Next: func(w *Worker) Request {
			return Request{Method: "GET", Path: fmt.Sprintf("/api/v1/visits/%d/findings", pick(w, m.assessed))}
		}},
		{Name: ListVisits, Next: func(w *Worker) Request { return Request{Method: "GET", Path: "/api/v1/visits?" + m.visitFilter(w)} }},
		{Name: Dashboard, Next: func(w *Worker) Request {
			return Request{Method: "GET", Path: fmt.Sprintf("/api/v1/reports/dashboard?year=%d", pick(w, m.years))}
		}},
		{Name: CreateFind, Write: true, Next: m.createFinding},
		{Name: UpdateFind, Write: true, Next: m.updateFinding},
		{Name: PostUpdate, Write: true, Next: func(w *Worker) Request {
			body, _ := json.Marshal(map[string]any{"note": fmt.Sprintf("Đơn vị báo cáo tiến độ khắc phục (lần %d)", w.Rand.IntN(1000))})
			return Request{Method: "POST", Path: fmt.Sprintf("/api/v1/actions/%d/updates", pick(w, m.actions)), Body: body}
		}},
	}
}

func pick[T any](w *Worker, xs []T) T { return xs[w.Rand.IntN(len(xs))] }

// visitFilter is one of the list's typical queries: a year and a state, a
// year and a search, an agency's visits, a plan's visits in a state, a
// search alone, a later page.
func (m *Mix) visitFilter(w *Worker) string {
	q := url.Values{}
	status := pick(w, domain.VisitStatuses)
	switch w.Rand.IntN(6) {
	case 0:
		q.Set("year", fmt.Sprint(pick(w, m.years)))
		q.Set("status", string(status))
	case 1:
		q.Set("year", fmt.Sprint(pick(w, m.years)))
		q.Set("q", pick(w, m.words))
	case 2:
		q.Set("agency_id", fmt.Sprint(pick(w, m.agencies)))
	case 3:
		q.Set("plan_id", fmt.Sprint(pick(w, m.plans)))
		q.Set("status", string(status))
	case 4:
		q.Set("q", pick(w, m.words))
	default:
		q.Set("status", string(status))
		q.Set("page", "2")
	}
	return q.Encode()
}

// Prepare reads the current state that an endpoint's writes start from.
func (m *Mix) Prepare(ctx context.Context, name string) error {
	g := m.db.Gorm.WithContext(ctx)
	m.mu.Lock()
	defer m.mu.Unlock()
	switch name {
	case CreateFind:
		// Criteria of open visits that have no finding yet, spread over the visits.
		type row struct {
			VisitID, CriterionID int64
			Measure              domain.Measure
			MaxScore             *float64
		}
		var rows []row
		err := g.Raw(`SELECT v.id AS visit_id, c.id AS criterion_id, c.measure, c.max_score
			FROM visits v JOIN criteria c ON c.criteria_set_id = v.criteria_set_id
			WHERE v.status IN ('in_progress', 'returned') AND c.measure <> 'area'
			AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.visit_id = v.id AND f.criterion_id = c.id)
			ORDER BY c.sort_order, v.id LIMIT 200000`).Scan(&rows).Error
		if err != nil {
			return err
		}
		m.slots = m.slots[:0]
		for _, r := range rows {
			m.slots = append(m.slots, slot{r.VisitID, r.CriterionID, r.Measure, r.MaxScore})
		}
		m.next.Store(0)
		if err := g.Raw("SELECT COALESCE(MAX(id), 0) FROM findings").Scan(&m.watermark).Error; err != nil {
			return err
		}
	case UpdateFind:
		type row struct {
			ID       int64
			Version  int
			MaxScore *float64
		}
		var rows []row
		err := g.Raw(`SELECT f.id, f.version, c.max_score FROM findings f
			JOIN visits v ON v.id = f.visit_id JOIN criteria c ON c.id = f.criterion_id
			WHERE v.status IN ('in_progress', 'returned') ORDER BY f.id LIMIT 50000`).Scan(&rows).Error
		if err != nil {
			return err
		}
		m.findings = m.findings[:0]
		for _, r := range rows {
			m.findings = append(m.findings, editable{r.ID, r.Version, r.MaxScore})
		}
	}
	return nil
}

// Cleanup removes the findings a run created, so that every run (of
// either server) starts from the same data.
func (m *Mix) Cleanup(ctx context.Context, name string) error {
	if name != CreateFind {
		return nil
	}
	return m.db.Gorm.WithContext(ctx).Exec("DELETE FROM findings WHERE id > ?", m.watermark).Error
}

// createFinding records a finding on a criterion the visit has none for;
// each slot is used once per run.
func (m *Mix) createFinding(w *Worker) Request {
	i := int(m.next.Add(1) - 1)
	if i >= len(m.slots) {
		return Request{Stop: fmt.Sprintf("stopped after %d findings: no criterion of an open visit left without one", len(m.slots))}
	}
	s := m.slots[i]
	rating := pick(w, []domain.Rating{domain.RatingGood, domain.RatingGood, domain.RatingFair, domain.RatingPoor})
	body := map[string]any{"criterion_id": s.criterion, "rating": rating, "note": "Đoàn kiểm tra ghi nhận qua hồ sơ, tài liệu"}
	if v := valueFor(w, s.measure, s.max); v != nil {
		body["value"] = *v
	}
	if s.max != nil {
		body["score"] = float64(w.Rand.IntN(int(*s.max*100)+1)) / 100
	}
	b, _ := json.Marshal(body)
	return Request{Method: "POST", Path: fmt.Sprintf("/api/v1/visits/%d/findings", s.visit), Body: b}
}

func valueFor(w *Worker, m domain.Measure, max *float64) *float64 {
	var v float64
	switch m {
	case domain.MeasureYesNo:
		v = float64(w.Rand.IntN(2))
	case domain.MeasurePercent:
		v = float64(w.Rand.IntN(1001)) / 10
	case domain.MeasureCount:
		v = float64(w.Rand.IntN(50))
	case domain.MeasureScore:
		if max == nil {
			return nil
		}
		v = float64(w.Rand.IntN(int(*max*100)+1)) / 100
	default:
		return nil
	}
	return &v
}

// updateFinding changes the note and score of one of the worker's own
// findings (worker i takes every n-th one, so no two workers collide) at
// the version it last saw.
func (m *Mix) updateFinding(w *Worker) Request {
	m.mu.Lock()
	n := len(m.findings)
	m.mu.Unlock()
	if n == 0 {
		return Request{Method: "PATCH", Path: "/api/v1/findings/0", Body: []byte(`{"version": 1}`)}
	}
	// Worker w of n owns indexes w.N, w.N+Of, …: pick one of them. With
	// fewer findings than workers, workers share (and conflicts answer 409).
	k := w.N % n
	if w.N < n {
		k = w.N + w.Of*w.Rand.IntN((n-w.N+w.Of-1)/w.Of)
	}
	f := &m.findings[k]
	body := map[string]any{"version": f.version, "note": fmt.Sprintf("Đã đối chiếu hồ sơ lần %d", w.Rand.IntN(100000))}
	if f.max != nil {
		body["score"] = float64(w.Rand.IntN(int(*f.max*100)+1)) / 100
	}
	b, _ := json.Marshal(body)
	return Request{Method: "PATCH", Path: fmt.Sprintf("/api/v1/findings/%d", f.id), Body: b, Done: func(status int, answer []byte) {
		var got struct{ Version int }
		if status == 200 && json.Unmarshal(answer, &got) == nil {
			f.version = got.Version
		}
	}}
}
