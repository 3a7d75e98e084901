package server_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/store"
)

// FuzzUpload sends arbitrary multipart uploads (owner, name, bytes) and
// raw bodies to POST /attachments: never a panic, never a 5xx.
func FuzzUpload(f *testing.F) {
	f.Add("visit", "1", "anh.png", pngBytes, false)
	f.Add("finding", "1", "../../etc/passwd", []byte("root:x:0:0"), false)
	f.Add("action_update", "99999999999999999999", "bao-cao.pdf", []byte("%PDF-1.4\n%âãÏÓ\n"), false)
	f.Add("visit", "1", "trang.html.png", []byte("<html><script>alert(1)</script>"), false)
	f.Add("nope", "-1", "", []byte{}, false)
	f.Add("visit", "1", "\x00\xff\xfe.png", []byte("\x89PNG\r\n\x1a\n"), false)
	f.Add("visit", "abc", "tệp đính kèm.docx", []byte("PK\x03\x04"), false)
	f.Add("", "", "", []byte("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"), true)
	// One server per fuzzing process, with a visit to attach to.
	uploadEnv := apitest.New(f, store.SQLite)
	uploadEnv.NewWorld(f)
	f.Fuzz(func(t *testing.T, ownerType, ownerID, name string, data []byte, raw bool) {
		var body bytes.Buffer
		ctype := "multipart/form-data; boundary=x"
		if raw {
			body.Write(data)
		} else {
			mw := multipart.NewWriter(&body)
			mw.WriteField("owner_type", ownerType)
			mw.WriteField("owner_id", ownerID)
			fw, _ := mw.CreateFormFile("file", name)
			fw.Write(data)
			mw.Close()
			ctype = mw.FormDataContentType()
		}
		req := httptest.NewRequest(http.MethodPost, "/api/v1/attachments", &body)
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Authorization", "Bearer "+uploadEnv.Tokens[apitest.Inspector])
		rec := httptest.NewRecorder()
		uploadEnv.Handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("upload (%q, %q, %q, %d bytes, raw %v) answered %d: %s", ownerType, ownerID, name, len(data), raw, rec.Code, rec.Body)
		}
		ct := rec.Header().Get("Content-Type")
		if !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "application/problem+json") {
			t.Fatalf("answer of type %q", ct)
		}
	})
}
