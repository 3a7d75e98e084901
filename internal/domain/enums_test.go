package domain_test

import (
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestOverallResultVietnamese(t *testing.T) {
	cases := []struct {
		r    domain.OverallResult
		want string
	}{
		{domain.ResultExcellent, "Hoàn thành xuất sắc"},
		{domain.ResultGood, "Hoàn thành tốt"},
		{domain.ResultFair, "Hoàn thành"},
		{domain.ResultPoor, "Chưa hoàn thành"},
		{"", ""},
		{"outstanding", ""},
	}
	for _, c := range cases {
		if got := c.r.Vietnamese(); got != c.want {
			t.Errorf("OverallResult(%q).Vietnamese() = %q, want %q", c.r, got, c.want)
		}
	}
	for _, r := range domain.OverallResults {
		if r.Vietnamese() == "" {
			t.Errorf("OverallResult(%q) has no Vietnamese wording", r)
		}
	}
}

func TestValid(t *testing.T) {
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"measure score", domain.Valid(domain.MeasureScore, domain.Measures), true},
		{"measure level", domain.Valid(domain.Measure("level"), domain.Measures), false},
		{"role leader", domain.Valid(domain.RoleLeader, domain.Roles), true},
		{"role empty", domain.Valid(domain.Role(""), domain.Roles), false},
		{"sign prefix own name", domain.Valid("", domain.SignPrefixes), true},
		{"sign prefix KT.", domain.Valid("KT.", domain.SignPrefixes), true},
		{"sign prefix KT without dot", domain.Valid("KT", domain.SignPrefixes), false},
		{"team role secretary", domain.Valid(domain.TeamRoleSecretary, domain.TeamRoles), true},
		{"attachment owner action_update", domain.Valid("action_update", domain.AttachmentOwners), true},
		{"attachment owner user", domain.Valid("user", domain.AttachmentOwners), false},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: Valid = %v, want %v", c.name, c.got, c.want)
		}
	}
}
