package domain

import "time"

// Attachment is a file of evidence (tài liệu kiểm chứng) belonging to a
// visit, finding, shortcoming, action, action update or conclusion. Its bytes
// are stored in the database so that every app instance can serve them.
type Attachment struct {
	ID          int64     `json:"id"`
	OwnerType   string    `json:"owner_type"`
	OwnerID     int64     `json:"owner_id"`
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256" gorm:"column:sha256"`
	CreatedBy   *int64    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// TableName names the table of attachments.
func (Attachment) TableName() string { return "attachments" }
