package server

import "github.com/labstack/echo/v4"

// adminPageRoutes registers the pages of the annual plans and of the
// administration (users, agencies, criteria sets), on the signed-in group.
func (s *Server) adminPageRoutes(p *echo.Group) {
	p.GET("/plans", s.plansPage)
	p.POST("/plans", s.planCreatePost)
	p.GET("/plans/:id", s.planPage)
	p.POST("/plans/:id", s.planEditPost)

	p.GET("/admin", s.adminPage)
	p.GET("/admin/users", s.usersPage)
	p.POST("/admin/users", s.userCreatePost)
	p.POST("/admin/users/:id/active", s.userActivePost)
	p.POST("/admin/users/:id/password", s.userPasswordPost)
	p.GET("/admin/agencies", s.agenciesPage)
	p.POST("/admin/agencies", s.agencyCreatePost)
	p.GET("/admin/agencies/:id", s.agencyPage)
	p.POST("/admin/agencies/:id", s.agencyEditPost)
	p.GET("/admin/criteria", s.criteriaSetsPage)
	p.POST("/admin/criteria", s.criteriaSetCreatePost)
	p.GET("/admin/criteria/:id", s.criteriaSetPage)
	p.POST("/admin/criteria/:id/criteria", s.criterionAddPost)
	p.POST("/admin/criteria/:id/criteria/:cid", s.criterionEditPost)
}
