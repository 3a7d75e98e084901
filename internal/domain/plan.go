package domain

import "time"

// Plan is the province's annual inspection plan (Kế hoạch kiểm tra CCHC năm).
type Plan struct {
	ID         int64      `json:"id"`
	Year       int        `json:"year"`
	Title      string     `json:"title"`
	DecisionNo string     `json:"decision_no"`
	IssuedOn   *Date      `json:"issued_on"`
	IssuedBy   string     `json:"issued_by"`
	Status     PlanStatus `json:"status"`
	Version    int        `json:"version"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	Search     string     `json:"-"`
}

// TableName names the table of plans.
func (Plan) TableName() string { return "plans" }

// PlanFilter selects plans in a list.
type PlanFilter struct {
	Year   *int
	Status *PlanStatus
	Q      string
	Page
}

// PlanUpdate holds the fields a PATCH may change.
type PlanUpdate struct {
	Year       *int           `json:"year" validate:"omitnil,gte=2000,lte=2100"`
	Title      *string        `json:"title" validate:"omitnil,min=1,max=500"`
	DecisionNo *string        `json:"decision_no" validate:"omitnil,max=100"`
	IssuedOn   Optional[Date] `json:"issued_on"`
	IssuedBy   *string        `json:"issued_by" validate:"omitnil,max=300"`
	Status     *PlanStatus    `json:"status" validate:"omitnil,oneof=draft issued"`
}
