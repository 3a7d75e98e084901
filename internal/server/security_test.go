package server_test

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
	. "github.com/cchc-inspect/cchc/internal/server/apitest"
)

func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	e := apitest.New(t, "sqlite")
	for _, path := range []string{"/healthz", "/static/favicon.svg", "/api/v1/me", "/nope"} {
		res := e.Send(Request{As: Inspector, Method: "GET", Path: path})
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") ||
			strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestSessionCookieAndRotation(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *Env) {
		b := e.SignIn(Inspector)
		res := b.Send(Request{Method: "POST", Path: "session", Body: map[string]string{"username": e.Users[Inspector].Username, "password": Password}})
		Expect(t, res, http.StatusOK)
		cookie := res.Header.Get("Set-Cookie")
		for _, want := range []string{"cchc_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("Set-Cookie %q lacks %s", cookie, want)
			}
		}
		// The sign-in replaced the session: the jar holds the new cookie and
		// the old session no longer exists server-side.
		var n int64
		e.Store.Gorm().Table("sessions").Where("user_id = ?", e.Users[Inspector].ID).Count(&n)
		if n != 1 {
			t.Fatalf("%d sessions after signing in twice from one browser, want 1", n)
		}
	})
}

func TestSessionTimeouts(t *testing.T) {
	e := apitest.New(t, "sqlite")
	start := time.Now().UTC()
	clock := start
	e.Svc.Now = func() time.Time { return clock }
	b := e.SignIn(Leader)
	Expect(t, b.Do("GET", "me", nil), http.StatusOK)
	// Idle: two hours without a request end the session.
	clock = start.Add(2*time.Hour + time.Second)
	Expect(t, b.Do("GET", "me", nil), http.StatusUnauthorized)

	// Absolute: a session used every hour still ends 12 hours after sign-in.
	clock = start
	b = e.SignIn(Leader)
	for h := 1; h < 12; h++ {
		clock = start.Add(time.Duration(h) * time.Hour)
		Expect(t, b.Do("GET", "me", nil), http.StatusOK)
	}
	clock = start.Add(12*time.Hour + time.Second)
	Expect(t, b.Do("GET", "me", nil), http.StatusUnauthorized)
}

func TestSignOutEndsTheSessionServerSide(t *testing.T) {
	e := apitest.New(t, "sqlite")
	b := e.SignIn(Admin)
	Expect(t, b.Do("DELETE", "session", nil), http.StatusNoContent)
	var n int64
	e.Store.Gorm().Table("sessions").Count(&n)
	if n != 0 {
		t.Fatalf("%d sessions left after sign-out", n)
	}
	Expect(t, b.Do("GET", "me", nil), http.StatusUnauthorized)
}

func TestSignInThrottling(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *Env) {
		try := func(username, password string) *Response {
			return e.Send(Request{Method: "POST", Path: "session", Body: map[string]string{"username": username, "password": password}})
		}
		// A known and an unknown username get the same answers.
		for i := 0; i < 5; i++ {
			known, unknown := try(e.Users[Leader].Username, "sai-mat-khau-lan-"+strconv.Itoa(i)), try("khong.ton.tai", "sai-mat-khau-"+strconv.Itoa(i))
			if known.Status != http.StatusUnauthorized || unknown.Status != http.StatusUnauthorized ||
				!bytes.Equal(known.Body, unknown.Body) {
				t.Fatalf("attempt %d: known %d %s, unknown %d %s", i, known.Status, known.Body, unknown.Status, unknown.Body)
			}
		}
		// Locked now, even with the right password, and so is the unknown name.
		for _, res := range []*Response{try(e.Users[Leader].Username, Password), try("khong.ton.tai", "x")} {
			if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
				t.Fatalf("after 5 failures: %d, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
			}
			secs, _ := strconv.Atoi(res.Header.Get("Retry-After"))
			if secs < 60 || secs > 15*60+1 {
				t.Errorf("Retry-After %d s", secs)
			}
		}
		// Other accounts still sign in.
		Expect(t, try(e.Users[Inspector].Username, Password), http.StatusOK)
		// After the lock-out, the account signs in again.
		e.Svc.Now = func() time.Time { return time.Now().Add(16 * time.Minute) }
		Expect(t, try(e.Users[Leader].Username, Password), http.StatusOK)
	})
}

func TestSignInThrottlingPerAddress(t *testing.T) {
	e := apitest.New(t, "sqlite")
	for i := 0; i < 50; i++ {
		res := e.Send(Request{Method: "POST", Path: "session", Body: map[string]string{"username": "ten" + strconv.Itoa(i), "password": "sai-mat-khau-rat-dai"}})
		Expect(t, res, http.StatusUnauthorized)
	}
	res := e.Send(Request{Method: "POST", Path: "session", Body: map[string]string{"username": e.Users[Admin].Username, "password": Password}})
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("51st attempt from one address = %d, want 429", res.Status)
	}
}

