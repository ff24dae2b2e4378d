package web

import (
	"net/http"
	"strconv"

	"kabinet"
	"kabinet/auth"
	"kabinet/requests"
)

// DocumentsPage is «Направить документы он-лайн» (SVC-7).
type DocumentsPage struct {
	BasePage
	RequestForm
	Form   requests.DocumentsForm
	Limits requests.Config
}

// TopicSelect is the question the documents are about.
func (p *DocumentsPage) TopicSelect() Select {
	return newSelect(p.field("topic", "Вопрос", ""), "Выберите вопрос", p.Form.Topic, textOptions(requests.DocumentTopics)...)
}

// CommentArea is «Комментарий».
func (p *DocumentsPage) CommentArea() TextArea {
	return TextArea{Field: Field{ID: "comment", Name: "comment", Label: "Комментарий", Value: p.Form.Comment,
		Error: p.Errors["comment"], Hint: "Для вопроса «Другое» — обязательно."}, Rows: 4}
}

// FilesInput is the scans.
func (p *DocumentsPage) FilesInput() FileInput {
	f := filesInput(&p.RequestForm, p.Limits)
	f.Label, f.Required, f.Mark = "Сканы документов", true, true
	return f
}

// filesInput is the attachments' control with the limits in its hint.
func filesInput(f *RequestForm, l requests.Config) FileInput {
	hint := "Файлы " + requests.AllowedTypes + ", не больше " + itoaInt(l.MaxFiles) + ", каждый не больше " +
		itoaInt(int(l.MaxFileSize>>20)) + " Мб. Можно выбрать несколько файлов сразу."
	if f.Errors["files"] != "" || len(f.Errors) > 0 {
		hint += " Выбранные файлы нужно прикрепить заново."
	}
	return FileInput{Field: Field{ID: "files", Name: "files", Label: "Прикрепить файлы", Hint: hint, Error: f.Errors["files"]},
		Accept: ".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff", Multiple: true}
}

// handleDocumentsShow shows the form.
func (s *portalSite) handleDocumentsShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	return s.renderDocuments(w, r, a, http.StatusOK, requests.DocumentsForm{}, nil)
}

// handleDocumentsCreate takes the scans as they stream in and sends them.
func (s *portalSite) handleDocumentsCreate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	up := s.requests.NewUpload()
	pf, err := s.readUpload(w, r, up, "files")
	if err != nil {
		up.Discard(r.Context())
		return err
	}
	f := requests.DocumentsForm{Topic: pf.Get("topic"), Comment: pf.Get("comment")}
	req, err := s.requests.Documents(r.Context(), requests.Sender{Account: a, User: v.User}, f, up)
	if refused, ok := formRefusal(err); ok {
		return s.renderDocuments(w, r, a, refusalStatus(err), f, refused)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "requests"), sentKey("documents", req.AnswerChannel))
}

func (s *portalSite) renderDocuments(w http.ResponseWriter, r *http.Request, a *kabinet.Account, status int, f requests.DocumentsForm, refused *RequestForm) error {
	p := &DocumentsPage{BasePage: s.base(r, "Направить документы он-лайн"), Form: f, Limits: s.requests.Config()}
	p.RequestForm = formFor(refused, accountPath(a, "documents"), accountPath(a, ""))
	return s.render(w, status, "documents", p)
}

func itoaInt(n int) string { return strconv.Itoa(n) }
