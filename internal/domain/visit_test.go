package domain_test

import (
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestCheckTeam(t *testing.T) {
	member := func(userID *int64, name string, role domain.TeamRole) domain.TeamMember {
		return domain.TeamMember{UserID: userID, FullName: name, Role: role}
	}
	lead := member(ptr(int64(1)), "Lê Đình Tuyên", domain.TeamRoleLead)
	deputy := member(ptr(int64(2)), "Nguyễn Văn Bình", domain.TeamRoleDeputy)
	inspector := member(ptr(int64(3)), "Trần Thị Hoa", domain.TeamRoleMember)
	secretary := member(ptr(int64(4)), "Nguyễn Nhung", domain.TeamRoleSecretary)
	outsider := member(nil, "Phạm Văn Nam", domain.TeamRoleMember)
	cases := []struct {
		name string
		team []domain.TeamMember
		want []domain.FieldError
	}{
		{"a lead alone", []domain.TeamMember{lead}, nil},
		{"a full team", []domain.TeamMember{lead, deputy, inspector, secretary}, nil},
		{"the lead need not come first", []domain.TeamMember{secretary, inspector, lead}, nil},
		{"outside members are names only", []domain.TeamMember{lead, outsider, member(nil, "Phạm Văn Nam", domain.TeamRoleMember)}, nil},
		{"an outside lead", []domain.TeamMember{member(nil, "Lê Văn Quang", domain.TeamRoleLead), inspector}, nil},

		{"no members", nil, []domain.FieldError{fe("members", "lead_required")}},
		{"no lead", []domain.TeamMember{deputy, inspector, secretary}, []domain.FieldError{fe("members", "lead_required")}},
		{"a second lead", []domain.TeamMember{lead, inspector, member(ptr(int64(5)), "Hoàng Văn Minh", domain.TeamRoleLead)},
			[]domain.FieldError{fe("members[2].role", "second_lead")}},
		{"the same user twice", []domain.TeamMember{lead, inspector, secretary, member(ptr(int64(3)), "Trần Thị Hoa", domain.TeamRoleSecretary)},
			[]domain.FieldError{fe("members[3].user_id", "duplicate")}},
		{"the lead listed again as a member", []domain.TeamMember{lead, member(ptr(int64(1)), "Lê Đình Tuyên", domain.TeamRoleMember)},
			[]domain.FieldError{fe("members[1].user_id", "duplicate")}},
		{"the same user as lead twice", []domain.TeamMember{lead, lead},
			[]domain.FieldError{fe("members[1].role", "second_lead"), fe("members[1].user_id", "duplicate")}},
		{"no lead and a user twice", []domain.TeamMember{inspector, inspector},
			[]domain.FieldError{fe("members[1].user_id", "duplicate"), fe("members", "lead_required")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertFields(t, domain.CheckTeam(c.team), c.want...)
		})
	}
}
