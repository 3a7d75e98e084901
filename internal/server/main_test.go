package server_test

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
)

// TestMain runs the HTTP suite, then holds every response it produced to
// docs/openapi.yaml, and checks that every documented operation was called:
// the document and the server cannot drift apart.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		// A run of some tests (-run) checks their responses, not coverage.
		subset := flag.Lookup("test.run").Value.String() != ""
		problems := apitest.CheckOpenAPI(!subset)
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "openapi:", p)
		}
		if len(problems) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: %d responses or operations do not match docs/openapi.yaml (%d exchanges checked)\n",
				len(problems), apitest.Exchanges())
			code = 1
		}
	}
	os.Exit(code)
}
