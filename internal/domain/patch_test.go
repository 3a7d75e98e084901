package domain_test

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// sampleAction is an action with every field the updates touch filled in.
func sampleAction() domain.Action {
	return domain.Action{
		ID: 9, ShortcomingID: 4, VisitID: 2, AgencyID: 3,
		Description:   "Xây dựng kế hoạch CCHC sát thực tế",
		OwnerAgencyID: ptr(int64(3)),
		OwnerName:     "Sở Khoa học và Công nghệ",
		DueOn:         ptr(date(2019, 10, 18)),
		Status:        domain.ActionOpen,
		Version:       1,
	}
}

func TestApply(t *testing.T) {
	cases := []struct {
		name   string
		upd    domain.ActionUpdate
		change func(*domain.Action) // what Apply should do to sampleAction
	}{
		{"nothing set leaves everything alone", domain.ActionUpdate{}, func(*domain.Action) {}},
		{"pointer sets a text", domain.ActionUpdate{Description: ptr("Cụ thể hóa số liệu báo cáo")},
			func(a *domain.Action) { a.Description = "Cụ thể hóa số liệu báo cáo" }},
		{"pointer to empty text sets it empty", domain.ActionUpdate{OwnerName: ptr("")},
			func(a *domain.Action) { a.OwnerName = "" }},
		{"pointer sets a status", domain.ActionUpdate{Status: ptr(domain.ActionInProgress)},
			func(a *domain.Action) { a.Status = domain.ActionInProgress }},
		{"optional sets a value", domain.ActionUpdate{OwnerAgencyID: domain.Some[int64](5)},
			func(a *domain.Action) { a.OwnerAgencyID = ptr(int64(5)) }},
		{"optional sets a date", domain.ActionUpdate{DueOn: domain.Some(date(2019, 11, 1))},
			func(a *domain.Action) { a.DueOn = ptr(date(2019, 11, 1)) }},
		{"null optional clears", domain.ActionUpdate{DueOn: domain.Null[domain.Date](), OwnerAgencyID: domain.Null[int64]()},
			func(a *domain.Action) { a.DueOn, a.OwnerAgencyID = nil, nil }},
		{"unset optional with a value is still absent", domain.ActionUpdate{DueOn: domain.Optional[domain.Date]{Value: ptr(date(2000, 1, 1))}},
			func(*domain.Action) {}},
		{"several fields at once", domain.ActionUpdate{Description: ptr("Mới"), OwnerAgencyID: domain.Null[int64](), Status: ptr(domain.ActionReportedDone)},
			func(a *domain.Action) {
				a.Description, a.OwnerAgencyID, a.Status = "Mới", nil, domain.ActionReportedDone
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, want := sampleAction(), sampleAction()
			c.change(&want)
			domain.Apply(&got, c.upd)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("after Apply:\n got %+v\nwant %+v", got, want)
			}
			// The update may be passed by pointer too.
			byPtr := sampleAction()
			domain.Apply(&byPtr, &c.upd)
			if !reflect.DeepEqual(byPtr, want) {
				t.Fatalf("after Apply with *update:\n got %+v\nwant %+v", byPtr, want)
			}
		})
	}
}

func TestApplyFromJSON(t *testing.T) {
	cases := []struct {
		name   string
		body   string
		change func(*domain.Action)
	}{
		{"empty body", `{}`, func(*domain.Action) {}},
		{"absent due_on is kept, null owner is cleared", `{"owner_agency_id":null}`,
			func(a *domain.Action) { a.OwnerAgencyID = nil }},
		{"null due_on clears it", `{"due_on":null,"description":"Khắc phục"}`,
			func(a *domain.Action) { a.DueOn, a.Description = nil, "Khắc phục" }},
		{"new due_on", `{"due_on":"2019-12-31"}`, func(a *domain.Action) { a.DueOn = ptr(date(2019, 12, 31)) }},
		{"unknown JSON fields do nothing", `{"verified_by":7,"overdue":true}`, func(*domain.Action) {}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var upd domain.ActionUpdate
			if err := json.Unmarshal([]byte(c.body), &upd); err != nil {
				t.Fatal(err)
			}
			got, want := sampleAction(), sampleAction()
			c.change(&want)
			domain.Apply(&got, upd)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("after Apply(%s):\n got %+v\nwant %+v", c.body, got, want)
			}
		})
	}
}

