package gen_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/gen"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func generate(t testing.TB, db *store.DB, scale string, seed uint64) *gen.Result {
	t.Helper()
	res, err := gen.Run(context.Background(), db, gen.Options{Scale: gen.Scales[scale], Seed: seed})
	if err != nil {
		t.Fatalf("gen %s: %v", scale, err)
	}
	return res
}

// TestSmall generates the small data set on every database and checks that
// the app can use it: the counts, every visit state, overdue actions, the
// audit chain, the token, and new records after the generated ones.
func TestSmall(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		res := generate(t, db, "small", 7)
		count := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := db.Gorm.WithContext(ctx).Raw(q, args...).Scan(&n).Error; err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}
		for table, n := range res.Rows {
			if got := count("SELECT COUNT(*) FROM " + table); int64(got) != n {
				t.Errorf("%s: %d rows in the database, %d reported", table, got, n)
			}
		}
		if v := count("SELECT COUNT(*) FROM visits"); v < 80 || v > 110 {
			t.Errorf("%d visits; want about 85 (one province, one year)", v)
		}
		if f, v := count("SELECT COUNT(*) FROM findings"), count("SELECT COUNT(*) FROM visits"); f < 15*v {
			t.Errorf("%d findings for %d visits: want about 20 a visit", f, v)
		}
		for _, st := range domain.VisitStatuses {
			if count("SELECT COUNT(*) FROM visits WHERE status = ?", st) == 0 {
				t.Errorf("no visit is %s", st)
			}
		}
		for _, st := range domain.ActionStatuses {
			if count("SELECT COUNT(*) FROM actions WHERE status = ?", st) == 0 {
				t.Errorf("no action is %s", st)
			}
		}
		if count("SELECT COUNT(*) FROM actions WHERE status IN ('open', 'in_progress') AND due_on < ?", gen.DefaultAsOf) == 0 {
			t.Error("no action is overdue")
		}
		if n := count("SELECT COUNT(*) FROM conclusion_snapshots"); n != count("SELECT COUNT(*) FROM visits WHERE status IN ('approved', 'closed')") {
			t.Errorf("%d snapshots: want one per approved or closed visit", n)
		}
		// The audit chain verifies, as `cchc audit verify` checks it.
		st := store.New(db)
		n, broken, err := st.VerifyAudit(ctx)
		if err != nil || broken != nil || int64(n) != res.Rows["audit_events"] {
			t.Fatalf("audit chain: %d events checked, broken %+v, err %v", n, broken, err)
		}
		// The printed token signs in as the bench administrator.
		svc := service.New(st, nil)
		u, err := svc.AuthenticateToken(ctx, res.Token)
		if err != nil || u.Username != gen.BenchUser || u.Role != domain.RoleAdmin {
			t.Fatalf("token: %+v, %v", u, err)
		}
		// The app reads what was generated and adds records after it.
		a := service.Actor{User: u}
		var visitID int64
		if err := db.Gorm.Raw("SELECT MIN(id) FROM visits WHERE status = 'approved'").Scan(&visitID).Error; err != nil {
			t.Fatal(err)
		}
		d, err := svc.Visit(ctx, a, visitID)
		if err != nil || d.Agency == nil || len(d.Team) == 0 || d.Counts.Findings == 0 || d.ProcedureStats == nil {
			t.Fatalf("visit %d: %+v, %v", visitID, d, err)
		}
		c, err := svc.Conclusion(ctx, a, visitID)
		if err != nil || c.Snapshot == nil || !c.Snapshot.Verified {
			t.Fatalf("conclusion of visit %d: %+v, %v", visitID, c, err)
		}
		plan, err := svc.CreatePlan(ctx, a, service.NewPlan{Year: 2026, Title: "Kế hoạch kiểm tra bổ sung năm 2026"})
		if err != nil {
			t.Fatalf("create a plan after the generated ones: %v", err)
		}
		if int64(count("SELECT MAX(id) FROM plans")) != plan.ID || plan.ID <= res.Rows["plans"] {
			t.Errorf("new plan got id %d", plan.ID)
		}
		if _, broken, err := st.VerifyAudit(ctx); err != nil || broken != nil {
			t.Fatalf("audit chain after a write: %+v, %v", broken, err)
		}
		// A second run refuses to mix with existing data.
		if _, err := gen.Run(ctx, db, gen.Options{Scale: gen.Scales["small"], Seed: 7}); !errors.Is(err, gen.ErrNotEmpty) {
			t.Fatalf("second run: %v, want ErrNotEmpty", err)
		}
	})
}

