package server

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"html/template"
	"maps"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/docs"
	"github.com/cchc-inspect/cchc/web"
)

// openapiYAML serves the OpenAPI document.
func (s *Server) openapiYAML(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", docs.OpenAPI)
}

// apiDocs serves the API reference: docs/openapi.yaml as one readable HTML
// page, rendered on the server (no script, nothing from other hosts).
func (s *Server) apiDocs(c echo.Context) error {
	page, err := APIReference()
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	return c.HTMLBlob(http.StatusOK, page)
}

var reference struct {
	once sync.Once
	page []byte
	err  error
}

// APIReference returns the API reference page, rendered from the embedded
// docs/openapi.yaml the first time it is asked for.
func APIReference() ([]byte, error) {
	reference.once.Do(func() { reference.page, reference.err = renderReference(docs.OpenAPI) })
	return reference.page, reference.err
}

// renderReference renders an OpenAPI document as the reference page:
// operations grouped by tag in the document's order, each with its
// parameters, request body fields and responses, then every schema.
func renderReference(yaml []byte) ([]byte, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true // the document's own order, which maps lose
	doc, err := loader.LoadFromData(yaml)
	if err != nil {
		return nil, fmt.Errorf("api reference: load the document: %w", err)
	}
	tmpl, err := template.New("apidocs.html").ParseFS(web.Templates(), "apidocs.html")
	if err != nil {
		return nil, fmt.Errorf("api reference: template: %w", err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, newRefPage(doc)); err != nil {
		return nil, fmt.Errorf("api reference: render: %w", err)
	}
	return buf.Bytes(), nil
}

// refPage is what the reference template shows.
type refPage struct {
	Title, Version, Summary, OpenAPI string
	Description                      template.HTML
	Servers                          []refServer
	Schemes                          []refScheme
	Tags                             []*refTag
	Schemas                          []refSchema
	Operations                       int
}

type refServer struct{ URL, Description string }

type refScheme struct {
	Name, Kind  string
	Description template.HTML
}

type refTag struct {
	Name, Anchor string
	Description  template.HTML
	Ops          []refOp
}

type refOp struct {
	ID, Anchor, Method, Path, Summary string
	Description                       template.HTML
	Auth                              template.HTML
	Deprecated                        bool
	Params                            []refParam
	Body                              *refBody
	Responses                         []refResponse
}

type refParam struct {
	Name, In    string
	Required    bool
	Type        template.HTML
	Rules       []string
	Description template.HTML
}

type refBody struct {
	Required    bool
	Description template.HTML
	Media       []refMedia
}

// refMedia is one content type of a body: its schema's name or type, and
// for a request its fields (or the alternatives of a oneOf).
type refMedia struct {
	Type     string
	Schema   template.HTML
	Fields   []refField
	Variants []refVariant
}

type refVariant struct {
	Type   template.HTML
	Fields []refField
}

type refResponse struct {
	Status, Class string
	Description   template.HTML
	Headers       []refParam
	Media         []refMedia
}

// refField is one property of an object schema; Name carries the path of
// nested inline objects ("members[].role").
type refField struct {
	Name, Depth string
	Required    bool
	Type        template.HTML
	Rules       []string
	Description template.HTML
}

type refSchema struct {
	Name, Anchor string
	Description  template.HTML
	Type         template.HTML
	Rules        []string
	Fields       []refField
	Variants     []refVariant
	Closed       bool
}

var methodOrder = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}

