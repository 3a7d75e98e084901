package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cchc-inspect/cchc/internal/demo"
	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// BenchmarkVisitPage renders the visit page of the demo's 2019 visit (the
// whole record on one screen) for a signed-in inspector: the server time of
// the heaviest page, database reads included.
func BenchmarkVisitPage(b *testing.B) {
	for _, page := range []string{"/visits/1", "/visits/1/findings", "/visits/1/conclusion", "/"} {
		b.Run(page, func(b *testing.B) { benchPage(b, page) })
	}
}

func benchPage(b *testing.B, path string) {
	ctx := context.Background()
	svc := service.New(store.New(storetest.Open(b, store.SQLite)), nil)
	if _, err := demo.Load(ctx, svc); err != nil {
		b.Fatal(err)
	}
	h := server.New(svc, server.Options{Ready: func(context.Context) error { return nil }})
	signed, err := svc.SignIn(ctx, service.Credentials{Username: "tuyen.ld", Password: "demo-tuyen-2019"}, "", "127.0.0.1", "bench", "")
	if err != nil {
		b.Fatal(err)
	}
	cookie := &http.Cookie{Name: server.SessionCookie, Value: signed.Secret}
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, rec.Code)
		}
	}
}
