package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "cchc_session"

// CSRFHeader carries the session's CSRF token on cookie-authenticated writes.
const CSRFHeader = "X-CSRF-Token"

const (
	actorKey   = "actor"
	sessionKey = "session"
)

// routes registers the JSON API under /api/v1.
func (s *Server) routes() {
	api := s.echo.Group("/api/v1")
	api.GET("/openapi.yaml", s.openapiYAML)
	api.POST("/session", s.signIn)

	a := api.Group("", s.authenticate)
	a.GET("/session", s.currentSession)
	a.DELETE("/session", s.signOut)
	a.GET("/me", s.me)
	a.POST("/me/password", s.changePassword)
	a.GET("/tokens", s.listTokens)
	a.POST("/tokens", s.createToken)
	a.DELETE("/tokens/:id", s.revokeToken)

	a.GET("/agencies", s.listAgencies)
	a.POST("/agencies", s.createAgency)
	a.GET("/agencies/:id", s.getAgency)
	a.PATCH("/agencies/:id", s.updateAgency)
	a.DELETE("/agencies/:id", s.deleteAgency)

	a.GET("/users", s.listUsers)
	a.POST("/users", s.createUser)
	a.GET("/users/:id", s.getUser)
	a.PATCH("/users/:id", s.updateUser)

	a.GET("/criteria-sets", s.listCriteriaSets)
	a.POST("/criteria-sets", s.createCriteriaSet)
	a.GET("/criteria-sets/:id", s.getCriteriaSet)
	a.POST("/criteria-sets/:id/criteria", s.addCriterion)
	a.PATCH("/criteria/:id", s.updateCriterion)

	a.GET("/plans", s.listPlans)
	a.POST("/plans", s.createPlan)
	a.GET("/plans/:id", s.getPlan)
	a.PATCH("/plans/:id", s.updatePlan)

	a.GET("/visits", s.listVisits)
	a.POST("/visits", s.createVisit)
	a.GET("/visits/:id", s.getVisit)
	a.PATCH("/visits/:id", s.updateVisit)
	a.PUT("/visits/:id/team", s.putTeam)

	a.GET("/visits/:id/findings", s.listFindings)
	a.POST("/visits/:id/findings", s.createFinding)
	a.GET("/findings/:id", s.getFinding)
	a.PATCH("/findings/:id", s.updateFinding)
	a.DELETE("/findings/:id", s.deleteFinding)

	a.GET("/visits/:id/procedure-stats", s.getProcedureStats)
	a.PUT("/visits/:id/procedure-stats", s.putProcedureStats)
	a.GET("/visits/:id/staffing-stats", s.getStaffingStats)
	a.PUT("/visits/:id/staffing-stats", s.putStaffingStats)

	a.GET("/visits/:id/shortcomings", s.listShortcomings)
	a.POST("/visits/:id/shortcomings", s.createShortcoming)
	a.GET("/shortcomings/:id", s.getShortcoming)
	a.PATCH("/shortcomings/:id", s.updateShortcoming)
	a.DELETE("/shortcomings/:id", s.deleteShortcoming)

	a.GET("/shortcomings/:id/actions", s.listShortcomingActions)
	a.POST("/shortcomings/:id/actions", s.createAction)
	a.GET("/actions", s.listActions)
	a.GET("/actions/:id", s.getAction)
	a.PATCH("/actions/:id", s.updateAction)
	a.GET("/actions/:id/updates", s.listActionUpdates)
	a.POST("/actions/:id/updates", s.reportProgress)
	a.POST("/actions/:id/verify", s.verifyAction)
	a.POST("/actions/:id/reopen", s.reopenAction)

	a.GET("/visits/:id/conclusion", s.getConclusion)
	a.PUT("/visits/:id/conclusion", s.putConclusion)
	a.POST("/visits/:id/conclusion/submit", s.submitConclusion)
	a.POST("/visits/:id/conclusion/approve", s.approveConclusion)
	a.POST("/visits/:id/conclusion/return", s.returnConclusion)

	a.GET("/attachments", s.listAttachments)
	a.POST("/attachments", s.upload)
	a.GET("/attachments/:id", s.download)
	a.DELETE("/attachments/:id", s.deleteAttachment)

	a.GET("/audit", s.listAudit)

	a.GET("/visits/:id/conclusion.docx", s.conclusionDOCX)
	a.GET("/visits/:id/minutes.docx", s.minutesDOCX)
	a.GET("/visits/:id/bulletin", s.bulletin)
	a.GET("/plans/:id/report.docx", s.planReportDOCX)
	a.GET("/reports/:year.xlsx", s.yearXLSX)
	a.GET("/reports/dashboard", s.dashboard)
	a.GET("/reports/agencies/:id/trend", s.agencyTrend)
}

// authenticate finds the caller: a bearer token, or a session cookie whose
// writes must carry the session's CSRF token. Nobody gets 401.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				return &domain.Error{Code: domain.EUNAUTHENTICATED, Message: "use Authorization: Bearer <token>", Key: "unauthenticated"}
			}
			u, err := s.svc.AuthenticateToken(ctx, strings.TrimSpace(token))
			if err != nil {
				return err
			}
			c.Set(actorKey, service.Actor{User: u, RequestID: requestIDOf(c)})
			return next(c)
		}
		cookie, err := c.Cookie(SessionCookie)
		if err != nil {
			return &domain.Error{Code: domain.EUNAUTHENTICATED, Message: "sign in first", Key: "unauthenticated"}
		}
		u, ses, err := s.svc.Authenticate(ctx, cookie.Value)
		if err != nil {
			return err
		}
		if unsafe(c.Request().Method) && !service.CheckCSRF(ses, csrfToken(c)) {
			return &domain.Error{Code: domain.EFORBIDDEN, Message: "missing or wrong CSRF token", Key: "csrf"}
		}
		c.Set(actorKey, service.Actor{User: u, RequestID: requestIDOf(c)})
		c.Set(sessionKey, ses)
		return next(c)
	}
}

// csrfToken reads the CSRF token from its header, or from the form field
// csrf_token of a form or upload.
func csrfToken(c echo.Context) string {
	if t := c.Request().Header.Get(CSRFHeader); t != "" {
		return t
	}
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if strings.HasPrefix(ct, echo.MIMEMultipartForm) || strings.HasPrefix(ct, echo.MIMEApplicationForm) {
		return c.FormValue("csrf_token")
	}
	return ""
}

func unsafe(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// actor returns the authenticated caller.
func actor(c echo.Context) service.Actor {
	a, _ := c.Get(actorKey).(service.Actor)
	return a
}

// created answers 201 with the new record.
func created(c echo.Context, v any) error { return c.JSON(http.StatusCreated, v) }

// ok answers 200 with the record.
func ok(c echo.Context, v any) error { return c.JSON(http.StatusOK, v) }