func newRefPage(doc *openapi3.T) *refPage {
	p := &refPage{OpenAPI: doc.OpenAPI}
	if doc.Info != nil {
		p.Title, p.Version, p.Summary = doc.Info.Title, doc.Info.Version, doc.Info.Summary
		p.Description = prose(doc.Info.Description)
	}
	for _, s := range doc.Servers {
		p.Servers = append(p.Servers, refServer{URL: s.URL, Description: s.Description})
	}
	if doc.Components != nil {
		names := sortedKeys(doc.Components.SecuritySchemes, func(r *openapi3.SecuritySchemeRef) *openapi3.Origin { return r.Value.Origin })
		for _, name := range names {
			ss := doc.Components.SecuritySchemes[name].Value
			kind := ss.Type
			switch {
			case ss.Type == "http":
				kind = "HTTP " + ss.Scheme
			case ss.Type == "apiKey":
				kind = "API key in " + ss.In + " " + ss.Name
			}
			p.Schemes = append(p.Schemes, refScheme{Name: name, Kind: kind, Description: prose(ss.Description)})
		}
	}

	tags := map[string]*refTag{}
	for _, t := range doc.Tags {
		rt := &refTag{Name: t.Name, Anchor: "tag-" + t.Name, Description: prose(t.Description)}
		tags[t.Name] = rt
		p.Tags = append(p.Tags, rt)
	}
	for _, op := range operations(doc) {
		name := "other"
		if len(op.op.Tags) > 0 {
			name = op.op.Tags[0]
		}
		rt, ok := tags[name]
		if !ok {
			rt = &refTag{Name: name, Anchor: "tag-" + name}
			tags[name] = rt
			p.Tags = append(p.Tags, rt)
		}
		rt.Ops = append(rt.Ops, newRefOp(doc, op))
		p.Operations++
	}

	if doc.Components != nil {
		for _, name := range sortedKeys(doc.Components.Schemas, func(r *openapi3.SchemaRef) *openapi3.Origin { return originOf(r) }) {
			p.Schemas = append(p.Schemas, newRefSchema(name, doc.Components.Schemas[name]))
		}
	}
	return p
}

// docOp is one operation with where it sits.
type docOp struct {
	path, method string
	item         *openapi3.PathItem
	op           *openapi3.Operation
}

// operations lists the document's operations in the order it gives them.
func operations(doc *openapi3.T) []docOp {
	var ops []docOp
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops = append(ops, docOp{path: path, method: method, item: item, op: op})
		}
	}
	slices.SortFunc(ops, func(a, b docOp) int {
		return cmp.Or(cmp.Compare(line(a.op.Origin), line(b.op.Origin)), cmp.Compare(a.path, b.path),
			cmp.Compare(slices.Index(methodOrder, a.method), slices.Index(methodOrder, b.method)))
	})
	return ops
}

