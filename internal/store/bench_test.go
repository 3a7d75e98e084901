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
			db := storetest.Open(b, dialect)
			res, err := gen.Run(ctx, db, gen.Options{Scale: gen.Scales["small"], Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
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
					if _, err := svc.AuthenticateToken(ctx, res.Token); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
