package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/gabriel-vasile/mimetype"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// DefaultMaxUpload is the largest attachment accepted unless configured: 20 MiB.
const DefaultMaxUpload = 20 << 20

// allowedTypes are the kinds of evidence accepted, by what the bytes are
// (never by the file name): photos, PDF and office documents.
var allowedTypes = map[string]string{
	"image/jpeg":      ".jpg",
	"image/png":       ".png",
	"image/webp":      ".webp",
	"image/heic":      ".heic",
	"application/pdf": ".pdf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   ".docx",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         ".xlsx",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
	"application/vnd.oasis.opendocument.text":                                   ".odt",
	"application/vnd.oasis.opendocument.spreadsheet":                            ".ods",
	"application/msword":       ".doc",
	"application/vnd.ms-excel": ".xls",
}

// NewAttachment is an uploaded file and the record it belongs to.
type NewAttachment struct {
	OwnerType string `json:"owner_type" validate:"required,oneof=visit finding shortcoming action action_update conclusion"`
	OwnerID   int64  `json:"owner_id" validate:"required,gt=0"`
	FileName  string `json:"file_name" validate:"required,max=255"`
	Data      []byte `json:"-"`
}

// Upload stores an attachment after checking its size and its type by
// content. The team attaches evidence to a visit's records while they are
// open; the team or the agency's officer attach to actions and progress
// reports during remediation.
func (s *Service) Upload(ctx context.Context, a Actor, in NewAttachment) (*domain.Attachment, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector, domain.RoleAgencyOfficer); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	if int64(len(in.Data)) > s.MaxUpload {
		return nil, &domain.Error{Code: domain.ETOOLARGE, Key: "file_too_large", Args: map[string]string{"max": formatBytes(s.MaxUpload)},
			Message: "the file is larger than " + formatBytes(s.MaxUpload)}
	}
	mt := mimetype.Detect(in.Data)
	ctype := baseType(mt.String())
	if _, ok := allowedTypes[ctype]; !ok || len(in.Data) == 0 {
		return nil, &domain.Error{Code: domain.EUNSUPPORTED, Key: "file_type", Args: map[string]string{"type": ctype},
			Message: "files of type " + ctype + " are not accepted: send a photo (JPEG, PNG, WebP, HEIC), a PDF or an office document"}
	}
	sum := sha256.Sum256(in.Data)
	att := &domain.Attachment{OwnerType: in.OwnerType, OwnerID: in.OwnerID, FileName: SafeFileName(in.FileName, allowedTypes[ctype]),
		ContentType: ctype, Size: int64(len(in.Data)), SHA256: hex.EncodeToString(sum[:]), CreatedBy: a.id(), CreatedAt: s.Now()}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if err := s.ownerWritable(ctx, tx, a, in.OwnerType, in.OwnerID); err != nil {
			return err
		}
		if err := tx.CreateAttachment(ctx, att, in.Data); err != nil {
			return err
		}
		return s.record(ctx, tx, a, "attachment", att.ID, "create", domain.Created(att))
	})
	if err != nil {
		return nil, err
	}
	return att, nil
}

// Attachment loads an attachment's record; with data, also its bytes.
func (s *Service) Attachment(ctx context.Context, a Actor, id int64, data bool) (*domain.Attachment, []byte, error) {
	att, err := store.Get[domain.Attachment](ctx, s.store, id)
	if err != nil {
		return nil, nil, err
	}
	if err := s.ownerReadable(ctx, s.store, a, att.OwnerType, att.OwnerID); err != nil {
		return nil, nil, notFoundAs(err, "attachment")
	}
	if !data {
		return att, nil, nil
	}
	b, err := s.store.AttachmentData(ctx, id)
	return att, b, err
}

// Attachments lists the attachments of one record.
func (s *Service) Attachments(ctx context.Context, a Actor, ownerType string, ownerID int64) ([]domain.Attachment, error) {
	if !domain.Valid(ownerType, domain.AttachmentOwners) {
		var fs domain.Fields
		fs.Add("owner_type", "oneof", strings.Join(domain.AttachmentOwners, " "))
		return nil, fs.Err()
	}
	if err := s.ownerReadable(ctx, s.store, a, ownerType, ownerID); err != nil {
		return nil, err
	}
	return s.store.Attachments(ctx, ownerType, ownerID)
}

// DeleteAttachment removes an attachment: its uploader or an administrator,
// while its record may still change.
func (s *Service) DeleteAttachment(ctx context.Context, a Actor, id int64) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		att, err := store.Get[domain.Attachment](ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.ownerReadable(ctx, tx, a, att.OwnerType, att.OwnerID); err != nil {
			return notFoundAs(err, "attachment")
		}
		if !a.is(domain.RoleAdmin) && (att.CreatedBy == nil || a.User == nil || *att.CreatedBy != a.User.ID) {
			return &domain.Error{Code: domain.EFORBIDDEN, Key: "not_uploader", Message: "only who uploaded a file (or an administrator) removes it"}
		}
		if err := s.ownerWritable(ctx, tx, a, att.OwnerType, att.OwnerID); err != nil {
			return err
		}
		if err := tx.DeleteAttachment(ctx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, a, "attachment", id, "delete", removedFields(att))
	})
}

