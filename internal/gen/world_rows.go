package gen

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// criteriaSets writes one criteria set per year, each with the catalog.
func (g *generator) criteriaSets(ctx context.Context, first domain.Date) error {
	for _, y := range g.years {
		created := time.Date(y, time.January, 5, 2, 0, 0, 0, time.UTC)
		if y == g.years[0] {
			created = first.Time().Add(time.Hour)
		}
		cs := &criteriaSet{set: domain.CriteriaSet{ID: g.id(tSets), Year: y, Name: fmt.Sprintf("Bộ chỉ số CCHC năm %d", y),
			Description: "Bộ tiêu chí kiểm tra công tác cải cách hành chính của tỉnh", Version: 1, CreatedAt: created, UpdatedAt: created},
			byCode: map[string]domain.Criterion{}}
		if prev := g.sets[y-1]; prev != nil {
			cs.set.CopiedFromID = &prev.set.ID
		}
		s := cs.set
		if err := g.buf.add(ctx, tSets, s.ID, s.Year, s.Name, string(s.Scope), s.Description, i64p(s.CopiedFromID), s.Version, s.CreatedAt, s.UpdatedAt); err != nil {
			return err
		}
		for i, spec := range catalog {
			c := domain.Criterion{ID: g.id(tCriteria), CriteriaSetID: s.ID, Code: spec.Code, Title: spec.Title, Measure: spec.Measure,
				SortOrder: (i + 1) * 10, Version: 1, CreatedAt: created, UpdatedAt: created}
			area := spec.Code[:1]
			c.Area = catalog[slices.IndexFunc(catalog, func(x criterionSpec) bool { return x.Code == area })].Title
			if spec.Parent != "" {
				id := cs.byCode[spec.Parent].ID
				c.ParentID = &id
			}
			if spec.Measure != domain.MeasureArea && spec.Measure != domain.MeasureText {
				m := spec.MaxScore
				c.MaxScore = &m
			}
			cs.criteria = append(cs.criteria, c)
			cs.byCode[c.Code] = c
			if c.Measure != domain.MeasureArea {
				cs.assessable = append(cs.assessable, c)
			}
			if err := g.buf.add(ctx, tCriteria, c.ID, c.CriteriaSetID, i64p(c.ParentID), c.Code, c.Area, c.Title, string(c.Measure),
				f64p(c.MaxScore), c.SortOrder, c.Version, c.CreatedAt, c.UpdatedAt); err != nil {
				return err
			}
		}
		g.sets[y] = cs
	}
	return nil
}

