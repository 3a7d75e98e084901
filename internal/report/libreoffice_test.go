package report_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// TestLibreOfficeOpensEveryDocument converts every generated document,
// and the workbook, to PDF with LibreOffice headless: each must convert
// without error. LibreOffice is optional on a developer's machine (the test
// is skipped without soffice) and required under CI=true (.ci/run installs
// it). Set CCHC_REPORT_OUT to a folder to keep the files and their PDFs.
func TestLibreOfficeOpensEveryDocument(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice is not installed: under CI=true the documents must be checked with LibreOffice (.ci/run installs it)")
		}
		t.Skip("soffice not installed: LibreOffice check skipped")
	}
	db := storetest.Open(t, store.SQLite)
	svc, visits := demoWorld(t, db)
	v, err := store.Get[domain.Visit](ctx, svc.Store(), visits["SKHCN 2019"])
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]func() ([]byte, error){
		"thong-bao-ket-luan.docx": file(func() (*service.File, error) { return svc.ConclusionDOCX(ctx, service.System, v.ID) }),
		"bien-ban.docx":           file(func() (*service.File, error) { return svc.MinutesDOCX(ctx, service.System, v.ID) }),
		"thong-bao-du-thao.docx":  file(func() (*service.File, error) { return svc.ConclusionDOCX(ctx, service.System, visits["SKHCN 2020"]) }),
		"bao-cao-ke-hoach.docx":   file(func() (*service.File, error) { return svc.PlanReportDOCX(ctx, service.System, v.PlanID) }),
		"ket-qua-2019.xlsx": func() ([]byte, error) {
			wb, err := svc.YearWorkbook(ctx, service.System, 2019)
			if err != nil {
				return nil, err
			}
			defer wb.Close()
			var b bytes.Buffer
			_, err = wb.WriteTo(&b)
			return b.Bytes(), err
		},
	}
	dir := os.Getenv("CCHC_REPORT_OUT")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for name, make := range files {
		data, err := make()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	cctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(t.TempDir())
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir}, paths...)
	out, err := exec.CommandContext(cctx, soffice, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, p := range paths {
		pdf := strings.TrimSuffix(p, filepath.Ext(p)) + ".pdf"
		b, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 1000 {
			t.Errorf("LibreOffice did not convert %s to PDF (%d bytes, %v):\n%s", filepath.Base(p), len(b), err, out)
			continue
		}
		t.Logf("%s → %s (%d bytes)", filepath.Base(p), filepath.Base(pdf), len(b))
	}
}

func file(render func() (*service.File, error)) func() ([]byte, error) {
	return func() ([]byte, error) {
		f, err := render()
		if err != nil {
			return nil, err
		}
		return f.Data, nil
	}
}
