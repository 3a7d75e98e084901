package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Charts are drawn on the server as SVG (nothing to load from the
// internet, no script), with presentation attributes only, so that the
// pages' Content-Security-Policy (no inline styles) lets them show. Each
// chart's numbers are also a table and a CSV file.

// ChartKind is how a chart is drawn.
type ChartKind string

// Chart kinds: horizontal bars (one group per label) or lines over the labels.
const (
	KindBars  ChartKind = "bars"
	KindLines ChartKind = "lines"
)

// Chart is a chart and its numbers.
type Chart struct {
	// ID names the chart in URLs and files: "visits-by-status".
	ID    string
	Title string
	Kind  ChartKind
	// LabelHeader heads the labels' column of the table and the CSV.
	LabelHeader string
	Labels      []string
	Series      []Series
	// Unit follows every value ("%" for rates); Max fixes the scale (100
	// for rates), else the largest value sets it.
	Unit string
	Max  float64
}

// Series is one row of values, one per label; nil is unknown (a rate of nothing).
type Series struct {
	Name   string
	Values []*float64
}

// palette are the series' colours, told apart also in grey print.
var palette = []string{"#2f5f98", "#d9822b", "#3c8d5a", "#a23b48", "#6b5b95"}

func val(n int) *float64 {
	f := float64(n)
	return &f
}

// scale is the largest value the chart shows: four grid steps of a round
// size (whole numbers for counts) above the largest value.
func (c Chart) scale() float64 {
	if c.Max > 0 {
		return c.Max
	}
	m := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil && *v > m {
				m = *v
			}
		}
	}
	if m == 0 {
		return 4
	}
	step := niceCeil(m / 4)
	if c.Unit == "" {
		step = math.Ceil(step)
	}
	return 4 * step
}

// niceCeil rounds up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(m float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if m <= f*p {
			return f * p
		}
	}
	return 10 * p
}

func (c Chart) format(v *float64) string {
	if v == nil {
		return "—"
	}
	return Number(*v) + c.Unit
}

func attr(s string) string { return html.EscapeString(s) }

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func f1(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// SVG draws the chart.
func (c Chart) SVG() template.HTML {
	if c.Kind == KindLines {
		return c.linesSVG()
	}
	return c.barsSVG()
}

// legend draws the series' names above the plot, when there are several.
func (c Chart) legend(b *strings.Builder, x float64) {
	if len(c.Series) < 2 {
		return
	}
	for i, s := range c.Series {
		fmt.Fprintf(b, `<rect x="%s" y="6" width="12" height="12" fill="%s"/><text x="%s" y="16" font-size="12">%s</text>`,
			f1(x), palette[i%len(palette)], f1(x+16), attr(s.Name))
		x += 30 + float64(utf8.RuneCountInString(s.Name))*6.5
	}
}

func (c Chart) open(b *strings.Builder, w, h float64) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-%s" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="chart-%s-title" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" fill="#222">`,
		attr(c.ID), f1(w), f1(h), attr(c.ID))
	fmt.Fprintf(b, `<title id="chart-%s-title">%s</title>`, attr(c.ID), attr(c.Title))
}

func (c Chart) barsSVG() template.HTML {
	const (
		width, left, right, top = 720.0, 230.0, 70.0, 28.0
		barH, gap               = 14.0, 10.0
	)
	n := max(len(c.Series), 1)
	group := float64(n)*barH + gap
	height := top + float64(max(len(c.Labels), 1))*group + 24
	plot := width - left - right
	scale := c.scale()
	var b strings.Builder
	c.open(&b, width, height)
	c.legend(&b, left)
	// Grid lines and their values.
	for i := 0; i <= 4; i++ {
		x := left + plot*float64(i)/4
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#ddd"/>`, f1(x), f1(top-4), f1(x), f1(height-20))
		v := scale * float64(i) / 4
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="#555">%s</text>`, f1(x), f1(height-6), attr(c.format(&v)))
	}
	if len(c.Labels) == 0 {
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="13" fill="#555">Không có số liệu</text>`, f1(left+8), f1(top+14))
	}
	for i, label := range c.Labels {
		y := top + float64(i)*group
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="end" dominant-baseline="middle"><title>%s</title>%s</text>`,
			f1(left-8), f1(y+float64(n)*barH/2), attr(label), attr(clip(label, 34)))
		for j, s := range c.Series {
			var v *float64
			if i < len(s.Values) {
				v = s.Values[i]
			}
			by := y + float64(j)*barH
			w := 0.0
			if v != nil && *v > 0 {
				w = math.Min(*v/scale, 1) * plot
			}
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s — %s: %s</title></rect>`,
				f1(left), f1(by+1), f1(w), f1(barH-2), palette[j%len(palette)], attr(label), attr(s.Name), attr(c.format(v)))
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" dominant-baseline="middle">%s</text>`, f1(left+w+4), f1(by+barH/2), attr(c.format(v)))
		}
	}
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#444"/></svg>`, f1(left), f1(top-4), f1(left), f1(height-20))
	return template.HTML(b.String()) // every text in it is escaped
}

