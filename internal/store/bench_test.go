package store_test

import (
	"context"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/gen"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// BenchmarkVisitDetail measures the assembly of a visit's page (the
// visit, then its agency, figures, counts and team), the first page of its
// findings and the API token check that comes before both, on the small generated data set, on every database of
// storetest.Dialects. Compare runs with benchstat:
//
//	go test ./internal/store -run '^$' -bench VisitDetail -count 10 > new.txt
//	benchstat old.txt new.txt
func BenchmarkVisitDetail(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(dialect, func(b *testing.B) {
			ctx := context.Background()
			db, token := smallSet(b, dialect)
			st := store.New(db)
			var id int64
			if err := db.Gorm.Raw("SELECT MIN(id) FROM visits WHERE status = 'approved'").Scan(&id).Error; err != nil {
				b.Fatal(err)
			}
			b.Run("detail", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := st.VisitDetail(ctx, id); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("findings", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := st.Findings(ctx, id, domain.Page{}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("token", func(b *testing.B) {
				svc := service.New(st, nil)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := svc.AuthenticateToken(ctx, token); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkFindingWrites measures the writes of the API's finding
// endpoints through the service, as the handlers call them: an update of a
// finding (load, checks, the changed columns, the audit event, in one
// transaction), and a new finding removed again (two such transactions),
// on an open visit of the small generated data set, on every database of
// storetest.Dialects:
//
//	go test ./internal/store -run '^$' -bench FindingWrites -count 10 > new.txt
//	benchstat old.txt new.txt
func BenchmarkFindingWrites(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(dialect, func(b *testing.B) {
			ctx := context.Background()
			db, token := smallSet(b, dialect)
			svc := service.New(store.New(db), nil)
			admin, err := svc.AuthenticateToken(ctx, token)
			if err != nil {
				b.Fatal(err)
			}
			a := service.Actor{User: admin, RequestID: "bench"}
			var f domain.Finding
			if err := db.Gorm.Raw(`SELECT findings.* FROM findings JOIN visits ON visits.id = findings.visit_id
				WHERE visits.status = 'in_progress' ORDER BY findings.id LIMIT 1`).Scan(&f).Error; err != nil || f.ID == 0 {
				b.Fatalf("no finding of an open visit: %v", err)
			}
			var free int64 // a criterion of the same visit's set without a finding
			if err := db.Gorm.Raw(`SELECT MIN(criteria.id) FROM criteria JOIN visits ON visits.criteria_set_id = criteria.criteria_set_id
				WHERE visits.id = ? AND criteria.measure <> 'area'
				AND NOT EXISTS (SELECT 1 FROM findings WHERE findings.visit_id = visits.id AND findings.criterion_id = criteria.id)`,
				f.VisitID).Scan(&free).Error; err != nil || free == 0 {
				b.Fatalf("no free criterion: %v", err)
			}
			b.Run("update", func(b *testing.B) {
				notes := [2]string{"Đã bố trí lại Bộ phận Một cửa", "Bộ phận Một cửa bố trí chưa hợp lý"}
				var version, i int // the finding's version now (each run of the benchmark moves it)
				if err := db.Gorm.Raw("SELECT version FROM findings WHERE id = ?", f.ID).Scan(&version).Error; err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				done := storetest.ReportCPU(b)
				for b.Loop() {
					i++
					upd, err := svc.UpdateFinding(ctx, a, f.ID, version, domain.FindingUpdate{Note: &notes[i%2]})
					if err != nil {
						b.Fatal(err)
					}
					version = upd.Version
				}
				done()
			})
			b.Run("create_delete", func(b *testing.B) {
				b.ReportAllocs()
				done := storetest.ReportCPU(b)
				for b.Loop() {
					nf, err := svc.CreateFinding(ctx, a, f.VisitID, service.NewFinding{CriterionID: free, Note: "Chưa có kế hoạch"})
					if err != nil {
						b.Fatal(err)
					}
					if err := svc.DeleteFinding(ctx, a, nf.ID, nf.Version); err != nil {
						b.Fatal(err)
					}
				}
				done()
			})
		})
	}
}

// smallSet opens a database of dialect filled with the small generated data
// set (seed 1) and returns it with the generated administrator's API token.
func smallSet(b *testing.B, dialect string) (*store.DB, string) {
	b.Helper()
	db := storetest.Open(b, dialect)
	res, err := gen.Run(context.Background(), db, gen.Options{Scale: gen.Scales["small"], Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return db, res.Token
}
