package storetest

import (
	"testing"

	"github.com/cchc-inspect/cchc/internal/metrics"
)

// ReportCPU adds to b's results the processor time this process spent per
// operation ("cpu-µs/op"), which, unlike the wall time of a benchmark that
// waits for its database, counts only the app's own work. Call it before
// the loop and the function it returns after it:
//
//	done := storetest.ReportCPU(b)
//	for b.Loop() { … }
//	done()
func ReportCPU(b *testing.B) func() {
	start := metrics.CPUTime(0)
	return func() {
		if used := metrics.CPUTime(0) - start; used > 0 && b.N > 0 {
			b.ReportMetric(float64(used.Microseconds())/float64(b.N), "cpu-µs/op")
		}
	}
}
