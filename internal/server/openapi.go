package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/docs"
)

// openapiYAML serves the OpenAPI document.
func (s *Server) openapiYAML(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", docs.OpenAPI)
}
