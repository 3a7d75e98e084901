package store_test

import (
	"bytes"
	"crypto/rand"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func TestAttachmentBytesRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		big := make([]byte, 1<<20)
		rand.Read(big)
		cases := map[string][]byte{
			"1 MiB of random bytes": big,
			"zero bytes":            {},
			"text":                  []byte("Biên bản kiểm tra số 12/BB-ĐKT\x00\xff"),
		}
		for name, data := range cases {
			a := mustAttachment(t, w.s, "visit", w.visit.ID, name+".bin", data)
			got, err := w.s.AttachmentData(ctx, a.ID)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("%s: read %d bytes, want the %d written", name, len(got), len(data))
			}
		}
	})
}

func TestAttachmentsByOwnerAndDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		u := mustUser(t, s, domain.RoleInspector, nil)
		f := mustFinding(t, s, w.visit.ID, w.crit["1.1"].ID)
		sum := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		first := &domain.Attachment{OwnerType: "finding", OwnerID: f.ID, FileName: "Kế hoạch CCHC 2019.pdf", ContentType: "application/pdf",
			Size: 3, SHA256: sum, CreatedBy: &u.ID}
		if err := s.CreateAttachment(ctx, first, []byte("pdf")); err != nil {
			t.Fatal(err)
		}
		second := mustAttachment(t, s, "finding", f.ID, "Ảnh bộ phận một cửa.jpg", []byte("jpg"))
		onVisit := mustAttachment(t, s, "visit", w.visit.ID, "Báo cáo tự kiểm tra.docx", []byte("docx"))
		// Same id, other owner type: not the finding's.
		mustAttachment(t, s, "shortcoming", f.ID, "khác.txt", []byte("x"))

		got, err := s.Attachments(ctx, "finding", f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != first.ID || got[1].ID != second.ID {
			t.Fatalf("attachments of the finding = %+v, want the two, oldest first", got)
		}
		g := got[0]
		if g.FileName != first.FileName || g.ContentType != "application/pdf" || g.Size != 3 || g.SHA256 != sum ||
			g.CreatedBy == nil || *g.CreatedBy != u.ID || !g.CreatedAt.Equal(first.CreatedAt) {
			t.Errorf("metadata = %+v, want %+v", g, first)
		}
		if none, err := s.Attachments(ctx, "action", 987654); err != nil || none == nil || len(none) != 0 {
			t.Errorf("attachments of nothing = %#v, %v; want an empty list", none, err)
		}

		if err := s.DeleteAttachment(ctx, first.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AttachmentData(ctx, first.ID); code(err) != domain.ENOTFOUND {
			t.Errorf("bytes after delete: %v, want not_found", err)
		}
		if n := rows(t, s, "attachment_blobs", "attachment_id = ?", first.ID); n != 0 {
			t.Errorf("the deleted attachment's bytes are still stored")
		}
		if got, _ := s.Attachments(ctx, "finding", f.ID); len(got) != 1 || got[0].ID != second.ID {
			t.Errorf("attachments after delete = %+v", got)
		}
		if data, err := s.AttachmentData(ctx, onVisit.ID); err != nil || string(data) != "docx" {
			t.Errorf("another attachment after delete: %q, %v", data, err)
		}
		if err := s.DeleteAttachment(ctx, first.ID); code(err) != domain.ENOTFOUND {
			t.Errorf("second delete = %v, want not_found", err)
		}
	})
}

func TestRefusedAttachmentLeavesNoBytes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for name, a := range map[string]*domain.Attachment{
			"unknown owner type": {OwnerType: "user", OwnerID: 1, FileName: "x", ContentType: "text/plain", Size: 1,
				SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
			"short sha256": {OwnerType: "visit", OwnerID: w.visit.ID, FileName: "x", ContentType: "text/plain", Size: 1, SHA256: "abc"},
			"missing creator": {OwnerType: "visit", OwnerID: w.visit.ID, FileName: "x", ContentType: "text/plain", Size: 1,
				SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", CreatedBy: ptr(int64(987654))},
		} {
			if err := w.s.CreateAttachment(ctx, a, []byte("x")); code(err) != domain.EINVALID {
				t.Errorf("%s: CreateAttachment = %v, want invalid", name, err)
			}
		}
		if n, m := rows(t, w.s, "attachments", ""), rows(t, w.s, "attachment_blobs", ""); n != 0 || m != 0 {
			t.Errorf("refused attachments left %d rows and %d blobs", n, m)
		}
	})
}
