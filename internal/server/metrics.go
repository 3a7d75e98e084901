package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cchc-inspect/cchc/internal/metrics"
)

// MetricsPath is where the server answers its metrics in Prometheus's text
// format: requests and their latency per route and status, the database
// pool, the Go runtime and the process. Like /healthz it needs no sign-in
// and tells nothing about the records; keep it off the public network.
const MetricsPath = "/metrics"

// latencyBuckets cover a fast read (a millisecond) to a slow export.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// registerMetrics counts every request (outside every other middleware, so
// that the status is the one the client got) and serves MetricsPath. Each
// server has a registry of its own, so that tests can build many.
func (s *Server) registerMetrics() {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "cchc_process_peak_resident_memory_bytes",
			Help: "Peak resident memory of the process (VmHWM) in bytes."}, func() float64 { return float64(metrics.PeakRSS(0)) }))
	if s.svc != nil {
		if db, err := s.svc.Store().Gorm().DB(); err == nil {
			reg.MustRegister(collectors.NewDBStatsCollector(db, "cchc"))
		}
		if readers := s.svc.Store().ReadDB(); readers != nil {
			reg.MustRegister(collectors.NewDBStatsCollector(readers, "cchc_read"))
		}
		if pool := s.svc.Store().Pool(); pool != nil {
			reg.MustRegister(poolCollector{pool})
		}
	}
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cchc_http_requests_total",
		Help: "HTTP requests answered, by method, route and status."}, []string{"method", "route", "status"})
	latency := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "cchc_http_request_duration_seconds",
		Help: "Time to answer HTTP requests, by method, route and status.", Buckets: latencyBuckets}, []string{"method", "route", "status"})
	reg.MustRegister(requests, latency)

	s.echo.Pre(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			route := c.Path() // the route's pattern, so that ids do not make new series
			if route == "" || c.Response().Status == http.StatusNotFound && c.Handler() == nil {
				route = "unmatched"
			}
			status := strconv.Itoa(c.Response().Status)
			requests.WithLabelValues(c.Request().Method, route, status).Inc()
			latency.WithLabelValues(c.Request().Method, route, status).Observe(time.Since(start).Seconds())
			return err
		}
	})
	// Compression is the server's (see compress.go), not the handler's.
	s.echo.GET(MetricsPath, echo.WrapHandler(promhttp.HandlerFor(reg, promhttp.HandlerOpts{DisableCompression: true})))
}

// poolCollector reports PostgreSQL's connection pool: the connections in
// use and idle, and how often and how long requests waited for one.
type poolCollector struct{ pool *pgxpool.Pool }

var (
	poolConns = prometheus.NewDesc("cchc_db_pool_connections", "PostgreSQL connections of the pool, by state.",
		[]string{"state"}, nil)
	poolMax      = prometheus.NewDesc("cchc_db_pool_max_connections", "Most PostgreSQL connections the pool opens.", nil, nil)
	poolAcquires = prometheus.NewDesc("cchc_db_pool_acquires_total",
		"Connections taken from the pool.", nil, nil)
	poolWaits = prometheus.NewDesc("cchc_db_pool_waits_total",
		"Connections taken from the pool after waiting for one (none was idle).", nil, nil)
	poolWaitTime = prometheus.NewDesc("cchc_db_pool_wait_seconds_total",
		"Time spent waiting for a connection of the pool.", nil, nil)
)

func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolConns, poolMax, poolAcquires, poolWaits, poolWaitTime} {
		ch <- d
	}
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.pool.Stat()
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(st.AcquiredConns()), "in_use")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(st.IdleConns()), "idle")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(st.ConstructingConns()), "opening")
	ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(st.MaxConns()))
	ch <- prometheus.MustNewConstMetric(poolAcquires, prometheus.CounterValue, float64(st.AcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(st.EmptyAcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolWaitTime, prometheus.CounterValue, st.EmptyAcquireWaitTime().Seconds())
}
