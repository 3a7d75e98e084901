package service

import (
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// BenchmarkValidateFinding measures the validation of a new finding's body
// and of a finding's update (the struct tags), which every write of a
// finding runs before it reaches the database:
//
//	go test ./internal/service -run '^$' -bench ValidateFinding -count 10
func BenchmarkValidateFinding(b *testing.B) {
	rating := domain.RatingGood
	value, score := 87.5, 1.5
	note := "Đoàn kiểm tra ghi nhận qua hồ sơ, tài liệu"
	b.Run("new", func(b *testing.B) {
		in := NewFinding{CriterionID: 12, Rating: &rating, Value: &value, Score: &score, Note: note}
		b.ReportAllocs()
		for b.Loop() {
			if err := check(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("update", func(b *testing.B) {
		upd := domain.FindingUpdate{Score: domain.Some(score), Note: &note}
		b.ReportAllocs()
		for b.Loop() {
			if err := check(upd); err != nil {
				b.Fatal(err)
			}
		}
	})
}