func newRefOp(doc *openapi3.T, d docOp) refOp {
	op := d.op
	base := ""
	servers := doc.Servers
	if len(d.item.Servers) > 0 {
		servers = d.item.Servers
	}
	if op.Servers != nil && len(*op.Servers) > 0 {
		servers = *op.Servers
	}
	if len(servers) > 0 {
		base = strings.TrimSuffix(servers[0].URL, "/")
	}
	id := op.OperationID
	if id == "" {
		id = strings.ToLower(d.method) + strings.NewReplacer("/", "-", "{", "", "}", "").Replace(d.path)
	}
	r := refOp{ID: id, Anchor: "op-" + id, Method: d.method, Path: base + d.path, Summary: op.Summary,
		Description: prose(op.Description), Deprecated: op.Deprecated}

	security := doc.Security
	if op.Security != nil {
		security = *op.Security
	}
	var ways []string
	for _, req := range security {
		var names []string
		for _, name := range slices.Sorted(maps.Keys(req)) {
			names = append(names, `<a href="#auth-`+html.EscapeString(name)+`">`+html.EscapeString(name)+`</a>`)
		}
		ways = append(ways, strings.Join(names, " + "))
	}
	if len(ways) == 0 {
		r.Auth = "no credentials needed"
	} else {
		r.Auth = template.HTML(strings.Join(ways, " or "))
	}

	params := map[string]bool{}
	var list []*openapi3.Parameter
	for _, ps := range []openapi3.Parameters{op.Parameters, d.item.Parameters} {
		for _, ref := range ps {
			if ref.Value == nil || params[ref.Value.In+" "+ref.Value.Name] {
				continue
			}
			params[ref.Value.In+" "+ref.Value.Name] = true
			list = append(list, ref.Value)
		}
	}
	where := []string{"path", "query", "header", "cookie"}
	slices.SortStableFunc(list, func(a, b *openapi3.Parameter) int {
		return cmp.Compare(slices.Index(where, a.In), slices.Index(where, b.In))
	})
	for _, prm := range list {
		r.Params = append(r.Params, newRefParam(prm))
	}

	if op.RequestBody != nil && op.RequestBody.Value != nil {
		rb := op.RequestBody.Value
		b := &refBody{Required: rb.Required, Description: prose(rb.Description)}
		for _, mt := range sortedMedia(rb.Content) {
			b.Media = append(b.Media, newRefMedia(mt, rb.Content[mt], true))
		}
		r.Body = b
	}

	if op.Responses != nil {
		codes := slices.Collect(maps.Keys(op.Responses.Map()))
		slices.SortFunc(codes, func(a, b string) int { return cmp.Compare(statusRank(a), statusRank(b)) })
		for _, code := range codes {
			resp := op.Responses.Value(code)
			if resp == nil || resp.Value == nil {
				continue
			}
			rr := refResponse{Status: code, Class: "s" + code[:1]}
			if resp.Value.Description != nil {
				rr.Description = prose(*resp.Value.Description)
			}
			for _, name := range slices.Sorted(maps.Keys(resp.Value.Headers)) {
				h := resp.Value.Headers[name]
				if h.Value == nil {
					continue
				}
				hp := newRefParam(&h.Value.Parameter)
				hp.Name, hp.In = name, "header"
				rr.Headers = append(rr.Headers, hp)
			}
			for _, mt := range sortedMedia(resp.Value.Content) {
				rr.Media = append(rr.Media, newRefMedia(mt, resp.Value.Content[mt], false))
			}
			r.Responses = append(r.Responses, rr)
		}
	}
	return r
}

// statusRank orders response codes: numbers, then 1XX-style ranges, then default.
func statusRank(code string) int {
	if n, err := strconv.Atoi(code); err == nil {
		return n
	}
	if len(code) == 3 && strings.HasSuffix(strings.ToUpper(code), "XX") {
		return int(code[0]-'0')*100 + 99
	}
	return 1000
}

func newRefParam(p *openapi3.Parameter) refParam {
	rp := refParam{Name: p.Name, In: p.In, Required: p.Required, Description: prose(p.Description)}
	if p.Schema != nil {
		rp.Type = typeOf(p.Schema)
		if p.Schema.Value != nil {
			rp.Rules = rules(p.Schema.Value)
		}
	}
	return rp
}

// newRefMedia describes one content type; a request's fields are listed
// in place, a response names its schema (listed under Schemas).
func newRefMedia(name string, mt *openapi3.MediaType, expand bool) refMedia {
	m := refMedia{Type: name}
	if mt == nil || mt.Schema == nil {
		m.Schema = "binary (the file itself)"
		if strings.Contains(name, "yaml") {
			m.Schema = "this document"
		}
		return m
	}
	m.Schema = typeOf(mt.Schema)
	if expand && mt.Schema.Value != nil {
		m.Fields = fields(mt.Schema.Value, "", 0)
		m.Variants = variants(mt.Schema.Value)
	}
	return m
}

func newRefSchema(name string, ref *openapi3.SchemaRef) refSchema {
	s := refSchema{Name: name, Anchor: "schema-" + name}
	if ref.Value == nil {
		return s
	}
	v := ref.Value
	s.Description = prose(v.Description)
	s.Type = describe(v)
	s.Rules = rules(v)
	s.Fields = fields(v, "", 0)
	s.Variants = variants(v)
	s.Closed = v.AdditionalProperties.Has != nil && !*v.AdditionalProperties.Has
	return s
}