func TestApplyOtherEntities(t *testing.T) {
	t.Run("finding scores and rating", func(t *testing.T) {
		f := domain.Finding{Rating: ptr(domain.RatingGood), Value: ptr(1.0), Note: "cũ"}
		domain.Apply(&f, domain.FindingUpdate{Rating: domain.Null[domain.Rating](), Score: domain.Some(1.5), Note: ptr("mới")})
		if f.Rating != nil || f.Value == nil || *f.Value != 1 || f.Score == nil || *f.Score != 1.5 || f.SelfScore != nil || f.Note != "mới" {
			t.Fatalf("finding after Apply = %+v", f)
		}
	})
	t.Run("visit representatives and dates", func(t *testing.T) {
		v := domain.Visit{Kind: domain.VisitOnSite, Location: "Điện Biên Phủ", VisitedOn: ptr(date(2019, 9, 25))}
		reps := []domain.Representative{{FullName: "Lê Văn Quang", Title: "Phó Giám đốc Sở KH&CN"}}
		domain.Apply(&v, domain.VisitUpdate{AgencyRepresentatives: &reps, VisitedOn: domain.Some(date(2019, 9, 26)), ScheduledOn: domain.Null[domain.Date]()})
		if !reflect.DeepEqual(v.AgencyRepresentatives, reps) || v.VisitedOn == nil || *v.VisitedOn != date(2019, 9, 26) ||
			v.ScheduledOn != nil || v.Location != "Điện Biên Phủ" || v.Kind != domain.VisitOnSite {
			t.Fatalf("visit after Apply = %+v", v)
		}
	})
	t.Run("conclusion overall result", func(t *testing.T) {
		c := domain.Conclusion{Strengths: "Tốt"}
		domain.Apply(&c, domain.ConclusionUpdate{OverallResult: domain.Some(domain.ResultGood), Recipients: &[]string{"Như trên", "Lưu: VT"}})
		if c.OverallResult == nil || *c.OverallResult != domain.ResultGood || c.Strengths != "Tốt" ||
			!slices.Equal(c.Recipients, []string{"Như trên", "Lưu: VT"}) {
			t.Fatalf("conclusion after Apply = %+v", c)
		}
	})
	t.Run("fields without a counterpart are ignored", func(t *testing.T) {
		type update struct {
			Description *string
			NoSuchField *string
		}
		a, want := sampleAction(), sampleAction()
		want.Description = "x"
		domain.Apply(&a, update{Description: ptr("x"), NoSuchField: ptr("y")})
		if !reflect.DeepEqual(a, want) {
			t.Fatalf("after Apply = %+v, want %+v", a, want)
		}
	})
}

func TestApplyDoesNotShareTheUpdatesValue(t *testing.T) {
	upd := domain.ActionUpdate{OwnerAgencyID: domain.Some[int64](5), DueOn: domain.Some(date(2019, 11, 1))}
	a := sampleAction()
	domain.Apply(&a, upd)
	*upd.OwnerAgencyID.Value = 6
	*upd.DueOn.Value = date(2030, 1, 1)
	if *a.OwnerAgencyID != 5 || *a.DueOn != date(2019, 11, 1) {
		t.Fatalf("changing the update changed the action: owner %d, due %v", *a.OwnerAgencyID, *a.DueOn)
	}
}

// rawChanges turns a Diff or Created result into old/new JSON text by field.
func rawChanges(t *testing.T, m map[string]domain.Change) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	for k, c := range m {
		text := func(v any) string {
			if v == nil {
				return "<nil>"
			}
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			return string(b)
		}
		out[k] = [2]string{text(c.Old), text(c.New)}
	}
	return out
}

func TestDiff(t *testing.T) {
	now := time.Date(2019, 10, 3, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		change func(*domain.Action)
		want   map[string][2]string
	}{
		{"nothing changed", func(*domain.Action) {}, map[string][2]string{}},
		{"equal pointers to new memory are not a change", func(a *domain.Action) {
			a.DueOn, a.OwnerAgencyID = ptr(*a.DueOn), ptr(*a.OwnerAgencyID)
		}, map[string][2]string{}},
		{"text", func(a *domain.Action) { a.Description = "Mới" },
			map[string][2]string{"description": {`"Xây dựng kế hoạch CCHC sát thực tế"`, `"Mới"`}}},
		{"status", func(a *domain.Action) { a.Status = domain.ActionVerified },
			map[string][2]string{"status": {`"open"`, `"verified"`}}},
		{"date moved", func(a *domain.Action) { a.DueOn = ptr(date(2019, 11, 1)) },
			map[string][2]string{"due_on": {`"2019-10-18"`, `"2019-11-01"`}}},
		{"date cleared", func(a *domain.Action) { a.DueOn = nil },
			map[string][2]string{"due_on": {`"2019-10-18"`, `null`}}},
		{"several", func(a *domain.Action) { a.OwnerName, a.VerifiedBy = "", ptr(int64(7)) },
			map[string][2]string{"owner_name": {`"Sở Khoa học và Công nghệ"`, `""`}, "verified_by": {`null`, `7`}}},
		{"version and timestamps are not tracked", func(a *domain.Action) {
			a.Version, a.CreatedAt, a.UpdatedAt = 2, now, now
		}, map[string][2]string{}},
		{"derived fields (gorm:\"-\") are not tracked", func(a *domain.Action) { a.Overdue, a.DaysOverdue = true, 3 },
			map[string][2]string{}},
		{"a tracked change among untracked ones", func(a *domain.Action) { a.Version, a.Overdue, a.Status = 2, true, domain.ActionInProgress },
			map[string][2]string{"status": {`"open"`, `"in_progress"`}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, upd := sampleAction(), sampleAction()
			c.change(&upd)
			if got := rawChanges(t, domain.Diff(old, upd)); !maps.Equal(got, c.want) {
				t.Fatalf("Diff = %v, want %v", got, c.want)
			}
			if got := rawChanges(t, domain.Diff(&old, &upd)); !maps.Equal(got, c.want) {
				t.Fatalf("Diff of pointers = %v, want %v", got, c.want)
			}
		})
	}
}