func (c Chart) linesSVG() template.HTML {
	const (
		width, height            = 720.0, 300.0
		left, right, top, bottom = 56.0, 24.0, 30.0, 36.0
	)
	plotW, plotH := width-left-right, height-top-bottom
	scale := c.scale()
	var b strings.Builder
	c.open(&b, width, height)
	c.legend(&b, left)
	for i := 0; i <= 4; i++ {
		y := top + plotH*(1-float64(i)/4)
		v := scale * float64(i) / 4
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#ddd"/>`, f1(left), f1(y), f1(width-right), f1(y))
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" text-anchor="end" dominant-baseline="middle" fill="#555">%s</text>`,
			f1(left-6), f1(y), attr(c.format(&v)))
	}
	n := len(c.Labels)
	xOf := func(i int) float64 {
		if n == 1 {
			return left + plotW/2
		}
		return left + plotW*float64(i)/float64(n-1)
	}
	for i, label := range c.Labels {
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="middle">%s</text>`, f1(xOf(i)), f1(height-12), attr(label))
	}
	if n == 0 {
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="13" fill="#555">Không có số liệu</text>`, f1(left+8), f1(top+20))
	}
	for j, s := range c.Series {
		colour := palette[j%len(palette)]
		var points []string
		flush := func() {
			if len(points) > 1 {
				fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(points, " "), colour)
			}
			points = nil
		}
		for i := range c.Labels {
			if i >= len(s.Values) || s.Values[i] == nil {
				flush() // an unknown value breaks the line
				continue
			}
			y := top + plotH*(1-math.Min(*s.Values[i]/scale, 1))
			points = append(points, f1(xOf(i))+","+f1(y))
		}
		flush()
		for i, label := range c.Labels {
			if i >= len(s.Values) || s.Values[i] == nil {
				continue
			}
			y := top + plotH*(1-math.Min(*s.Values[i]/scale, 1))
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="4" fill="%s"><title>%s — %s: %s</title></circle>`,
				f1(xOf(i)), f1(y), colour, attr(label), attr(s.Name), attr(c.format(s.Values[i])))
		}
	}
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#444"/></svg>`, f1(left), f1(top+plotH), f1(width-right), f1(top+plotH))
	return template.HTML(b.String()) // every text in it is escaped
}

// Table shows the chart's numbers as an HTML table.
func (c Chart) Table() template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<table class="chart-data" id="chart-%s-data"><caption>%s</caption><thead><tr><th scope="col">%s</th>`,
		attr(c.ID), attr(c.Title), attr(c.LabelHeader))
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<th scope="col">%s</th>`, attr(s.Name))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for i, label := range c.Labels {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th>`, attr(label))
		for _, s := range c.Series {
			var v *float64
			if i < len(s.Values) {
				v = s.Values[i]
			}
			fmt.Fprintf(&b, `<td class="num">%s</td>`, attr(c.format(v)))
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table>`)
	return template.HTML(b.String()) // every text in it is escaped
}

