package server

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// upload takes multipart/form-data with owner_type, owner_id and file.
func (s *Server) upload(c echo.Context) error {
	req := c.Request()
	mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if mt != echo.MIMEMultipartForm {
		return &domain.Error{Code: domain.EUNSUPPORTED, Message: "an upload is multipart/form-data", Key: "content_type",
			Args: map[string]string{"want": "multipart/form-data"}}
	}
	limit := s.svc.MaxUpload // the body is bounded by limitBodies
	if err := req.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge(limit)
		}
		return malformed("the multipart form cannot be read")
	}
	defer req.MultipartForm.RemoveAll()
	var fs domain.Fields
	in := service.NewAttachment{OwnerType: req.FormValue("owner_type")}
	if raw := req.FormValue("owner_id"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return &domain.Error{Code: domain.EMALFORMED, Message: "owner_id is not an integer", Key: "bad_parameter",
				Args: map[string]string{"param": "owner_id"}, Fields: []domain.FieldError{{Field: "owner_id", Code: "type", Param: "integer"}}}
		}
		in.OwnerID = id
	}
	file, header, err := req.FormFile("file")
	if err != nil {
		fs.Add("file", "required")
		return fs.Err()
	}
	defer file.Close()
	in.FileName = header.Filename
	if in.Data, err = io.ReadAll(io.LimitReader(file, limit+1)); err != nil {
		return malformed("the file cannot be read")
	}
	att, err := s.svc.Upload(req.Context(), actor(c), in)
	if err != nil {
		return err
	}
	return created(c, att)
}

// download sends the file as an attachment with its stored type, never
// to be shown in the page or sniffed as something else.
func (s *Server) download(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.sendAttachment(c, id)
}

// sendAttachment sends an attachment's bytes the caller may read, as a
// download with its stored type.
func (s *Server) sendAttachment(c echo.Context, id int64) error {
	att, data, err := s.svc.Attachment(c.Request().Context(), actor(c), id, true)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", contentDisposition(att.FileName))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, att.ContentType, data)
}

// contentDisposition names the file for every browser: an ASCII fallback
// and the UTF-8 name (RFC 6266).
func contentDisposition(name string) string {
	ascii := make([]rune, 0, len(name))
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			r = '_'
		}
		ascii = append(ascii, r)
	}
	return `attachment; filename="` + string(ascii) + `"; filename*=UTF-8''` + url.PathEscape(name)
}

func (s *Server) listAttachments(c echo.Context) error {
	q := newQuery(c)
	ownerID := q.id("owner_id")
	ownerType := c.QueryParam("owner_type")
	if ownerType == "" {
		q.invalid.Add("owner_type", "required")
	}
	if ownerID == nil && len(q.malformed) == 0 {
		q.invalid.Add("owner_id", "required")
	}
	if err := q.err(); err != nil {
		return err
	}
	items, err := s.svc.Attachments(c.Request().Context(), actor(c), ownerType, *ownerID)
	if err != nil {
		return err
	}
	return list(c, items, len(items), domain.Page{Page: 1, PerPage: max(len(items), 1)})
}

func (s *Server) deleteAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.svc.DeleteAttachment(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
