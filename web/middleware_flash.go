package web

import (
	"context"

	"kabinet"
	"net/http"
	"time"
)

// flashCookie carries a one-time message across a redirect. It holds a key
// of flashMessages, not the text: a cookie cannot then be made to put any
// words on the portal's pages, and Cyrillic needs no encoding.
const flashCookie = "kabinet_flash"

// flashMessages are the messages a redirect can leave for the next page.
var flashMessages = map[string]string{
	"signed-out":             "Вы вышли из личного кабинета.",
	"registered":             "Регистрация завершена. Добро пожаловать в личный кабинет!",
	"password-changed":       "Пароль изменён. Другие сеансы входа завершены.",
	"mail-resent":            "Письмо со ссылкой отправлено ещё раз.",
	"sms-sent":               "СМС с кодом отправлено.",
	"session-ended":          "Сеанс завершён. Войдите снова.",
	"signed-out-everywhere":  "Вы вышли из личного кабинета на всех устройствах.",
	"device-ended":           "Вход на этом устройстве завершён.",
	"email-link-sent":        "Письмо со ссылкой отправлено на новый адрес. Адрес для входа изменится, когда вы перейдёте по ссылке.",
	"phone-code-sent":        "СМС с кодом отправлено на новый номер.",
	"phone-changed":          "Телефон для входа изменён.",
	"account-named":          "Наименование счета сохранено.",
	"account-linked":         "Лицевой счет привязан. Переключаться между счетами можно вверху страницы.",
	"account-unlinked":       "Лицевой счет отвязан.",
	"account-link-requested": "Владельцу лицевого счета отправлен запрос. Счет появится в вашем кабинете, когда владелец разрешит доступ.",
	"access-approved":        "Доступ к лицевому счету разрешен.",
	"access-declined":        "Запрос доступа отклонен.",
	"access-revoked":         "Доступ к лицевому счету отозван.",
	"services-saved":         "Изменения сохранены.",
	"services-unchanged":     "Изменений нет: настройки остались прежними.",
	"reading-deleted":        "Показание удалено.",
	"autopay-off":            "Автоплатеж отключен, карта отвязана.",
	"autopay-off-later":      "Автоплатеж отключен: списаний больше не будет. Банк отвяжет карту чуть позже.",
	"office-signed-out":      "Вы вышли из рабочего места оператора.",
	"office-password":        "Пароль изменён.",
	"office-deleted":         "Регистрация удалена. Клиент может зарегистрироваться заново.",
	"office-assigned":        "Исполнитель назначен.",
	"office-status":          "Статус изменён.",
	"office-answered":        "Ответ сохранён и направлен клиенту.",
	"specialist-sent":        "Заявка на вызов специалиста принята. Сотрудник свяжется с вами, чтобы договориться о дате и времени.",
	"statement-sent":         "Акт сверки сформирован и отправлен на вашу электронную почту.",
	// A request's flash says where its answer will come, by the request's
	// answer channel (sentKey): «Мои обращения» always shows it too.
	"documents-sent-cabinet": "Документы отправлены. Ответ появится в личном кабинете, в разделе «Мои обращения».",
	"documents-sent-email":   "Документы отправлены. Ответ придет на электронную почту и появится в разделе «Мои обращения».",
	"feedback-sent-cabinet":  "Обращение отправлено. Ответ появится в течение 30 дней в личном кабинете, в разделе «Мои обращения».",
	"feedback-sent-email":    "Обращение отправлено. Ответ придет в течение 30 дней на электронную почту и появится в разделе «Мои обращения».",
	"feedback-sent-phone":    "Обращение отправлено. Ответ в течение 30 дней сообщат по телефону; он появится и в разделе «Мои обращения».",
	"feedback-sent-post":     "Обращение отправлено. Ответ в течение 30 дней направят почтой; он появится и в разделе «Мои обращения».",
}

type flashKey struct{}

// takeFlash reads the flash cookie of a page request into the context and
// deletes it, so the message shows once. Both sites have it in their
// chains; the shell's own routes (assets, operations) do not, so they
// leave the message to the page.
func (s *Server) takeFlash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(flashCookie)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		http.SetCookie(w, s.cookie(flashCookie, "", -1))
		if msg, ok := flashMessages[c.Value]; ok {
			r = r.WithContext(context.WithValue(r.Context(), flashKey{}, msg))
		}
		next.ServeHTTP(w, r)
	})
}

// flash returns the flash message of the request, "" if none. A request
// whose session just ended says so, so that a customer who left the
// cabinet open knows why the sign-in form is back.
func flash(r *http.Request) string {
	msg, _ := r.Context().Value(flashKey{}).(string)
	if msg == "" && sessionEnded(r) {
		msg = flashMessages["session-ended"]
	}
	return msg
}

// flashKeyOf is the key of the request's flash message, "" if none: a page
// that only redirects passes it on to the page that shows it.
func flashKeyOf(r *http.Request) string {
	if c, err := r.Cookie(flashCookie); err == nil {
		if _, ok := flashMessages[c.Value]; ok {
			return c.Value
		}
	}
	return ""
}

// toSignIn sends a visitor without a session to the sign-in form, saying
// so if the session has just ended.
func (s *Server) toSignIn(w http.ResponseWriter, r *http.Request) error {
	key := ""
	if sessionEnded(r) {
		key = "session-ended"
	}
	return s.redirect(w, r, "/login", key)
}

// redirect answers a successful form with 303 See Other to path, leaving
// the flash message key for the next page ("" for none).
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, path, key string) error {
	if key != "" {
		http.SetCookie(w, s.cookie(flashCookie, key, time.Minute))
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
	return nil
}

// sentKey is the flash key of a sent request of kind ("documents",
// "feedback") with answer channel c: it says where the answer will come.
func sentKey(kind string, c kabinet.AnswerChannel) string {
	return kind + "-sent-" + string(c)
}
