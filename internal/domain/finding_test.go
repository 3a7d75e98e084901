package domain_test

import (
	"math"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestCheckFinding(t *testing.T) {
	crit := func(m domain.Measure, max *float64) domain.Criterion {
		return domain.Criterion{ID: 1, Code: "1.1", Measure: m, MaxScore: max}
	}
	var (
		area    = crit(domain.MeasureArea, nil)
		yesNo   = crit(domain.MeasureYesNo, nil)
		percent = crit(domain.MeasurePercent, nil)
		count   = crit(domain.MeasureCount, nil)
		score   = crit(domain.MeasureScore, ptr(10.0))
		halves  = crit(domain.MeasureScore, ptr(2.5))
		noMax   = crit(domain.MeasureScore, nil)
		text    = crit(domain.MeasureText, nil)
	)
	good := ptr(domain.RatingGood)
	cases := []struct {
		name string
		f    domain.Finding
		c    domain.Criterion
		want []domain.FieldError
	}{
		// yes_no takes 0 or 1 only.
		{"yes_no no", domain.Finding{Value: ptr(0.0)}, yesNo, nil},
		{"yes_no yes", domain.Finding{Value: ptr(1.0)}, yesNo, nil},
		{"yes_no rating and note only", domain.Finding{Rating: good, Note: "Đã ban hành kế hoạch"}, yesNo, nil},
		{"yes_no half", domain.Finding{Value: ptr(0.5)}, yesNo, []domain.FieldError{fe("value", "yes_no")}},
		{"yes_no two", domain.Finding{Value: ptr(2.0)}, yesNo, []domain.FieldError{fe("value", "yes_no")}},
		{"yes_no minus one", domain.Finding{Value: ptr(-1.0)}, yesNo, []domain.FieldError{fe("value", "yes_no")}},

		// percent takes 0..100.
		{"percent zero", domain.Finding{Value: ptr(0.0)}, percent, nil},
		{"percent hundred", domain.Finding{Value: ptr(100.0)}, percent, nil},
		{"percent fraction", domain.Finding{Value: ptr(66.67)}, percent, nil},
		{"percent below zero", domain.Finding{Value: ptr(-0.01)}, percent, []domain.FieldError{fe("value", "percent")}},
		{"percent above hundred", domain.Finding{Value: ptr(100.01)}, percent, []domain.FieldError{fe("value", "percent")}},

		// count takes non-negative whole numbers.
		{"count zero", domain.Finding{Value: ptr(0.0)}, count, nil},
		{"count seven", domain.Finding{Value: ptr(7.0)}, count, nil},
		{"count large", domain.Finding{Value: ptr(1e6)}, count, nil},
		{"count negative", domain.Finding{Value: ptr(-1.0)}, count, []domain.FieldError{fe("value", "count")}},
		{"count fraction", domain.Finding{Value: ptr(2.5)}, count, []domain.FieldError{fe("value", "count")}},

		// score values up to max_score.
		{"score value below max", domain.Finding{Value: ptr(8.0)}, score, nil},
		{"score value equal to max", domain.Finding{Value: ptr(10.0)}, score, nil},
		{"score value zero", domain.Finding{Value: ptr(0.0)}, score, nil},
		{"score value above max", domain.Finding{Value: ptr(10.5)}, score, []domain.FieldError{fe("value", "max_score", "10")}},
		{"score value above fractional max", domain.Finding{Value: ptr(3.0)}, halves, []domain.FieldError{fe("value", "max_score", "2.5")}},
		{"score value negative", domain.Finding{Value: ptr(-1.0)}, score, []domain.FieldError{fe("value", "gte", "0")}},

		// text criteria take a note, never a number.
		{"text note only", domain.Finding{Rating: good, Note: "Tuyên truyền đa dạng"}, text, nil},
		{"text with a value", domain.Finding{Value: ptr(1.0)}, text, []domain.FieldError{fe("value", "text_measure")}},
		{"text with a zero value", domain.Finding{Value: ptr(0.0)}, text, []domain.FieldError{fe("value", "text_measure")}},

		// an area is a heading: it takes no finding at all.
		{"area empty finding", domain.Finding{}, area, []domain.FieldError{fe("criterion_id", "area_not_assessable")}},
		{"area with a rating", domain.Finding{Rating: good}, area, []domain.FieldError{fe("criterion_id", "area_not_assessable")}},
		{"area with value and score", domain.Finding{Value: ptr(1.0), Score: ptr(1.0)}, area,
			[]domain.FieldError{fe("criterion_id", "area_not_assessable")}},

		// score and self_score: at most max_score, only where there is one.
		{"score equal to max", domain.Finding{Score: ptr(10.0), SelfScore: ptr(10.0)}, score, nil},
		{"score zero", domain.Finding{Score: ptr(0.0), SelfScore: ptr(0.0)}, score, nil},
		{"fractional score within max", domain.Finding{Score: ptr(2.25), SelfScore: ptr(2.5)}, halves, nil},
		{"score above max", domain.Finding{Score: ptr(10.5)}, score, []domain.FieldError{fe("score", "max_score", "10")}},
		{"self_score above max", domain.Finding{SelfScore: ptr(11.0)}, score, []domain.FieldError{fe("self_score", "max_score", "10")}},
		{"both above max", domain.Finding{Score: ptr(3.0), SelfScore: ptr(2.75)}, halves,
			[]domain.FieldError{fe("score", "max_score", "2.5"), fe("self_score", "max_score", "2.5")}},
		{"score negative", domain.Finding{Score: ptr(-1.0)}, score, []domain.FieldError{fe("score", "gte", "0")}},
		{"self_score negative", domain.Finding{SelfScore: ptr(-0.5)}, score, []domain.FieldError{fe("self_score", "gte", "0")}},
		{"score without a max_score", domain.Finding{Score: ptr(1.0)}, noMax, []domain.FieldError{fe("score", "no_max_score")}},
		{"self_score without a max_score", domain.Finding{SelfScore: ptr(1.0)}, noMax, []domain.FieldError{fe("self_score", "no_max_score")}},
		{"score on a yes_no criterion without max", domain.Finding{Value: ptr(1.0), Score: ptr(1.0)}, yesNo,
			[]domain.FieldError{fe("score", "no_max_score")}},
		{"score on a yes_no criterion with a max", domain.Finding{Value: ptr(1.0), Score: ptr(2.0)}, crit(domain.MeasureYesNo, ptr(2.0)), nil},

		// every broken rule is reported together.
		{"bad value, score and self_score", domain.Finding{Value: ptr(2.0), Score: ptr(5.0), SelfScore: ptr(-1.0)}, crit(domain.MeasureYesNo, ptr(2.0)),
			[]domain.FieldError{fe("value", "yes_no"), fe("score", "max_score", "2"), fe("self_score", "gte", "0")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertFields(t, domain.CheckFinding(c.f, c.c), c.want...)
		})
	}
}

// A form may send "NaN" or "Inf", which ParseFloat accepts: such numbers
// are refused before any comparison (they compare false to every limit).
func TestCheckFindingRefusesNonFiniteNumbers(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	percent := domain.Criterion{ID: 1, Measure: domain.MeasurePercent, MaxScore: ptr(10.0)}
	count := domain.Criterion{ID: 2, Measure: domain.MeasureCount}
	cases := []struct {
		name string
		f    domain.Finding
		c    domain.Criterion
		want []domain.FieldError
	}{
		{"NaN percent", domain.Finding{Value: &nan}, percent, []domain.FieldError{{Field: "value", Code: "finite"}}},
		{"Inf count", domain.Finding{Value: &inf}, count, []domain.FieldError{{Field: "value", Code: "finite"}}},
		{"NaN score and self score", domain.Finding{Score: &nan, SelfScore: &inf}, percent,
			[]domain.FieldError{{Field: "score", Code: "finite"}, {Field: "self_score", Code: "finite"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assertFields(t, domain.CheckFinding(c.f, c.c), c.want...) })
	}
}