// An update copies the record, so its unchanged pointers are the old
// record's own; only what was set anew is a change.
func TestDiffOfACopy(t *testing.T) {
	old := sampleAction()
	upd := old
	if got := rawChanges(t, domain.Diff(&old, &upd)); len(got) != 0 {
		t.Fatalf("Diff of an unchanged copy = %v", got)
	}
	upd.DueOn, upd.Description = ptr(date(2019, 11, 1)), "Mới"
	want := map[string][2]string{"due_on": {`"2019-10-18"`, `"2019-11-01"`},
		"description": {`"Xây dựng kế hoạch CCHC sát thực tế"`, `"Mới"`}}
	if got := rawChanges(t, domain.Diff(&old, &upd)); !maps.Equal(got, want) {
		t.Fatalf("Diff of a changed copy = %v, want %v", got, want)
	}
}

func TestDiffLeavesOutHiddenFields(t *testing.T) {
	cases := []struct {
		name     string
		old, new any
		want     map[string][2]string
	}{
		{"json:\"-\" search text", domain.Visit{Search: "a"}, domain.Visit{Search: "b"}, map[string][2]string{}},
		{"json:\"-\" password hash", domain.User{PasswordHash: "old"}, domain.User{PasswordHash: "new", Title: "Chuyên viên"},
			map[string][2]string{"title": {`""`, `"Chuyên viên"`}}},
		{"gorm:\"-\" rates", domain.ProcedureStats{OnTimeRate: ptr(50.0)}, domain.ProcedureStats{OnTimeRate: ptr(100.0), FilesLate: 0, FilesOnTime: 1},
			map[string][2]string{"files_on_time": {`0`, `1`}}},
		{"gorm:\"-\" snapshot", domain.Conclusion{}, domain.Conclusion{Snapshot: &domain.ConclusionSnapshot{SHA256: "ab"}}, map[string][2]string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := rawChanges(t, domain.Diff(c.old, c.new)); !maps.Equal(got, c.want) {
				t.Fatalf("Diff = %v, want %v", got, c.want)
			}
		})
	}
}

func TestCreated(t *testing.T) {
	a := sampleAction()
	a.CreatedAt = time.Date(2019, 10, 3, 8, 0, 0, 0, time.UTC)
	a.Overdue, a.DaysOverdue = true, 2
	got := rawChanges(t, domain.Created(&a))
	want := map[string][2]string{
		"shortcoming_id":  {"<nil>", `4`},
		"visit_id":        {"<nil>", `2`},
		"agency_id":       {"<nil>", `3`},
		"description":     {"<nil>", `"Xây dựng kế hoạch CCHC sát thực tế"`},
		"owner_agency_id": {"<nil>", `3`},
		"owner_name":      {"<nil>", `"Sở Khoa học và Công nghệ"`},
		"due_on":          {"<nil>", `"2019-10-18"`},
		"status":          {"<nil>", `"open"`},
		"verified_by":     {"<nil>", `null`},
		"verified_at":     {"<nil>", `null`},
	}
	if !maps.Equal(got, want) {
		t.Fatalf("Created = %v\nwant %v", got, want)
	}

	u := domain.User{ID: 1, Username: "tuyen", PasswordHash: "$argon2id$secret", Role: domain.RoleLeader, Search: "tuyen"}
	for k := range domain.Created(u) {
		if k == "password_hash" || k == "PasswordHash" || k == "Search" || k == "search" || k == "id" {
			t.Errorf("Created(user) records %q", k)
		}
	}
}

func TestJSONName(t *testing.T) {
	type sample struct {
		Plain    int
		Named    int `json:"named"`
		Options  int `json:"opt,omitempty"`
		NoName   int `json:",omitempty"`
		Hidden   int `json:"-"`
		Dash     int `json:"-,"`
		internal int
	}
	_ = sample{}.internal
	want := map[string]string{"Plain": "Plain", "Named": "named", "Options": "opt", "NoName": "NoName", "Hidden": "", "Dash": "-", "internal": ""}
	typ := reflect.TypeFor[sample]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if got := domain.JSONName(f); got != want[f.Name] {
			t.Errorf("JSONName(%s) = %q, want %q", f.Name, got, want[f.Name])
		}
	}
}
