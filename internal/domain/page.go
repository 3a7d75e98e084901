package domain

// MaxPerPage is the largest page a list returns.
const MaxPerPage = 200

// DefaultPerPage is the page size when none is asked for.
const DefaultPerPage = 50

// Page selects one page of a list, counted from 1.
type Page struct {
	Page    int
	PerPage int
}

// Normalize fills in defaults and clamps the page size.
func (p Page) Normalize() Page {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PerPage < 1 {
		p.PerPage = DefaultPerPage
	}
	if p.PerPage > MaxPerPage {
		p.PerPage = MaxPerPage
	}
	return p
}

// Offset returns how many rows come before the page.
func (p Page) Offset() int {
	n := p.Normalize()
	return (n.Page - 1) * n.PerPage
}
