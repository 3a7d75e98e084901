package domain_test

import (
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// BenchmarkCheckFinding measures the check of a finding against its
// criterion, which every write of a finding makes:
//
//	go test ./internal/domain -run '^$' -bench CheckFinding -count 10
func BenchmarkCheckFinding(b *testing.B) {
	max, value, score := 2.0, 87.5, 1.5
	rating := domain.RatingGood
	f := domain.Finding{Rating: &rating, Value: &value, Score: &score, SelfScore: &score}
	for _, m := range []domain.Measure{domain.MeasurePercent, domain.MeasureScore} {
		c := domain.Criterion{Measure: m, MaxScore: &max}
		b.Run(string(m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if m == domain.MeasurePercent {
					if err := domain.CheckFinding(f, c); err != nil {
						b.Fatal(err)
					}
				} else {
					domain.CheckFinding(f, c) // 87.5 is above the maximum: the error path
				}
			}
		})
	}
}
