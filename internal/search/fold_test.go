package search

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Kiểm tra", "kiem tra"},
		{"Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe"},
		{"ĐIỆN BIÊN", "dien bien"},
		{"  Lê   Đình\tTuyên ", "le dinh tuyen"},
		{"Mường Ảng", "muong ang"},
		{"Thủ tục hành chính (TTHC)", "thu tuc hanh chinh (tthc)"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFoldMatchesPrecomposedAndDecomposed(t *testing.T) {
	// "ệ" precomposed (U+1EC7) and decomposed (e + U+0323 + U+0302).
	if Fold("Bi\u1ec7n") != Fold("Bie\u0323\u0302n") {
		t.Fatal("precomposed and decomposed forms fold differently")
	}
}

func TestPatterns(t *testing.T) {
	got := Patterns("  Kiểm  TRA 100%_x ")
	want := []string{"%kiem%", "%tra%", `%100\%\_x%`}
	if !slices.Equal(got, want) {
		t.Fatalf("Patterns = %q, want %q", got, want)
	}
	if len(Patterns("   ")) != 0 {
		t.Fatal("blank query gives patterns")
	}
}