// CSV returns the chart's numbers as CSV (UTF-8 with a byte-order mark,
// so that spreadsheets read the Vietnamese right): one line per label,
// numbers with a decimal point, unknown values empty.
func (c Chart) CSV() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	header := []string{c.LabelHeader}
	for _, s := range c.Series {
		name := s.Name
		if c.Unit != "" {
			name += " (" + c.Unit + ")"
		}
		header = append(header, name)
	}
	w.Write(header)
	for i, label := range c.Labels {
		row := []string{label}
		for _, s := range c.Series {
			cell := ""
			if i < len(s.Values) && s.Values[i] != nil {
				cell = strconv.FormatFloat(*s.Values[i], 'f', -1, 64)
			}
			row = append(row, cell)
		}
		w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// Chart IDs of the dashboard and the trend.
const (
	ChartVisitsByStatus     = "visits-by-status"
	ChartResults            = "results"
	ChartAgencyScores       = "agency-scores"
	ChartAgencyRates        = "agency-rates"
	ChartShortcomingsByArea = "shortcomings-by-area"
	ChartActionsByStatus    = "actions-by-status"
	ChartOverdueByAgency    = "overdue-by-agency"
	ChartTrendRates         = "trend-rates"
	ChartTrendCounts        = "trend-counts"
)

// DashboardCharts are the charts of a dashboard, in the order a page shows them.
func DashboardCharts(d *domain.Dashboard, province string) []Chart {
	counts := func(id, title, header string, labels []string, values []int) Chart {
		s := Series{Name: "Số lượng"}
		for _, v := range values {
			s.Values = append(s.Values, val(v))
		}
		return Chart{ID: id, Title: title, Kind: KindBars, LabelHeader: header, Labels: labels, Series: []Series{s}}
	}
	var labels []string
	var values []int
	for _, s := range d.VisitsByStatus {
		labels, values = append(labels, VisitStatusLabel(domain.VisitStatus(s.Status))), append(values, s.Count)
	}
	out := []Chart{counts(ChartVisitsByStatus, "Cuộc kiểm tra theo tình trạng", "Tình trạng", labels, values)}
	labels, values = nil, nil
	for _, r := range d.Results {
		labels, values = append(labels, r.Label), append(values, r.Count)
	}
	out = append(out, counts(ChartResults, "Kết quả chung của các kết luận đã phê duyệt", "Kết quả", labels, values))

	scores := Chart{ID: ChartAgencyScores, Title: "Điểm thẩm định theo cơ quan (% điểm tối đa)", Kind: KindBars, LabelHeader: "Cơ quan, đơn vị",
		Unit: "%", Max: 100, Series: []Series{{Name: "Điểm thẩm định"}}}
	rates := Chart{ID: ChartAgencyRates, Title: "Tỷ lệ hồ sơ đúng hạn và tỷ lệ TTHC có dịch vụ công trực tuyến theo cơ quan", Kind: KindBars,
		LabelHeader: "Cơ quan, đơn vị", Unit: "%", Max: 100, Series: []Series{{Name: "Hồ sơ đúng hạn"}, {Name: "TTHC có DVCTT"}}}
	overdue := Chart{ID: ChartOverdueByAgency, Title: "Kiến nghị quá hạn theo cơ quan", Kind: KindBars, LabelHeader: "Cơ quan, đơn vị",
		Series: []Series{{Name: "Quá hạn"}, {Name: "Chưa hoàn thành"}}}
	for _, a := range d.Agencies {
		name := ShortAgencyName(a.Name, province)
		scores.Labels = append(scores.Labels, name)
		var pct *float64
		if a.Score != nil && a.MaxScore != nil && *a.MaxScore > 0 {
			p := math.Round(*a.Score/(*a.MaxScore)*10000) / 100
			pct = &p
		}
		scores.Series[0].Values = append(scores.Series[0].Values, pct)
		rates.Labels = append(rates.Labels, name)
		rates.Series[0].Values = append(rates.Series[0].Values, a.OnTimeRate)
		rates.Series[1].Values = append(rates.Series[1].Values, a.OnlineRate)
		if a.OverdueActions > 0 {
			overdue.Labels = append(overdue.Labels, name)
			overdue.Series[0].Values = append(overdue.Series[0].Values, val(a.OverdueActions))
			overdue.Series[1].Values = append(overdue.Series[1].Values, val(a.OpenActions))
		}
	}
	areas := Chart{ID: ChartShortcomingsByArea, Title: "Tồn tại, hạn chế theo lĩnh vực", Kind: KindBars, LabelHeader: "Lĩnh vực",
		Series: []Series{{Name: "Tổng số"}, {Name: "Tái diễn"}}}
	for _, a := range d.ShortcomingsByArea {
		label := a.AreaCode + ". " + a.Area
		if a.AreaCode == "" {
			label = "Khác (không gắn tiêu chí)"
		}
		areas.Labels = append(areas.Labels, label)
		areas.Series[0].Values = append(areas.Series[0].Values, val(a.Count))
		areas.Series[1].Values = append(areas.Series[1].Values, val(a.Repeated))
	}
	labels, values = nil, nil
	for _, s := range d.ActionsByStatus {
		labels, values = append(labels, ActionStatusLabel(domain.ActionStatus(s.Status))), append(values, s.Count)
	}
	actions := counts(ChartActionsByStatus, "Kiến nghị theo tình trạng", "Tình trạng", labels, values)
	return append(out, scores, rates, areas, actions, overdue)
}

// TrendCharts are the charts of an agency's trend over the years.
func TrendCharts(t *domain.AgencyTrend) []Chart {
	rates := Chart{ID: ChartTrendRates, Title: "Diễn biến qua các năm: tỷ lệ và điểm", Kind: KindLines, LabelHeader: "Năm", Unit: "%", Max: 100,
		Series: []Series{{Name: "Hồ sơ đúng hạn"}, {Name: "TTHC có DVCTT"}, {Name: "Điểm thẩm định so với điểm tối đa"}}}
	counts := Chart{ID: ChartTrendCounts, Title: "Diễn biến qua các năm: tồn tại và kiến nghị", Kind: KindBars, LabelHeader: "Năm",
		Series: []Series{{Name: "Tồn tại"}, {Name: "Tồn tại tái diễn"}, {Name: "Kiến nghị quá hạn"}}}
	for _, y := range t.Years {
		label := strconv.Itoa(y.Year)
		rates.Labels = append(rates.Labels, label)
		var pct *float64
		if y.Score != nil && y.MaxScore != nil && *y.MaxScore > 0 {
			p := math.Round(*y.Score/(*y.MaxScore)*10000) / 100
			pct = &p
		}
		rates.Series[0].Values = append(rates.Series[0].Values, y.OnTimeRate)
		rates.Series[1].Values = append(rates.Series[1].Values, y.OnlineRate)
		rates.Series[2].Values = append(rates.Series[2].Values, pct)
		counts.Labels = append(counts.Labels, label)
		counts.Series[0].Values = append(counts.Series[0].Values, val(y.Shortcomings))
		counts.Series[1].Values = append(counts.Series[1].Values, val(y.Repeated))
		counts.Series[2].Values = append(counts.Series[2].Values, val(y.OverdueActions))
	}
	return []Chart{rates, counts}
}
