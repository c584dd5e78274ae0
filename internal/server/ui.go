package server

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
)

//go:embed ui/index.html ui/static ui/vendor
var uiFiles embed.FS

var indexTemplate = template.Must(template.ParseFS(uiFiles, "ui/index.html"))

// contentSecurityPolicy keeps the dashboard to its own embedded files: nothing is fetched from
// elsewhere.
const contentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"

func (s *Server) uiRoutes() {
	static, _ := fs.Sub(uiFiles, "ui")
	files := http.FileServerFS(static)
	s.mux.Handle("GET /static/", files)
	s.mux.Handle("GET /vendor/", files)
	s.mux.HandleFunc("GET /{$}", s.handleIndex)
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := indexTemplate.Execute(&buf, struct{ Version string }{s.opts.Version}); err != nil {
		s.writeErr(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Cache-Control", "no-cache")
	w.Write(buf.Bytes())
}
