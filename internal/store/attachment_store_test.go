package store_test

import (
	"bytes"
	"crypto/rand"
	"slices"
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

// The batched reads list, by record, the attachments of a visit's findings
// and of an action's progress reports: another visit's or action's, or
// another kind of record with the same id, are not among them.
func TestAttachmentsOfRecordsInOneQuery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		f1 := mustFinding(t, s, w.visit.ID, w.crit["1.1"].ID)
		f2 := mustFinding(t, s, w.visit.ID, w.crit["1.3"].ID)
		other := mustVisit(t, s, w.plan, w.agency, w.set)
		fOther := mustFinding(t, s, other.ID, w.crit["1.1"].ID)
		a1 := mustAttachment(t, s, "finding", f1.ID, "a.pdf", []byte("a"))
		a2 := mustAttachment(t, s, "finding", f1.ID, "b.pdf", []byte("b"))
		a3 := mustAttachment(t, s, "finding", f2.ID, "c.pdf", []byte("c"))
		mustAttachment(t, s, "finding", fOther.ID, "khác.pdf", []byte("x"))
		mustAttachment(t, s, "shortcoming", f1.ID, "khác.txt", []byte("x"))

		byFinding, err := s.AttachmentsOfVisitFindings(ctx, w.visit.ID)
		if err != nil {
			t.Fatal(err)
		}
		ids := func(atts []domain.Attachment) []int64 {
			var out []int64
			for _, a := range atts {
				out = append(out, a.ID)
			}
			return out
		}
		if len(byFinding) != 2 || !slices.Equal(ids(byFinding[f1.ID]), []int64{a1.ID, a2.ID}) || !slices.Equal(ids(byFinding[f2.ID]), []int64{a3.ID}) {
			t.Errorf("attachments by finding = %v", byFinding)
		}

		act := mustAction(t, s, w.visit, mustShortcoming(t, s, w.visit, nil), domain.ActionInProgress, nil)
		otherAct := mustAction(t, s, w.visit, mustShortcoming(t, s, w.visit, nil), domain.ActionInProgress, nil)
		r1 := &domain.ActionUpdateReport{ActionID: act.ID, Note: "Đang xây dựng kế hoạch"}
		r2 := &domain.ActionUpdateReport{ActionID: act.ID, Note: "Đã ban hành kế hoạch"}
		rOther := &domain.ActionUpdateReport{ActionID: otherAct.ID, Note: "khác"}
		for _, r := range []*domain.ActionUpdateReport{r1, r2, rOther} {
			mustCreate(t, s, r)
		}
		e1 := mustAttachment(t, s, "action_update", r2.ID, "ke-hoach.pdf", []byte("k"))
		mustAttachment(t, s, "action_update", rOther.ID, "khác.pdf", []byte("x"))
		mustAttachment(t, s, "action", r1.ID, "khác.pdf", []byte("x"))
		byReport, err := s.AttachmentsOfActionUpdates(ctx, act.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(byReport) != 1 || !slices.Equal(ids(byReport[r2.ID]), []int64{e1.ID}) {
			t.Errorf("attachments by progress report = %v", byReport)
		}
	})
}