// TestDeterministic checks that a seed gives the same rows (but for the
// random password hash and token) and another seed other rows.
func TestDeterministic(t *testing.T) {
	digest := func(seed uint64) string {
		db := storetest.Open(t, store.SQLite)
		generate(t, db, "small", seed)
		return tablesDigest(t, db)
	}
	a, b, c := digest(42), digest(42), digest(43)
	if a != b {
		t.Errorf("seed 42 twice: different data (%s, %s)", a, b)
	}
	if a == c {
		t.Error("seeds 42 and 43 gave the same data")
	}
}

// tablesDigest hashes every generated table's rows, leaving out the
// random credentials.
func tablesDigest(t testing.TB, db *store.DB) string {
	t.Helper()
	h := sha256.New()
	for _, table := range []string{"agencies", "users", "api_tokens", "criteria_sets", "criteria", "plans", "visits", "team_members",
		"findings", "procedure_stats", "staffing_stats", "shortcomings", "actions", "action_updates", "conclusions",
		"conclusion_snapshots", "attachments", "attachment_blobs", "audit_events"} {
		rows, err := db.SQL.Query("SELECT * FROM " + table + " ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, c := range cols {
				if c == "password_hash" || c == "token_hash" {
					continue // random credentials
				}
				fmt.Fprintf(h, "%v|", vals[i])
			}
			h.Write([]byte{'\n'})
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestRepeatsOverYears generates one province over ten years: shortcomings
// repeat earlier ones of the same agency, merged agencies stop being
// inspected, and the chain still verifies.
func TestRepeatsOverYears(t *testing.T) {
	if testing.Short() {
		t.Skip("ten years of one province: skipped with -short")
	}
	db := storetest.Open(t, store.SQLite)
	res := generate(t, db, "province", 1)
	var repeats, wrong, lateDistricts int
	db.Gorm.Raw("SELECT COUNT(*) FROM shortcomings WHERE repeat_of_id IS NOT NULL").Scan(&repeats)
	db.Gorm.Raw(`SELECT COUNT(*) FROM shortcomings s JOIN shortcomings e ON e.id = s.repeat_of_id
		JOIN visits sv ON sv.id = s.visit_id JOIN visits ev ON ev.id = e.visit_id
		JOIN criteria sc ON sc.id = s.criterion_id JOIN criteria ec ON ec.id = e.criterion_id
		WHERE sv.agency_id <> ev.agency_id OR sc.code <> ec.code OR ev.year >= sv.year`).Scan(&wrong)
	db.Gorm.Raw("SELECT COUNT(*) FROM visits v JOIN agencies a ON a.id = v.agency_id WHERE a.kind = 'district' AND v.year >= 2025").Scan(&lateDistricts)
	if repeats < int(res.Rows["shortcomings"])/10 || wrong != 0 || lateDistricts != 0 {
		t.Errorf("%d repeats of %d shortcomings (%d wrong), %d district visits after 2025", repeats, res.Rows["shortcomings"], wrong, lateDistricts)
	}
	if n, broken, err := store.New(db).VerifyAudit(context.Background()); err != nil || broken != nil {
		t.Fatalf("audit chain: %d checked, %+v, %v", n, broken, err)
	}
	if !strings.HasPrefix(res.Token, service.TokenPrefix) {
		t.Errorf("token %q", res.Token)
	}
}
