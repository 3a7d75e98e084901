package metrics

import (
	"runtime"
	"testing"
	"time"
)

func TestProcessMeasures(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	buf := make([]byte, 32<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	if got := PeakRSS(0); got < int64(len(buf)) {
		t.Errorf("peak RSS %d after touching %d bytes", got, len(buf))
	}
	start := CPUTime(0)
	for deadline := time.Now().Add(50 * time.Millisecond); time.Now().Before(deadline); {
	}
	if got := CPUTime(0) - start; got <= 0 {
		t.Errorf("no processor time counted over 50 ms of work: %s", got)
	}
	if PeakRSS(1<<30) != 0 || CPUTime(1<<30) != 0 {
		t.Error("a missing process has measures")
	}
	if MiB(3<<20) != "3 MiB" {
		t.Errorf("MiB: %s", MiB(3<<20))
	}
}
