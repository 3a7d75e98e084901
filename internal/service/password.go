package service

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/cchc-inspect/cchc/internal/service/passwords"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Argon2id parameters: OWASP's minimum of 19 MiB, two passes, one lane.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	// MinPasswordLen is the shortest password accepted (ASVS 2.1.1).
	MinPasswordLen = 12
	// MaxPasswordLen bounds the work one sign-in can ask of the server.
	MaxPasswordLen = 128
)

// HashPassword returns the encoded argon2id hash of a password.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the encoded hash, in time that
// does not depend on where they differ.
func CheckPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

func subtleEqual(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// checkPassword returns field errors for a password that is too short,
// too long or the same as the username.
func checkPassword(fs *domain.Fields, field, pw, username string) {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		fs.Add(field, "min", fmt.Sprint(MinPasswordLen))
	case n > MaxPasswordLen:
		fs.Add(field, "max", fmt.Sprint(MaxPasswordLen))
	case strings.EqualFold(pw, username):
		fs.Add(field, "same_as_username")
	case passwords.Common(pw):
		fs.Add(field, "common_password")
	}
}