// province writes a province's agencies and users.
func (g *generator) province(ctx context.Context, p province, first domain.Date) (*provinceWorld, error) {
	w := &provinceWorld{p: p}
	created := g.at(first)
	byCode := map[string]*agency{}
	add := func(a *agency) error {
		a.ID, a.Province, a.Version = g.id(tAgencies), p.Name, 1
		if a.CreatedAt.IsZero() {
			a.CreatedAt = created
		}
		a.UpdatedAt = a.CreatedAt
		store.FillSearch(&a.Agency)
		w.agencies = append(w.agencies, a)
		byCode[a.Code] = a
		g.record(a.CreatedAt, 0, "agency", a.ID, "create", domain.Created(&a.Agency))
		return g.buf.add(ctx, tAgencies, a.ID, a.Code, a.Name, string(a.Kind), i64p(a.ParentID), a.Province, a.Active,
			i64p(a.SuccessorID), a.Version, a.CreatedAt, a.UpdatedAt, a.Search)
	}
	for i := range departments {
		d := &departments[i]
		name := d.Name + " tỉnh " + p.Name
		if d.Code == "VP" {
			name = "Văn phòng UBND tỉnh " + p.Name
		}
		a := &agency{Agency: domain.Agency{Code: p.Code + "-" + d.Code, Name: name, Kind: domain.KindDepartment, Active: d.MergedInto == ""}, dept: d}
		if d.NewIn != 0 {
			a.CreatedAt = g.at(domain.NewDate(d.NewIn, time.March, 1))
		}
		if d.MergedInto != "" {
			a.SuccessorID = &byCode[p.Code+"-"+d.MergedInto].ID
		}
		if err := add(a); err != nil {
			return nil, err
		}
	}
	var districts []*agency
	for i := 0; i < 10; i++ {
		kind := "huyện"
		if i == 0 {
			kind = "thành phố"
		}
		a := &agency{Agency: domain.Agency{Code: fmt.Sprintf("%s-H%02d", p.Code, i+1),
			Name: fmt.Sprintf("UBND %s %s %s", kind, pick(g, placeWords), pick(g, placeWords)), Kind: domain.KindDistrict}}
		if err := add(a); err != nil {
			return nil, err
		}
		districts = append(districts, a)
	}
	for i := 0; i < 100-len(departments)-len(districts); i++ {
		kind := "xã"
		if i%4 == 0 {
			kind = "phường"
		}
		parent := districts[i%len(districts)].ID
		a := &agency{Agency: domain.Agency{Code: fmt.Sprintf("%s-X%03d", p.Code, i+1),
			Name: fmt.Sprintf("UBND %s %s %s", kind, pick(g, placeWords), pick(g, placeWords)), Kind: domain.KindCommune, ParentID: &parent, Active: true}}
		if err := add(a); err != nil {
			return nil, err
		}
	}
	lower := strings.ToLower(p.Code)
	user := func(username, fullName, title string, role domain.Role, agencyID *int64) (*person, error) {
		u := domain.User{ID: g.id(tUsers), Username: username, FullName: fullName, Title: title, Role: role, AgencyID: agencyID,
			Active: true, PasswordHash: g.pwHash, Version: 1, CreatedAt: created, UpdatedAt: created}
		store.FillSearch(&u)
		g.record(u.CreatedAt, w.admin, "user", u.ID, "create", domain.Created(&u))
		err := g.buf.add(ctx, tUsers, u.ID, u.Username, u.FullName, u.Title, string(u.Role), i64p(u.AgencyID), u.Active, u.PasswordHash,
			u.Version, u.CreatedAt, u.UpdatedAt, u.Search)
		return &person{ID: u.ID, FullName: u.FullName, Title: u.Title}, err
	}
	snv := &byCode[p.Code+"-SNV"].ID
	admin, err := user(lower+".admin", "Quản trị hệ thống tỉnh "+p.Name, "Quản trị viên", domain.RoleAdmin, nil)
	if err != nil {
		return nil, err
	}
	w.admin = admin.ID
	for i, title := range []string{"Giám đốc Sở Nội vụ", "Phó Giám đốc Sở Nội vụ"} {
		l, err := user(fmt.Sprintf("%s.lanhdao%d", lower, i+1), g.personName(), title, domain.RoleLeader, snv)
		if err != nil {
			return nil, err
		}
		w.leaders = append(w.leaders, l)
	}
	for i := 0; i < 12; i++ {
		title := "Chuyên viên Sở Nội vụ"
		if i < 2 {
			title = "Phó Giám đốc Sở Nội vụ"
		} else if i < 4 {
			title = "Trưởng phòng Cải cách hành chính, Sở Nội vụ"
		}
		in, err := user(fmt.Sprintf("%s.tt%02d", lower, i+1), g.personName(), title, domain.RoleInspector, snv)
		if err != nil {
			return nil, err
		}
		w.inspectors = append(w.inspectors, in)
	}
	for _, a := range w.agencies {
		title := "Chánh Văn phòng " + a.Name
		if a.Kind == domain.KindCommune {
			title = "Công chức Văn phòng - Thống kê, " + a.Name
		}
		o, err := user(strings.ToLower(a.Code), g.personName(), title, domain.RoleAgencyOfficer, &a.ID)
		if err != nil {
			return nil, err
		}
		a.officer = o
	}
	return w, nil
}

// benchUser writes the administrator of the load benchmark and its token.
func (g *generator) benchUser(ctx context.Context, first domain.Date) error {
	created := first.Time().Add(time.Hour)
	u := domain.User{ID: g.id(tUsers), Username: BenchUser, FullName: "Tài khoản đo tải", Title: "Quản trị viên", Role: domain.RoleAdmin,
		Active: true, PasswordHash: g.pwHash, Version: 1, CreatedAt: created, UpdatedAt: created}
	store.FillSearch(&u)
	g.record(created, 0, "user", u.ID, "create", domain.Created(&u))
	if err := g.buf.add(ctx, tUsers, u.ID, u.Username, u.FullName, u.Title, string(u.Role), nil, u.Active, u.PasswordHash,
		u.Version, u.CreatedAt, u.UpdatedAt, u.Search); err != nil {
		return err
	}
	t := domain.APIToken{ID: g.id(tTokens), UserID: u.ID, Name: "cchc gen", TokenHash: g.tokenHash, CreatedAt: created}
	g.record(created, u.ID, "api_token", t.ID, "create", domain.Created(&t))
	return g.buf.add(ctx, tTokens, t.ID, t.UserID, t.Name, t.TokenHash, t.CreatedAt, nil, nil)
}