// removeAttachments deletes the attachments of a record being deleted, in
// its transaction, with an audit event for each.
func (s *Service) removeAttachments(ctx context.Context, tx *store.Store, a Actor, ownerType string, ownerID int64) error {
	atts, err := tx.DeleteAttachmentsOf(ctx, ownerType, ownerID)
	if err != nil {
		return err
	}
	for i := range atts {
		if err := s.record(ctx, tx, a, "attachment", atts[i].ID, "delete", removedFields(&atts[i])); err != nil {
			return err
		}
	}
	return nil
}

// removedFields is the audit record of a deletion: every field from its value to nothing.
func removedFields(rec any) map[string]domain.Change {
	out := domain.Created(rec)
	for k, c := range out {
		out[k] = domain.Change{Old: c.New}
	}
	return out
}

// ownerVisit finds the visit a record belongs to, and the action for
// actions and their reports.
func (s *Service) ownerVisit(ctx context.Context, tx *store.Store, ownerType string, ownerID int64) (visitID int64, act *domain.Action, err error) {
	switch ownerType {
	case "visit":
		return ownerID, nil, nil
	case "finding":
		f, err := store.Get[domain.Finding](ctx, tx, ownerID)
		if err != nil {
			return 0, nil, err
		}
		return f.VisitID, nil, nil
	case "shortcoming":
		sc, err := store.Get[domain.Shortcoming](ctx, tx, ownerID)
		if err != nil {
			return 0, nil, err
		}
		return sc.VisitID, nil, nil
	case "conclusion":
		c, err := store.Get[domain.Conclusion](ctx, tx, ownerID)
		if err != nil {
			return 0, nil, err
		}
		return c.VisitID, nil, nil
	case "action_update":
		u, err := store.Get[domain.ActionUpdateReport](ctx, tx, ownerID)
		if err != nil {
			return 0, nil, err
		}
		ownerID = u.ActionID
		fallthrough
	case "action":
		act, err := store.Get[domain.Action](ctx, tx, ownerID)
		if err != nil {
			return 0, nil, err
		}
		return act.VisitID, act, nil
	}
	return 0, nil, domain.NotFound(ownerType)
}

// ownerReadable checks that the actor may read the record a file belongs to.
func (s *Service) ownerReadable(ctx context.Context, tx *store.Store, a Actor, ownerType string, ownerID int64) error {
	visitID, _, err := s.ownerVisit(ctx, tx, ownerType, ownerID)
	if err != nil {
		return err
	}
	// A visit and its findings (the self-assessment's evidence) are seen
	// before approval; the rest once approved.
	if ownerType == "visit" || ownerType == "finding" {
		_, err = s.visitFor(ctx, tx, a, visitID)
	} else {
		_, err = s.publishedVisitFor(ctx, tx, a, visitID, ownerType)
	}
	return notFoundAs(err, ownerType)
}

// ownerWritable checks that the actor may attach to (or detach from) the
// record. An agency officer attaches evidence to the self-assessment (a
// finding before the visit is submitted) and to actions in remediation.
func (s *Service) ownerWritable(ctx context.Context, tx *store.Store, a Actor, ownerType string, ownerID int64) error {
	visitID, act, err := s.ownerVisit(ctx, tx, ownerType, ownerID)
	if err != nil {
		return fieldNotFound(err, "owner_id")
	}
	if act != nil {
		_, _, err := s.remediable(ctx, tx, a, act.ID, false)
		return fieldNotFound(err, "owner_id")
	}
	if a.officer() {
		v, err := s.visitFor(ctx, tx, a, visitID)
		if err != nil {
			return fieldNotFound(err, "owner_id")
		}
		if ownerType != "finding" {
			return &domain.Error{Code: domain.EFORBIDDEN, Key: "forbidden_role", Message: "your role may not do this"}
		}
		if v.Status != domain.VisitPlanned && v.Status != domain.VisitInProgress {
			return domain.FrozenError(v.Status)
		}
		return nil
	}
	_, err = s.editableVisit(ctx, tx, a, visitID)
	return fieldNotFound(err, "owner_id")
}

// SafeFileName keeps a file name's letters (Vietnamese included), digits
// and a few marks, drops any folder part and control or quoting characters,
// and gives it the extension of its real type.
func SafeFileName(name, ext string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.TrimSuffix(name, filepath.Ext(name))
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		case r == '-' || r == '_' || r == '.' || r == '(' || r == ')':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		}
	}
	base := strings.Trim(strings.Join(strings.Fields(b.String()), " "), ". ")
	if base == "" {
		base = "tep-dinh-kem"
	}
	if r := []rune(base); len(r) > 120 {
		base = string(r[:120])
	}
	return base + ext
}

func baseType(t string) string {
	t, _, _ = strings.Cut(t, ";")
	return strings.TrimSpace(t)
}

func formatBytes(n int64) string {
	return strconv.FormatInt(n>>20, 10) + " MiB"
}

// FindingAttachments lists the evidence of every finding of a visit, by finding.
func (s *Service) FindingAttachments(ctx context.Context, a Actor, visitID int64) (map[int64][]domain.Attachment, error) {
	if _, err := s.visitFor(ctx, s.store, a, visitID); err != nil {
		return nil, err
	}
	return s.store.AttachmentsOfVisitFindings(ctx, visitID)
}

// ActionUpdateAttachments lists the attachments of every progress report of
// an action, by report, for whoever may read the action.
func (s *Service) ActionUpdateAttachments(ctx context.Context, a Actor, actionID int64) (map[int64][]domain.Attachment, error) {
	if err := s.ownerReadable(ctx, s.store, a, "action", actionID); err != nil {
		return nil, err
	}
	return s.store.AttachmentsOfActionUpdates(ctx, actionID)
}
