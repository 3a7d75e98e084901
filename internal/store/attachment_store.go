package store

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// blob is the stored bytes of an attachment, apart from its metadata so
// that lists never read them.
type blob struct {
	AttachmentID int64 `gorm:"primaryKey;autoIncrement:false"`
	Data         []byte
}

// TableName names the table of attachment bytes.
func (blob) TableName() string { return "attachment_blobs" }

// CreateAttachment stores an attachment and its bytes.
func (s *Store) CreateAttachment(ctx context.Context, a *domain.Attachment, data []byte) error {
	if data == nil {
		data = []byte{} // an empty file is zero bytes, not NULL
	}
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.Create(ctx, a); err != nil {
			return err
		}
		return translate(tx.q(ctx).Create(&blob{AttachmentID: a.ID, Data: data}).Error, "attachment", false)
	})
}

// AttachmentData loads the bytes of an attachment.
func (s *Store) AttachmentData(ctx context.Context, id int64) ([]byte, error) {
	var b blob
	if err := s.q(ctx).Where("attachment_id = ?", id).Take(&b).Error; err != nil {
		return nil, translate(err, "attachment", false)
	}
	return b.Data, nil
}

// Attachments lists the attachments of one record, oldest first.
func (s *Store) Attachments(ctx context.Context, ownerType string, ownerID int64) ([]domain.Attachment, error) {
	out := []domain.Attachment{}
	err := s.q(ctx).Where("owner_type = ? AND owner_id = ?", ownerType, ownerID).Order("id").Find(&out).Error
	return out, translate(err, "attachment", false)
}

// DeleteAttachmentsOf removes the attachments of one record (and their
// bytes) and returns them.
func (s *Store) DeleteAttachmentsOf(ctx context.Context, ownerType string, ownerID int64) ([]domain.Attachment, error) {
	atts, err := s.Attachments(ctx, ownerType, ownerID)
	if err != nil || len(atts) == 0 {
		return atts, err
	}
	err = s.q(ctx).Where("owner_type = ? AND owner_id = ?", ownerType, ownerID).Delete(&domain.Attachment{}).Error
	return atts, translate(err, "attachment", true)
}

// DeleteAttachment removes an attachment and its bytes.
func (s *Store) DeleteAttachment(ctx context.Context, id int64) error {
	res := s.q(ctx).Where("id = ?", id).Delete(&domain.Attachment{})
	if res.Error != nil {
		return translate(res.Error, "attachment", true)
	}
	if res.RowsAffected == 0 {
		return domain.NotFound("attachment")
	}
	return nil
}

// AttachmentsOfVisitFindings lists the attachments of every finding of a
// visit in one query, by finding.
func (s *Store) AttachmentsOfVisitFindings(ctx context.Context, visitID int64) (map[int64][]domain.Attachment, error) {
	return s.attachmentsByOwner(ctx, "finding", "SELECT id FROM findings WHERE visit_id = ?", visitID)
}

// AttachmentsOfActionUpdates lists the attachments of every progress report
// of an action in one query, by report.
func (s *Store) AttachmentsOfActionUpdates(ctx context.Context, actionID int64) (map[int64][]domain.Attachment, error) {
	return s.attachmentsByOwner(ctx, "action_update", "SELECT id FROM action_updates WHERE action_id = ?", actionID)
}

// attachmentsByOwner lists the attachments of the records of ownerType
// whose ids owners selects, by record.
func (s *Store) attachmentsByOwner(ctx context.Context, ownerType, owners string, arg int64) (map[int64][]domain.Attachment, error) {
	var atts []domain.Attachment
	err := s.q(ctx).Where("owner_type = ? AND owner_id IN ("+owners+")", ownerType, arg).Order("id").Find(&atts).Error
	out := map[int64][]domain.Attachment{}
	for _, a := range atts {
		out[a.OwnerID] = append(out[a.OwnerID], a)
	}
	return out, translate(err, "attachment", false)
}
