package domain

import "time"

// User is someone who signs in: an administrator, a leader, an inspector or an
// officer of one agency.
type User struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	FullName string `json:"full_name"`
	Title    string `json:"title"`
	Role     Role   `json:"role"`
	AgencyID *int64 `json:"agency_id"`
	Active   bool   `json:"active"`
	// PasswordHash is the encoded password hash; it never leaves the server.
	PasswordHash string    `json:"-"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	Search       string    `json:"-"`
}

// TableName names the table of users.
func (User) TableName() string { return "users" }

// UserFilter selects users in a list.
type UserFilter struct {
	Role     *Role
	AgencyID *int64
	Active   *bool
	Q        string
	Page
}

// UserUpdate holds the fields a PATCH may change.
type UserUpdate struct {
	FullName *string         `json:"full_name" validate:"omitnil,min=1,max=200"`
	Title    *string         `json:"title" validate:"omitnil,max=200"`
	Role     *Role           `json:"role" validate:"omitnil,oneof=admin leader inspector agency_officer"`
	AgencyID Optional[int64] `json:"agency_id" validate:"omitempty,gt=0"`
	Active   *bool           `json:"active"`
}

// Session is a signed-in browser. ID is the SHA-256 of the cookie's secret,
// so the table alone cannot be used to sign in.
type Session struct {
	ID         string    `json:"-"`
	UserID     int64     `json:"user_id"`
	CSRFToken  string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
}

// TableName names the table of sessions.
func (Session) TableName() string { return "sessions" }

// APIToken is a personal token for scripts; only its SHA-256 is stored.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	TokenHash  string     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// TableName names the table of API tokens.
func (APIToken) TableName() string { return "api_tokens" }
