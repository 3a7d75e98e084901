// Package apitest runs the real server (router, service, store) on a fresh
// database behind a real HTTP listener, with one signed-in user per role,
// and records every exchange so that a suite can hold all of them to the
// OpenAPI document (see CheckOpenAPI).
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// Password is the password of every user the environment creates.
const Password = "mat-khau-kiem-thu-2019"

// Role names a caller: one of the four roles, or Nobody.
type Role string

// Callers of the environment.
const (
	Admin     Role = "admin"
	Leader    Role = "leader"
	Inspector Role = "inspector"
	Officer   Role = "agency_officer"
	// Inspector2 is a second inspector, on no team unless a test puts them there.
	Inspector2 Role = "inspector2"
	// Nobody sends no credentials.
	Nobody Role = ""
)

// Roles are the callers with credentials.
var Roles = []Role{Admin, Leader, Inspector, Inspector2, Officer}

// Env is a running server on a fresh database.
type Env struct {
	T       testing.TB
	URL     string
	DB      *store.DB
	Svc     *service.Service
	Store   *store.Store
	Handler http.Handler
	// Users and Tokens: one user per role, with a bearer token.
	Users  map[Role]*domain.User
	Tokens map[Role]string
	// Agency is the officer's agency; Other is an agency nobody belongs to.
	Agency, Other *domain.Agency
	// Lang is sent as Accept-Language when set.
	Lang   string
	client *http.Client
}

// New starts the server on a fresh database of the dialect.
func New(t testing.TB, dialect string) *Env {
	t.Helper()
	return NewOn(t, storetest.Open(t, dialect))
}

// NewOn starts the server on an open, migrated, empty database.
func NewOn(t testing.TB, db *store.DB) *Env {
	t.Helper()
	svc := service.New(store.New(db), time.FixedZone("ICT", 7*3600))
	h := server.New(svc, server.Options{Ready: db.Ready, Version: "test"})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	e := &Env{T: t, URL: ts.URL, DB: db, Svc: svc, Store: svc.Store(), Handler: h, Users: map[Role]*domain.User{},
		Tokens: map[Role]string{}, client: ts.Client()}
	ctx := context.Background()
	var err error
	if e.Agency, err = svc.CreateAgency(ctx, service.System, service.NewAgency{Code: "SKHCN", Name: "Sở Khoa học và Công nghệ tỉnh Điện Biên",
		Kind: domain.KindDepartment, Province: "Điện Biên"}); err != nil {
		t.Fatal(err)
	}
	if e.Other, err = svc.CreateAgency(ctx, service.System, service.NewAgency{Code: "SYT", Name: "Sở Y tế tỉnh Điện Biên",
		Kind: domain.KindDepartment, Province: "Điện Biên"}); err != nil {
		t.Fatal(err)
	}
	people := map[Role]service.NewUser{
		Admin:      {Username: "admin", FullName: "Quản trị hệ thống", Role: domain.RoleAdmin},
		Leader:     {Username: "lanhdao", FullName: "Nguyễn Thị Thanh Hà", Title: "Giám đốc Sở Nội vụ", Role: domain.RoleLeader},
		Inspector:  {Username: "tuyen.ld", FullName: "Lê Đình Tuyên", Title: "Phó Giám đốc Sở Nội vụ", Role: domain.RoleInspector},
		Inspector2: {Username: "dung.pv", FullName: "Phạm Văn Dũng", Title: "Trưởng phòng CCHC", Role: domain.RoleInspector},
		Officer:    {Username: "quang.lv", FullName: "Lê Văn Quang", Title: "Phó Giám đốc Sở KH&CN", Role: domain.RoleAgencyOfficer, AgencyID: &e.Agency.ID},
	}
	for _, r := range Roles {
		in := people[r]
		in.Password = Password
		u, err := svc.CreateUser(ctx, service.System, in)
		if err != nil {
			t.Fatalf("user %s: %v", r, err)
		}
		tok, err := svc.CreateToken(ctx, service.Actor{User: u}, service.NewToken{Name: "tests"})
		if err != nil {
			t.Fatal(err)
		}
		e.Users[r], e.Tokens[r] = u, tok.Token
	}
	return e
}

// Each runs fn on a fresh environment of every dialect.
func Each(t *testing.T, fn func(t *testing.T, e *Env)) {
	t.Helper()
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) { fn(t, New(t, d)) })
	}
}

