package server

import (
	"compress/gzip"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Compression of answers: gzip at its fastest level, for pages, JSON and
// the static files, when the client accepts it and the answer is worth it.
// Fastest, because on the two cores this runs on the default level costs
// more CPU than the bytes it saves (measured in docs/performance.md).
const (
	CompressLevel     = gzip.BestSpeed
	CompressMinLength = 1024
)

// incompressible are file types that are compressed already.
var incompressible = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".woff": true,
	".woff2": true, ".zip": true, ".gz": true, ".pdf": true, ".docx": true, ".xlsx": true}

// compress gzips answers; it runs before routing, so error pages are
// compressed too. Attachments are sent as stored.
func compress() echo.MiddlewareFunc {
	return middleware.GzipWithConfig(middleware.GzipConfig{
		Level:     CompressLevel,
		MinLength: CompressMinLength,
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return strings.HasPrefix(p, "/api/v1/attachments/") || strings.HasPrefix(p, "/files/") || incompressible[strings.ToLower(path.Ext(p))]
		},
	})
}
