package passwords

import "testing"

func TestCommon(t *testing.T) {
	for _, pw := range []string{"123456789012", "Password1234", "MẬT KHẨU 12345", "matkhau12345", "aaaaaaaaaaaa", "345678901234",
		"qwertyuiopas", "Điện Biên Phủ 1954"} {
		if !Common(pw) {
			t.Errorf("Common(%q) = false", pw)
		}
	}
	for _, pw := range []string{"ngựa-đá-mường-phăng-7", "correct horse battery staple", "Lò Văn Tường 1972 đi rẫy"} {
		if Common(pw) {
			t.Errorf("Common(%q) = true", pw)
		}
	}
}