// Response is an answer with its body read.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test when it cannot.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Map decodes the body as a JSON object.
func (r *Response) Map(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// Request is one request to send.
type Request struct {
	As          Role
	Method      string
	Path        string // under /api/v1 unless it starts with "/"
	Body        any    // encoded as JSON unless it is []byte or a *Multipart
	ContentType string // for []byte bodies
	Header      map[string]string
}

// Multipart is an upload body.
type Multipart struct {
	Fields   map[string]string
	FileName string
	File     []byte
}

// Do sends a request as a role with its bearer token.
func (e *Env) Do(as Role, method, path string, body any) *Response {
	e.T.Helper()
	return e.Send(Request{As: as, Method: method, Path: path, Body: body})
}

// Send sends a request and records the exchange.
func (e *Env) Send(r Request) *Response {
	e.T.Helper()
	req := e.request(r)
	if r.As != Nobody {
		req.Header.Set("Authorization", "Bearer "+e.Tokens[r.As])
	}
	return e.send(req, e.client)
}

func (e *Env) request(r Request) *http.Request {
	e.T.Helper()
	var (
		body  io.Reader
		ctype string
	)
	switch b := r.Body.(type) {
	case nil:
	case []byte:
		body, ctype = bytes.NewReader(b), r.ContentType
	case *Multipart:
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for k, v := range b.Fields {
			w.WriteField(k, v)
		}
		if b.FileName != "" {
			fw, _ := w.CreateFormFile("file", b.FileName)
			fw.Write(b.File)
		}
		w.Close()
		body, ctype = &buf, w.FormDataContentType()
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.T.Fatal(err)
		}
		body, ctype = bytes.NewReader(data), "application/json"
	}
	path := r.Path
	if !strings.HasPrefix(path, "/") {
		path = "/api/v1/" + path
	}
	req, err := http.NewRequest(r.Method, e.URL+path, body)
	if err != nil {
		e.T.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if e.Lang != "" {
		req.Header.Set("Accept-Language", e.Lang)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	return req
}

func (e *Env) send(req *http.Request, client *http.Client) *Response {
	e.T.Helper()
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	res, err := client.Do(req)
	if err != nil {
		e.T.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	out := &Response{Status: res.StatusCode, Header: res.Header, Body: body}
	record(e.T.Name(), req, reqBody, out)
	return out
}

// Browser is a cookie-keeping client signed in as one user.
type Browser struct {
	e      *Env
	client *http.Client
	// CSRF is the session's CSRF token.
	CSRF string
}

// SignIn signs in as the role's user, keeping the cookie.
func (e *Env) SignIn(as Role) *Browser {
	e.T.Helper()
	return e.SignInWith(e.Users[as].Username, Password)
}

// SignInWith signs in with a username and password, keeping the cookie.
func (e *Env) SignInWith(username, password string) *Browser {
	e.T.Helper()
	jar, _ := cookiejar.New(nil)
	b := &Browser{e: e, client: &http.Client{Jar: jar}}
	res := b.Send(Request{Method: "POST", Path: "session", Body: map[string]string{"username": username, "password": password}})
	if res.Status != http.StatusOK {
		e.T.Fatalf("sign in as %s: %d %s", username, res.Status, res.Body)
	}
	var info struct {
		CSRFToken string `json:"csrf_token"`
	}
	res.JSON(e.T, &info)
	b.CSRF = info.CSRFToken
	return b
}

// Send sends a request with the session cookie (and no CSRF token unless
// the request carries one).
func (b *Browser) Send(r Request) *Response {
	b.e.T.Helper()
	return b.e.send(b.e.request(r), b.client)
}

// Do sends a request with the session cookie and the CSRF token.
func (b *Browser) Do(method, path string, body any) *Response {
	b.e.T.Helper()
	return b.Send(Request{Method: method, Path: path, Body: body, Header: map[string]string{server.CSRFHeader: b.CSRF}})
}

// Expect fails the test unless the response has the status; it returns
// the response for more checks.
func Expect(t testing.TB, r *Response, status int) *Response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	return r
}

// ID reads the "id" of a JSON object answer.
func (r *Response) ID(t testing.TB) int64 {
	t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	r.JSON(t, &v)
	if v.ID == 0 {
		t.Fatalf("no id in %s", r.Body)
	}
	return v.ID
}

// Path formats a path.
func Path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// exchange is one recorded request and its answer.
type exchange struct {
	test    string
	method  string
	url     string
	header  http.Header
	reqBody []byte
	res     *Response
}

var (
	mu        sync.Mutex
	exchanges []exchange
)

func record(test string, req *http.Request, body []byte, res *Response) {
	mu.Lock()
	defer mu.Unlock()
	exchanges = append(exchanges, exchange{test: test, method: req.Method, url: req.URL.String(), header: req.Header.Clone(),
		reqBody: body, res: res})
}