// fields lists the properties of an object schema in the document's
// order, descending into inline objects and arrays of them.
func fields(s *openapi3.Schema, prefix string, depth int) []refField {
	if s == nil || len(s.Properties) == 0 || depth > 4 {
		return nil
	}
	var out []refField
	for _, name := range sortedKeys(s.Properties, originOf) {
		ref := s.Properties[name]
		f := refField{Name: prefix + name, Depth: strconv.Itoa(depth), Required: slices.Contains(s.Required, name), Type: typeOf(ref)}
		if ref.Value != nil {
			f.Rules = rules(ref.Value)
			f.Description = prose(ref.Value.Description)
		}
		out = append(out, f)
		if ref.Ref != "" || ref.Value == nil {
			continue
		}
		out = append(out, fields(ref.Value, prefix+name+".", depth+1)...)
		if items := ref.Value.Items; items != nil && items.Ref == "" && items.Value != nil {
			out = append(out, fields(items.Value, prefix+name+"[].", depth+1)...)
		}
	}
	return out
}

// variants lists the alternatives of a oneOf or anyOf schema.
func variants(s *openapi3.Schema) []refVariant {
	var out []refVariant
	for _, refs := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		for _, ref := range refs {
			v := refVariant{Type: typeOf(ref)}
			if ref.Ref == "" && ref.Value != nil {
				v.Fields = fields(ref.Value, "", 0)
			}
			out = append(out, v)
		}
	}
	return out
}

// typeOf names a schema: a link to a component, or its type in words.
func typeOf(ref *openapi3.SchemaRef) template.HTML {
	if ref == nil {
		return "any"
	}
	if name, ok := strings.CutPrefix(ref.Ref, "#/components/schemas/"); ok {
		return template.HTML(`<a href="#schema-` + html.EscapeString(name) + `">` + html.EscapeString(name) + `</a>`)
	}
	if ref.Value == nil {
		return template.HTML(html.EscapeString(ref.Ref))
	}
	return describe(ref.Value)
}

// describe says what type an inline schema has.
func describe(s *openapi3.Schema) template.HTML {
	var alts []string
	for _, refs := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		for _, r := range refs {
			alts = append(alts, string(typeOf(r)))
		}
	}
	if len(alts) > 0 {
		return template.HTML(strings.Join(alts, " or "))
	}
	var types []string
	if s.Type != nil {
		types = s.Type.Slice()
	}
	if len(types) == 0 {
		if len(s.Properties) > 0 {
			types = []string{"object"}
		} else {
			return "any"
		}
	}
	var parts []string
	for _, t := range types {
		switch t {
		case "array":
			parts = append(parts, "array of "+string(typeOf(s.Items)))
		case "object":
			if ap := s.AdditionalProperties.Schema; ap != nil && len(s.Properties) == 0 {
				parts = append(parts, "map of "+string(typeOf(ap)))
			} else {
				parts = append(parts, "object")
			}
		case "string":
			switch {
			case s.Format != "":
				parts = append(parts, "string ("+html.EscapeString(s.Format)+")")
			case s.ContentMediaType != "":
				parts = append(parts, "file")
			default:
				parts = append(parts, "string")
			}
		case "integer", "number":
			if s.Format != "" {
				parts = append(parts, t+" ("+html.EscapeString(s.Format)+")")
			} else {
				parts = append(parts, t)
			}
		default:
			parts = append(parts, html.EscapeString(t))
		}
	}
	if len(parts) > 1 && parts[len(parts)-1] == "null" && len(parts) == 2 {
		return template.HTML(parts[0] + " or null")
	}
	if len(parts) > 3 {
		return "any"
	}
	return template.HTML(strings.Join(parts, " or "))
}

