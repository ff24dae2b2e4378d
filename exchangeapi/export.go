package exchangeapi

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"kabinet"
	"kabinet/clientip"
	"kabinet/exchange"
)

// handleExport answers GET /export?since=CURSOR: every outgoing record
// after the cursor as one JSON Lines stream, ending with the new cursor
// (also in the Exchange-Cursor header). The token's use is audited before
// anything is sent.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) error {
	since, err := exchange.ParseCursor(r.URL.Query().Get("since"))
	if err != nil {
		return err
	}
	t := token(r)
	e, err := s.exporter.Start(r.Context(), t.Login(), since)
	if err != nil {
		return err
	}
	detail := fmt.Sprintf("курсор %d → %d, новых изменений %d", since, e.Cursor, e.Changes)
	if err := s.tokens.Audit(r.Context(), t, kabinet.AuditExchangeExport, detail, clientip.Of(r, s.cfg.TrustProxy)); err != nil {
		return err
	}
	// A large export outlasts the server's write timeout.
	http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Exchange-Cursor", strconv.FormatInt(e.Cursor, 10))
	err = s.exporter.ToJSONLines(r.Context(), w, e, func(req, att string) string {
		return Prefix + "requests/" + req + "/attachments/" + att
	})
	if err != nil {
		// The stream has begun: the client sees no cursor line and asks
		// again with the same since.
		s.log.Error("exchange export", "since", since, "cursor", e.Cursor, "err", err)
	}
	return nil
}

// handleAttachment serves a file of a customer's request, audited.
func (s *Server) handleAttachment(w http.ResponseWriter, r *http.Request) error {
	req, err1 := strconv.ParseInt(r.PathValue("req"), 10, 64)
	att, err2 := strconv.ParseInt(r.PathValue("att"), 10, 64)
	if err1 != nil || err2 != nil || s.exporter.Files == nil {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден")
	}
	t := token(r)
	a, body, err := s.exporter.Files.OfficeAttachment(r.Context(), req, att)
	if err != nil {
		return err
	}
	defer body.Close()
	detail := fmt.Sprintf("обращение %d, файл %d «%s»", req, att, a.Name)
	if err := s.tokens.Audit(r.Context(), t, kabinet.AuditExchangeFile, detail, clientip.Of(r, s.cfg.TrustProxy)); err != nil {
		return err
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	_, err = io.Copy(w, body)
	if err != nil {
		s.log.Error("exchange attachment", "request", req, "attachment", att, "err", err)
	}
	return nil
}
