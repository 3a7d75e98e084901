package domain

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// Finding is the team's assessment of one criterion in one visit, with the
// agency's own self-assessment beside it (two-stage scoring).
type Finding struct {
	ID          int64     `json:"id"`
	VisitID     int64     `json:"visit_id"`
	CriterionID int64     `json:"criterion_id"`
	Rating      *Rating   `json:"rating"`
	Value       *float64  `json:"value"`
	Score       *float64  `json:"score"`
	Note        string    `json:"note"`
	SelfScore   *float64  `json:"self_score"`
	SelfNote    string    `json:"self_note"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// TableName names the table of findings.
func (Finding) TableName() string { return "findings" }

// FindingUpdate holds the fields a PATCH may change.
type FindingUpdate struct {
	Rating    Optional[Rating]  `json:"rating" validate:"omitempty,oneof=good fair poor not_applicable"`
	Value     Optional[float64] `json:"value" validate:"omitempty,gte=-1e9,lte=1e9"`
	Score     Optional[float64] `json:"score" validate:"omitempty,gte=0,lte=1000"`
	Note      *string           `json:"note" validate:"omitnil,max=10000"`
	SelfScore Optional[float64] `json:"self_score" validate:"omitempty,gte=0,lte=1000"`
	SelfNote  *string           `json:"self_note" validate:"omitnil,max=10000"`
}

// CheckFinding returns field errors when the finding's value does not fit its
// criterion's measure or a score is above the criterion's maximum.
func CheckFinding(f Finding, c Criterion) error {
	var fs Fields
	if c.Measure == MeasureArea {
		fs.Add("criterion_id", "area_not_assessable")
		return fs.Err()
	}
	for field, v := range map[string]*float64{"value": f.Value, "score": f.Score, "self_score": f.SelfScore} {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			fs.Add(field, "finite")
		}
	}
	if len(fs) > 0 {
		return fs.Err()
	}
	if f.Value != nil {
		v := *f.Value
		switch c.Measure {
		case MeasureYesNo:
			if v != 0 && v != 1 {
				fs.Add("value", "yes_no")
			}
		case MeasurePercent:
			if v < 0 || v > 100 {
				fs.Add("value", "percent")
			}
		case MeasureCount:
			if v < 0 || v != math.Trunc(v) {
				fs.Add("value", "count")
			}
		case MeasureScore:
			if v < 0 {
				fs.Add("value", "gte", "0")
			} else if c.MaxScore != nil && v > *c.MaxScore {
				fs.Add("value", "max_score", formatNumber(*c.MaxScore))
			}
		case MeasureText:
			fs.Add("value", "text_measure")
		}
	}
	checkScore(&fs, "score", f.Score, c.MaxScore)
	checkScore(&fs, "self_score", f.SelfScore, c.MaxScore)
	return fs.Err()
}

func checkScore(fs *Fields, field string, score, max *float64) {
	switch {
	case score == nil:
	case *score < 0:
		fs.Add(field, "gte", "0")
	case max == nil:
		fs.Add(field, "no_max_score")
	case *score > *max:
		fs.Add(field, "max_score", formatNumber(*max))
	}
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func indexed(list string, i int, field string) string {
	return fmt.Sprintf("%s[%d].%s", list, i, field)
}
