package apitest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/cchc-inspect/cchc/docs"
)

// LoadOpenAPI loads and validates docs/openapi.yaml.
func LoadOpenAPI() (*openapi3.T, routers.Router, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(docs.OpenAPI)
	if err != nil {
		return nil, nil, fmt.Errorf("load openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, nil, fmt.Errorf("openapi.yaml is not valid: %w", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("openapi.yaml routes: %w", err)
	}
	return doc, router, nil
}

// CheckOpenAPI holds every exchange recorded so far to the OpenAPI
// document: the route and method must be documented, and the response
// (status, content type, body) must match its schema. With requireAll, it
// also reports documented operations that no test called. It returns one
// line per problem.
func CheckOpenAPI(requireAll bool) []string {
	doc, router, err := LoadOpenAPI()
	if err != nil {
		return []string{err.Error()}
	}
	mu.Lock()
	defer mu.Unlock()
	var problems []string
	seen := map[string]bool{}
	for _, x := range exchanges {
		req, _ := http.NewRequest(x.method, x.url, bytes.NewReader(x.reqBody))
		if p := req.URL.Path; !strings.HasPrefix(p, "/api/v1/") && p != "/healthz" && p != "/readyz" {
			continue // pages and static files are not part of the API
		}
		req.Header = x.header
		route, params, err := router.FindRoute(req)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s %s (%d): not in openapi.yaml: %v", x.test, x.method, req.URL.Path, x.res.Status, err))
			continue
		}
		seen[x.method+" "+route.Path] = true
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestBody: true}}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: x.res.Status, Header: x.res.Header,
			Body: io.NopCloser(bytes.NewReader(x.res.Body)), Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			body := string(x.res.Body)
			if len(body) > 300 {
				body = body[:300] + "…"
			}
			problems = append(problems, fmt.Sprintf("%s: %s %s → %d does not match openapi.yaml: %s\n    body: %s",
				x.test, x.method, req.URL.Path, x.res.Status, oneLine(err.Error()), body))
		}
	}
	if requireAll {
		var missing []string
		for path, item := range doc.Paths.Map() {
			for method := range item.Operations() {
				if !seen[method+" "+path] {
					missing = append(missing, method+" "+path)
				}
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			problems = append(problems, "documented but never called by a test: "+m)
		}
	}
	return problems
}

// Exchanges returns how many exchanges were recorded.
func Exchanges() int {
	mu.Lock()
	defer mu.Unlock()
	return len(exchanges)
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " | ")
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return s
}
