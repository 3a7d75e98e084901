package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/web"
)

// pageRoutes registers the pages people work in. Forms post to the pages
// themselves; a handler calls the same service as the API.
func (s *Server) pageRoutes() {
	e := s.echo
	e.GET("/login", s.loginPage)
	e.POST("/login", s.loginPost)
	e.GET("/lang", s.setLang)

	p := e.Group("", s.pageAuth)
	p.POST("/logout", s.logoutPost)
	p.GET("/", s.homePage)
	p.GET("/password", s.passwordPage)
	p.POST("/password", s.passwordPost)

	p.GET("/visits", s.visitsPage)
	p.GET("/visits/new", s.visitFormPage)
	p.POST("/visits/new", s.visitCreatePost)
	p.GET("/visits/:id", s.visitPage)
	p.GET("/visits/:id/edit", s.visitEditPage)
	p.POST("/visits/:id/edit", s.visitEditPost)
	p.POST("/visits/:id/status", s.visitStatusPost)
	p.GET("/visits/:id/team", s.teamPage)
	p.POST("/visits/:id/team", s.teamPost)
	p.GET("/visits/:id/findings", s.findingsPage)
	p.POST("/visits/:id/findings/:criterion", s.findingPost)
	p.GET("/visits/:id/figures", s.figuresPage)
	p.POST("/visits/:id/figures/procedure", s.procedurePost)
	p.POST("/visits/:id/figures/staffing", s.staffingPost)
	p.GET("/visits/:id/shortcomings", s.shortcomingsPage)
	p.POST("/visits/:id/shortcomings", s.shortcomingPost)
	p.POST("/shortcomings/:id/actions", s.actionCreatePost)
	p.GET("/visits/:id/conclusion", s.conclusionPage)
	p.POST("/visits/:id/conclusion", s.conclusionPost)
	p.POST("/visits/:id/conclusion/:step", s.conclusionStepPost)
	p.POST("/visits/:id/attachments", s.attachmentPost)

	p.GET("/actions", s.actionsPage)
	p.GET("/actions/:id", s.actionPage)
	p.POST("/actions/:id/report", s.actionReportPost)
	p.POST("/actions/:id/:step", s.actionStepPost)
	p.GET("/files/:id", s.filePage)
	p.GET("/visits/:id/print", s.printConclusion)
	p.GET("/dashboard", s.dashboardPage)
	p.GET("/dashboard.csv", s.dashboardCSV)
	s.adminPageRoutes(p)
}

// staticFiles serves the embedded assets; a versioned URL (?v=) may be
// kept by browsers for a year, since its content never changes.
func staticFiles() echo.HandlerFunc {
	files := http.StripPrefix("/static/", http.FileServerFS(web.Static()))
	return func(c echo.Context) error {
		if strings.HasSuffix(c.Request().URL.Path, "/") {
			return echo.ErrNotFound
		}
		if c.QueryParam("v") != "" {
			c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			c.Response().Header().Set("Cache-Control", "public, max-age=300")
		}
		files.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}