// rules lists a schema's constraints in words.
func rules(s *openapi3.Schema) []string {
	var out []string
	if len(s.Enum) > 0 {
		vals := make([]string, len(s.Enum))
		for i, e := range s.Enum {
			vals[i] = literal(e)
		}
		out = append(out, "one of "+strings.Join(vals, ", "))
	}
	if s.Const != nil {
		out = append(out, "always "+literal(s.Const))
	}
	switch {
	case s.MinLength > 0 && s.MaxLength != nil:
		out = append(out, fmt.Sprintf("%d to %d characters", s.MinLength, *s.MaxLength))
	case s.MaxLength != nil:
		out = append(out, fmt.Sprintf("at most %d characters", *s.MaxLength))
	case s.MinLength > 0:
		out = append(out, fmt.Sprintf("at least %d characters", s.MinLength))
	}
	switch {
	case s.Min != nil && s.Max != nil:
		out = append(out, number(*s.Min)+" to "+number(*s.Max))
	case s.Min != nil:
		out = append(out, "at least "+number(*s.Min))
	case s.Max != nil:
		out = append(out, "at most "+number(*s.Max))
	}
	switch {
	case s.MinItems > 0 && s.MaxItems != nil:
		out = append(out, fmt.Sprintf("%d to %d items", s.MinItems, *s.MaxItems))
	case s.MaxItems != nil:
		out = append(out, fmt.Sprintf("at most %d items", *s.MaxItems))
	case s.MinItems > 0:
		out = append(out, fmt.Sprintf("at least %d items", s.MinItems))
	}
	if s.Pattern != "" {
		out = append(out, "pattern "+s.Pattern)
	}
	if s.Default != nil {
		out = append(out, "default "+literal(s.Default))
	}
	if s.ReadOnly {
		out = append(out, "read-only")
	}
	return out
}

func literal(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(x)
	case float64:
		return number(x)
	}
	return fmt.Sprint(v)
}

func number(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func sortedMedia(c openapi3.Content) []string {
	names := slices.Sorted(maps.Keys(c))
	slices.SortStableFunc(names, func(a, b string) int {
		// JSON first: it is what most operations speak.
		return cmp.Compare(btoi(!strings.Contains(a, "json")), btoi(!strings.Contains(b, "json")))
	})
	return names
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sortedKeys orders a map's keys by where the document wrote them.
func sortedKeys[V any](m map[string]V, origin func(V) *openapi3.Origin) []string {
	keys := slices.Sorted(maps.Keys(m))
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(line(origin(m[a])), line(origin(m[b]))) })
	return keys
}

func originOf(r *openapi3.SchemaRef) *openapi3.Origin {
	if r == nil {
		return nil
	}
	if r.Origin != nil {
		return r.Origin
	}
	if r.Value != nil {
		return r.Value.Origin
	}
	return nil
}

func line(o *openapi3.Origin) int {
	if o == nil || o.Key == nil {
		return math.MaxInt
	}
	return o.Key.Line
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// inline escapes text and sets `code` in code type.
func inline(s string) string {
	return codeSpan.ReplaceAllString(html.EscapeString(s), "<code>$1</code>")
}

// prose renders a description: paragraphs split by blank lines, lines
// starting with "- " as lists, `code` as code.
func prose(s string) template.HTML {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, block := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if strings.HasPrefix(lines[0], "- ") {
			b.WriteString("<ul>")
			var item []string
			flush := func() {
				if len(item) > 0 {
					b.WriteString("<li>" + inline(strings.Join(item, " ")) + "</li>")
				}
				item = nil
			}
			for _, l := range lines {
				if rest, ok := strings.CutPrefix(l, "- "); ok {
					flush()
					item = append(item, rest)
				} else {
					item = append(item, strings.TrimSpace(l))
				}
			}
			flush()
			b.WriteString("</ul>")
			continue
		}
		b.WriteString("<p>" + inline(strings.Join(lines, " ")) + "</p>")
	}
	return template.HTML(b.String())
}
