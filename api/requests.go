package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"kabinet"
	"kabinet/clientip"
	"kabinet/requests"
)

type requestItem struct {
	ID         int64        `json:"id"`
	Number     string       `json:"number"`
	Kind       string       `json:"kind"`
	Topic      string       `json:"topic"`
	Text       string       `json:"text"`
	CreatedAt  string       `json:"created_at"`
	Deadline   string       `json:"deadline"`
	Status     string       `json:"status"`
	Overdue    bool         `json:"overdue"`
	Answer     string       `json:"answer,omitempty"`
	AnsweredAt string       `json:"answered_at,omitempty"`
	Files      []attachItem `json:"files"`
}

type attachItem struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
	URL  string `json:"url"`
}

// sentBy is whose requests the customer sees: all of the account's for
// its owner (0), her own for a person who linked it — the page's rule.
func sentBy(v *visit) int64 {
	if v.Owner {
		return 0
	}
	return v.User.ID
}

// handleRequests is «Мои обращения» with their answers (SVC-5..7).
func (s *Server) handleRequests(w http.ResponseWriter, r *http.Request, v *visit) error {
	rs, err := s.requests.List(r.Context(), v.Account, sentBy(v))
	if err != nil {
		return err
	}
	items := []requestItem{}
	now := s.requests.Now()
	for _, req := range rs {
		items = append(items, requestOf(v.Account, req, now))
	}
	writeJSON(w, http.StatusOK, struct {
		Requests []requestItem `json:"requests"`
	}{items})
	return nil
}

func requestOf(a *kabinet.Account, req *kabinet.Request, now time.Time) requestItem {
	it := requestItem{ID: req.ID, Number: req.Number(), Kind: req.Kind.Title(), Topic: req.Topic, Text: req.Text,
		CreatedAt: stamp(req.CreatedAt), Deadline: day(req.Deadline), Status: req.Status.Title(), Overdue: req.Overdue(now),
		Answer: req.Answer, Files: []attachItem{}}
	if !req.AnsweredAt.IsZero() {
		it.AnsweredAt = stamp(req.AnsweredAt)
	}
	for _, at := range req.Attachments {
		it.Files = append(it.Files, attachItem{Name: at.Name, Size: at.Size, URL: Prefix + "accounts/" +
			strconv.FormatInt(a.ID, 10) + "/requests/" + strconv.FormatInt(req.ID, 10) + "/files/" + strconv.FormatInt(at.ID, 10)})
	}
	return it
}

// handleRequestCreate is «Направить документы он-лайн» (SVC-7): a
// multipart form with the topic, a comment and the scans ("files"),
// checked as the page checks them; the files stream into the store.
func (s *Server) handleRequestCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	up := s.requests.NewUpload()
	topic, comment, err := s.readDocuments(w, r, up)
	if err != nil {
		up.Discard(r.Context())
		return err
	}
	req, err := s.requests.Documents(r.Context(), requests.Sender{Account: v.Account, User: v.User, IP: clientip.Of(r, s.cfg.TrustProxy)},
		requests.DocumentsForm{Topic: topic, Comment: comment}, up)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, requestOf(v.Account, req, s.requests.Now()))
	return nil
}

// readDocuments reads the multipart form, at most the files allowed plus
// a megabyte of fields.
func (s *Server) readDocuments(w http.ResponseWriter, r *http.Request, up *requests.Upload) (topic, comment string, err error) {
	cfg := s.requests.Config()
	r.Body = http.MaxBytesReader(w, r.Body, int64(cfg.MaxFiles)*cfg.MaxFileSize+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", "", errBadForm
	}
	for {
		p, err := mr.NextPart()
		var mb *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return topic, comment, nil
		case errors.As(err, &mb):
			up.Refuse("Слишком большой объем файлов: можно прикрепить не больше " + strconv.Itoa(cfg.MaxFiles) + " файлов по " +
				strconv.FormatInt(cfg.MaxFileSize>>20, 10) + " Мб.")
			return topic, comment, nil
		case err != nil:
			return "", "", errBadForm
		}
		_, params, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
		name, isFile := params["filename"]
		switch {
		case isFile && p.FormName() == "files" && name != "" && up.Refused() == "":
			if err := up.Add(r.Context(), name, p); err != nil && kabinet.ErrorCode(err) != kabinet.EINVALID {
				return "", "", err
			}
			io.Copy(io.Discard, p)
		case isFile:
			io.Copy(io.Discard, p)
		default:
			b, err := io.ReadAll(io.LimitReader(p, 8<<10))
			if err != nil {
				return "", "", errBadForm
			}
			switch p.FormName() {
			case "topic":
				topic = string(b)
			case "comment":
				comment = string(b)
			}
		}
	}
}

var errBadForm = kabinet.Errorf(kabinet.EINVALID, "Не удалось прочитать форму: ожидается multipart/form-data с полями topic, comment и files.")

// handleAttachment sends a file of a request the customer sees.
func (s *Server) handleAttachment(w http.ResponseWriter, r *http.Request, v *visit) error {
	at, f, err := s.requests.Attachment(r.Context(), v.Account, sentBy(v), idParam(r.PathValue("req")), idParam(r.PathValue("att")))
	if err != nil {
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", at.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": at.Name}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, err = io.Copy(w, f)
	return err
}
