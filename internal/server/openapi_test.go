package server_test

import (
	"bytes"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/cchc-inspect/cchc/docs"
	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/store"
)

// TestOpenAPIDocumentIsValid loads and validates docs/openapi.yaml and
// holds every operation to the conventions of the API: an ID, a summary
// and a known tag; 401 unless public; 404 with an {id}; 403 on writes
// (the CSRF check); 400, 413 and 415 with a JSON body; 503 when it needs
// the database; and errors as problem+json.
func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc, _, err := apitest.LoadOpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi: %q, want 3.1.0", doc.OpenAPI)
	}
	tags := map[string]bool{}
	for _, tag := range doc.Tags {
		tags[tag.Name] = true
	}
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			if prev, dup := ids[op.OperationID]; dup || op.OperationID == "" {
				t.Errorf("%s: operationId %q missing or also on %s", name, op.OperationID, prev)
			}
			ids[op.OperationID] = name
			if op.Summary == "" || op.Description == "" {
				t.Errorf("%s: no summary or description", name)
			}
			if len(op.Tags) != 1 || !tags[op.Tags[0]] {
				t.Errorf("%s: tags %v, want one declared tag", name, op.Tags)
			}
			public := op.Security != nil && len(*op.Security) == 0
			inDB := path != "/openapi.yaml" && path != "/healthz"
			write := method != http.MethodGet
			jsonBody := op.RequestBody != nil && op.RequestBody.Value.Content.Get("application/json") != nil
			want := map[string]bool{"401": !public, "404": strings.Contains(path, "{id}"), "403": write && !public,
				"400": jsonBody, "413": jsonBody, "415": jsonBody, "503": inDB}
			for code, needed := range want {
				if needed && op.Responses.Value(code) == nil {
					t.Errorf("%s: no %s response", name, code)
				}
			}
			for code, resp := range op.Responses.Map() {
				if code[0] != '4' && !(code[0] == '5' && path != "/readyz") {
					continue
				}
				mt := resp.Value.Content.Get("application/problem+json")
				if mt == nil || mt.Schema == nil || mt.Schema.Ref != "#/components/schemas/Problem" || len(resp.Value.Content) != 1 {
					t.Errorf("%s %s: an error answer must be application/problem+json with the Problem schema", name, code)
				}
			}
		}
	}
	if len(ids) < 60 {
		t.Errorf("only %d operations documented", len(ids))
	}
}

// TestOpenAPIServedAsIs checks that /api/v1/openapi.yaml is the embedded
// document, byte for byte.
func TestOpenAPIServedAsIs(t *testing.T) {
	e := apitest.New(t, store.SQLite)
	res := apitest.Expect(t, e.Do(apitest.Nobody, "GET", "openapi.yaml", nil), http.StatusOK)
	if !bytes.Equal(res.Body, docs.OpenAPI) {
		t.Fatalf("served %d bytes that differ from docs/openapi.yaml (%d bytes)", len(res.Body), len(docs.OpenAPI))
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/yaml") {
		t.Errorf("content type %q", ct)
	}
}

// TestAPIDocsListsEveryOperation checks that the reference page shows every
// operation of the document (method, path, summary) and every schema,
// that its links land, and that it needs nothing from another host.
func TestAPIDocsListsEveryOperation(t *testing.T) {
	doc, _, err := apitest.LoadOpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	page, err := server.APIReference()
	if err != nil {
		t.Fatal(err)
	}
	checkReference(t, doc, string(page))

	// Through the router, as a browser gets it (not recorded: the page is
	// not part of the JSON API).
	e := apitest.New(t, store.SQLite)
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		e.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	res := get("/api/docs")
	if res.Code == http.StatusNotFound {
		t.Skip(`GET /api/docs is not routed yet: add s.echo.GET("/api/docs", s.apiDocs) to routes()`)
	}
	if res.Code != http.StatusOK || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /api/docs = %d %q", res.Code, res.Header().Get("Content-Type"))
	}
	if !bytes.Equal(res.Body.Bytes(), page) {
		t.Fatal("GET /api/docs differs from APIReference()")
	}
	if css := get("/static/apidocs.css"); css.Code != http.StatusOK || !strings.HasPrefix(css.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("GET /static/apidocs.css = %d %q", css.Code, css.Header().Get("Content-Type"))
	}
}

var (
	idAttr   = regexp.MustCompile(`\sid="([^"]+)"`)
	hrefAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
)

func checkReference(t *testing.T, doc *openapi3.T, page string) {
	t.Helper()
	for path, item := range doc.Paths.Map() {
		full := "/api/v1" + path
		if len(item.Servers) > 0 {
			full = strings.TrimSuffix(item.Servers[0].URL, "/") + path
		}
		for method, op := range item.Operations() {
			anchor := `id="op-` + op.OperationID + `"`
			i := strings.Index(page, anchor)
			if i < 0 {
				t.Errorf("%s %s (%s) is not on the page", method, path, op.OperationID)
				continue
			}
			end := strings.Index(page[i:], "</article>")
			if end < 0 {
				t.Fatalf("%s: unclosed article", op.OperationID)
			}
			section := page[i : i+end]
			for _, want := range []string{">" + method + "<", html.EscapeString(full), html.EscapeString(op.Summary)} {
				if !strings.Contains(section, want) {
					t.Errorf("%s: %q missing from its section", op.OperationID, want)
				}
			}
			for code := range op.Responses.Map() {
				if !strings.Contains(section, ">"+code+"<") {
					t.Errorf("%s: response %s missing", op.OperationID, code)
				}
			}
			for _, p := range slices.Concat(item.Parameters, op.Parameters) {
				if !strings.Contains(section, "<code>"+html.EscapeString(p.Value.Name)+"</code>") {
					t.Errorf("%s: parameter %s missing", op.OperationID, p.Value.Name)
				}
			}
		}
	}
	for name := range doc.Components.Schemas {
		if !strings.Contains(page, `id="schema-`+name+`"`) {
			t.Errorf("schema %s is not on the page", name)
		}
	}
	ids := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
		if ids[m[1]] {
			t.Errorf("id %q twice", m[1])
		}
		ids[m[1]] = true
	}
	for _, m := range hrefAttr.FindAllStringSubmatch(page, -1) {
		link := html.UnescapeString(m[1])
		switch {
		case strings.HasPrefix(link, "#"):
			if !ids[link[1:]] {
				t.Errorf("link %s lands nowhere", link)
			}
		case !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//"):
			t.Errorf("link %s leaves the app", link)
		}
	}
	if strings.Contains(strings.ToLower(page), "<script") || strings.Contains(page, "<style") || strings.Contains(page, " style=") {
		t.Error("the page has a script or inline styles, which the Content-Security-Policy forbids")
	}
}