func TestChangePassword(t *testing.T) {
	e := apitest.New(t, "sqlite")
	other := e.SignIn(Inspector)
	b := e.SignIn(Inspector)
	bad := []struct {
		body  map[string]string
		field string
		code  string
	}{
		{map[string]string{"current_password": "khong-phai-mat-khau", "new_password": "ngua-da-muong-phang-7"}, "current_password", "wrong_password"},
		{map[string]string{"current_password": Password, "new_password": "ngắn-quá"}, "new_password", "min"},
		{map[string]string{"current_password": Password, "new_password": "matkhau123456"}, "new_password", "common_password"},
		{map[string]string{"current_password": Password, "new_password": Password}, "new_password", "same_as_current"},
	}
	for _, c := range bad {
		res := Expect(t, b.Do("POST", "me/password", c.body), http.StatusUnprocessableEntity)
		if !strings.Contains(string(res.Body), `"field":"`+c.field+`","code":"`+c.code+`"`) {
			t.Errorf("%v: %s", c.body, res.Body)
		}
	}
	Expect(t, b.Do("POST", "me/password", map[string]string{"current_password": Password, "new_password": "ngua-da-muong-phang-7"}), http.StatusNoContent)
	Expect(t, b.Do("GET", "me", nil), http.StatusOK)
	Expect(t, other.Do("GET", "me", nil), http.StatusUnauthorized)
	e.SignInWith(e.Users[Inspector].Username, "ngua-da-muong-phang-7")
}

func TestDeactivationEndsSessionsAndTokensAtOnce(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *Env) {
		b := e.SignIn(Inspector2)
		Expect(t, b.Do("GET", "me", nil), http.StatusOK)
		Expect(t, e.Do(Inspector2, "GET", "me", nil), http.StatusOK)
		u := Expect(t, e.Do(Admin, "GET", Path("users/%d", e.Users[Inspector2].ID), nil), http.StatusOK).Map(t)
		Expect(t, e.Do(Admin, "PATCH", Path("users/%d", e.Users[Inspector2].ID), map[string]any{"version": u["version"], "active": false}), http.StatusOK)
		Expect(t, b.Do("GET", "me", nil), http.StatusUnauthorized)
		Expect(t, e.Do(Inspector2, "GET", "me", nil), http.StatusUnauthorized)
		res := e.Send(Request{Method: "POST", Path: "session", Body: map[string]string{"username": e.Users[Inspector2].Username, "password": Password}})
		Expect(t, res, http.StatusUnauthorized)
	})
}

// TestUploadsAreCheckedByContent uploads an HTML page disguised as a photo,
// an oversized file and a file with a hostile name.
func TestUploadsAreCheckedByContent(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *Env) {
		w := e.NewWorld(t)
		upload := func(name string, data []byte) *Response {
			return e.Send(Request{As: Inspector, Method: "POST", Path: "attachments", Body: &Multipart{
				Fields: map[string]string{"owner_type": "visit", "owner_id": itoa(w.VisitID)}, FileName: name, File: data}})
		}
		html := []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")
		res := Expect(t, upload("anh-hien-truong.png", html), http.StatusUnsupportedMediaType)
		if !strings.Contains(string(res.Body), "text/html") {
			t.Errorf("the refusal does not name the real type: %s", res.Body)
		}
		e.Svc.MaxUpload = 1 << 20
		big := append(append([]byte{}, pngBytes...), bytes.Repeat([]byte{0}, 1<<20)...)
		Expect(t, upload("lon.png", big), http.StatusRequestEntityTooLarge)
		var n int64
		e.Store.Gorm().Table("attachments").Count(&n)
		if n != 0 {
			t.Fatalf("%d attachments stored after refused uploads", n)
		}
		att := Expect(t, upload(`..\..\windows/system32/"bao cáo"<script>.exe`, pngBytes), http.StatusCreated).Map(t)
		name := att["file_name"].(string)
		if strings.ContainsAny(name, `/\"<>`) || !strings.HasSuffix(name, ".png") || !strings.Contains(name, "cáo") {
			t.Fatalf("stored file name %q", name)
		}
		got := Expect(t, e.Do(Inspector, "GET", Path("attachments/%d", int64(att["id"].(float64))), nil), http.StatusOK)
		if got.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(got.Header.Get("Content-Disposition"), "attachment;") ||
			got.Header.Get("X-Content-Type-Options") != "nosniff" || !bytes.Equal(got.Body, pngBytes) {
			t.Fatalf("download headers %v", got.Header)
		}
	})
}
