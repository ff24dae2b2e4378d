package exchange

// The kinds Kabinet writes for the billing system (the OUT direction): what
// customers did in the portal since a cursor. Every record carries
// Kabinet's own ID of the thing (reading_id, request_id...), so the billing
// system takes a record again without doing it twice, and the account's
// number as printed. A record is written with its current values however
// often it changed since the cursor. docs/exchange.md is the prose.

var (
	readingStatuses = []string{"accepted", "calculated", "rejected"}
	changeSources   = []string{"web", "push", "unsubscribe"}
)

// KindPortalReadings are readings passed in the portal (ГИС ЖКХ «Показания
// прибора учёта», способ передачи — личный кабинет).
var KindPortalReadings = &Kind{Name: "portal_readings", Direction: Out,
	Doc: "Показания, переданные клиентами через Личный кабинет.",
	Fields: []Field{
		{Name: "reading_id", Type: Int, Required: true, Doc: "ID показания в Кабинете"},
		{Name: "account_number", Doc: "номер лицевого счёта, как он напечатан в ЕПД"},
		{Name: "account_id", Doc: "ID лицевого счёта в биллинге (accounts.account_id); пусто, если биллинг его не присылал"},
		{Name: "meter_serial", Doc: "заводской номер прибора учёта (ГИС ЖКХ MeteringDeviceNumber)"},
		{Name: "meter_id", Doc: "ID прибора учёта в биллинге (meters.meter_id); пусто, если биллинг его не присылал"},
		{Name: "service", Values: services, Doc: "коммунальный ресурс"},
		{Name: "taken_on", Type: Date, Doc: "дата показания"},
		{Name: "period", Type: Period, Doc: "расчётный период, в котором показание учитывается"},
		{Name: "value_t1", Type: Int, Doc: "показание: общее или Т1 (ГИС ЖКХ MeteringValueT1)"},
		{Name: "value_t2", Type: Int, Doc: "показание Т2 (ночь)"},
		{Name: "value_t3", Type: Int, Doc: "показание Т3 (полупик)"},
		{Name: "consumption_t1", Type: Int, Doc: "расход по Т1 от предыдущего показания"},
		{Name: "consumption_t2", Type: Int, Doc: "расход по Т2"},
		{Name: "consumption_t3", Type: Int, Doc: "расход по Т3"},
		{Name: "channel", Values: []string{"portal"}, Doc: "способ передачи: portal — Личный кабинет"},
		{Name: "status", Values: readingStatuses, Doc: "состояние в Кабинете"},
		{Name: "passed_at", Type: Time, Doc: "время передачи"},
		{Name: "deleted", Type: Bool, Required: true, Doc: "true: клиент удалил показание; отменяет переданное раньше с тем же reading_id"},
	}}

// KindServiceChanges are changes of an account's additional services
// («Информирование», «счёт на дом», «счёт по e-mail»).
var KindServiceChanges = &Kind{Name: "service_changes", Direction: Out,
	Doc: "Изменения дополнительных услуг лицевого счёта.",
	Fields: []Field{
		{Name: "change_id", Type: Int, Required: true, Doc: "ID изменения в Кабинете"},
		{Name: "account_number", Required: true, Doc: "номер лицевого счёта"},
		{Name: "account_id", Doc: "ID лицевого счёта в биллинге (accounts.account_id); пусто, если биллинг его не присылал"},
		{Name: "field", Required: true, Values: []string{"push", "sms", "email_info", "bill_paper", "bill_email"},
			Doc: "услуга: push-уведомления, СМС-информирование, информирование по e-mail, счёт на дом, счёт по e-mail"},
		{Name: "old_value", Doc: "прежнее значение (true/false)"},
		{Name: "new_value", Doc: "новое значение (true/false)"},
		{Name: "changed_at", Type: Time, Required: true, Doc: "время изменения"},
		{Name: "source", Required: true, Values: changeSources, Doc: "кто изменил: web — клиент в кабинете, push — браузер отозвал подписку, unsubscribe — ссылка в письме"},
	}}

// KindContactChanges are changes of the phone and e-mail the supplier
// informs the account by.
var KindContactChanges = &Kind{Name: "contact_changes", Direction: Out,
	Doc: "Изменения контактов лицевого счёта для информирования и счёта по e-mail.",
	Fields: []Field{
		{Name: "change_id", Type: Int, Required: true, Doc: "ID изменения в Кабинете"},
		{Name: "account_number", Required: true, Doc: "номер лицевого счёта"},
		{Name: "account_id", Doc: "ID лицевого счёта в биллинге (accounts.account_id); пусто, если биллинг его не присылал"},
		{Name: "field", Required: true, Values: []string{"phone", "email"}, Doc: "телефон (79XXXXXXXXX) или адрес электронной почты"},
		{Name: "old_value", Doc: "прежнее значение"},
		{Name: "new_value", Doc: "новое значение (пусто — удалён)"},
		{Name: "changed_at", Type: Time, Required: true, Doc: "время изменения"},
		{Name: "source", Required: true, Values: changeSources, Doc: "кто изменил"},
	}}

// KindConsents are consents to personal-data processing (152-ФЗ), given
// and withdrawn.
var KindConsents = &Kind{Name: "consents", Direction: Out,
	Doc: "Согласия на обработку персональных данных: данные и отозванные.",
	Fields: []Field{
		{Name: "consent_id", Type: Int, Required: true, Doc: "ID согласия в Кабинете"},
		{Name: "account_number", Required: true, Doc: "номер лицевого счёта"},
		{Name: "account_id", Doc: "ID лицевого счёта в биллинге (accounts.account_id); пусто, если биллинг его не присылал"},
		{Name: "registration_id", Type: Int, Doc: "ID регистрации (registrations), пусто, если она удалена"},
		{Name: "purposes", Required: true, Doc: "цели обработки"},
		{Name: "text_version", Required: true, Doc: "версия текста согласия"},
		{Name: "given_at", Type: Time, Required: true, Doc: "время согласия"},
		{Name: "withdrawn_at", Type: Time, Doc: "время отзыва; пусто — действует"},
	}}

// KindRegistrations are customers' registrations in the portal.
var KindRegistrations = &Kind{Name: "registrations", Direction: Out,
	Doc: "Регистрации клиентов в Личном кабинете.",
	Fields: []Field{
		{Name: "registration_id", Type: Int, Required: true, Doc: "ID регистрации (пользователя) в Кабинете"},
		{Name: "account_number", Required: true, Doc: "номер лицевого счёта, на который зарегистрирован клиент"},
		{Name: "account_id", Doc: "ID лицевого счёта в биллинге (accounts.account_id); пусто, если биллинг его не присылал"},
		{Name: "email", Doc: "адрес электронной почты, указанный при регистрации"},
		{Name: "phone", Doc: "телефон 79XXXXXXXXX, указанный при регистрации"},
		{Name: "confirm_by", Values: []string{"email", "sms"}, Doc: "чем подтверждена регистрация"},
		{Name: "registered_at", Type: Time, Doc: "время регистрации"},
		{Name: "confirmed_at", Type: Time, Doc: "время подтверждения; пусто — не подтверждена"},
		{Name: "deleted", Type: Bool, Required: true, Doc: "true: регистрация удалена (оператором или заменена новой)"},
	}}

// KindRequests are customers' requests the supplier works: specialist
// calls, documents and feedback (the reconciliation statement is answered
// by the portal itself).
var KindRequests = &Kind{Name: "requests", Direction: Out,
	Doc: "Заявки и обращения клиентов: вызов специалиста, документы, обратная связь.",
	Fields: []Field{
		{Name: "request_id", Type: Int, Required: true, Doc: "номер обращения в Кабинете (в ответах — answers.request_id)"},
		{Name: "kind", Required: true, Values: []string{"specialist", "documents", "feedback"}, Doc: "вид: вызов специалиста, документы, обратная связь"},
		{Name: "created_at", Type: Time, Required: true, Doc: "время подачи"},
		{Name: "account_number", Doc: "номер лицевого счёта (для обратной связи — как указал клиент)"},
		{Name: "account_id", Doc: "ID лицевого счёта в биллинге (accounts.account_id); пусто, если биллинг его не присылал"},
		{Name: "full_name", Doc: "Ф.И.О. заявителя"},
		{Name: "address", Doc: "адрес"},
		{Name: "phone", Doc: "телефон"},
		{Name: "email", Doc: "адрес электронной почты"},
		{Name: "answer_channel", Doc: "как ответить: email, phone, post"},
		{Name: "branch", Doc: "отделение, в которое адресовано обращение"},
		{Name: "topic", Doc: "тема"},
		{Name: "service", Doc: "услуга, вид работ"},
		{Name: "period_from", Type: Date, Doc: "начало периода (для документов)"},
		{Name: "period_to", Type: Date, Doc: "конец периода"},
		{Name: "text", Doc: "текст обращения"},
		{Name: "deadline", Type: Time, Doc: "срок ответа (30 дней)"},
		{Name: "attachments", Type: Int, Doc: "число приложенных файлов (request_attachments)"},
	}}

// KindRequestAttachments are the files sent with requests. A directory
// export writes each file beside the records (file); over HTTP it is
// fetched at /api/exchange/v1/requests/{request_id}/attachments/{attachment_id}.
var KindRequestAttachments = &Kind{Name: "request_attachments", Direction: Out,
	Doc: "Файлы, приложенные к обращениям.",
	Fields: []Field{
		{Name: "attachment_id", Type: Int, Required: true, Doc: "ID файла в Кабинете"},
		{Name: "request_id", Type: Int, Required: true, Doc: "номер обращения (requests)"},
		{Name: "name", Required: true, Doc: "имя файла, как его загрузил клиент"},
		{Name: "content_type", Doc: "тип содержимого (MIME), определённый по содержимому"},
		{Name: "size", Type: Int, Doc: "размер, байт"},
		{Name: "created_at", Type: Time, Doc: "время загрузки"},
		{Name: "file", Doc: "путь к файлу в каталоге выгрузки (attachments/…); в выгрузке по HTTP — адрес для скачивания"},
	}}

// KindCardPayments are card payments credited by the acquirer, one record
// per provider's part of an order.
var KindCardPayments = &Kind{Name: "card_payments", Direction: Out,
	Doc: "Оплаты картой, зачисленные по подтверждению банка: запись на часть заказа для одного исполнителя.",
	Fields: []Field{
		{Name: "payment_id", Required: true, Doc: "ID оплаты (card:номер заказа:ID лицевого счёта у исполнителя); его же несёт проводка в Кабинете"},
		{Name: "order_number", Required: true, Doc: "номер заказа (orderNumber в эквайринге)"},
		{Name: "bank_order_id", Doc: "номер заказа в банке (mdOrder)"},
		{Name: "account_number", Required: true, Doc: "номер лицевого счёта"},
		{Name: "account_id", Doc: "ID лицевого счёта в биллинге (accounts.account_id); пусто, если биллинг его не присылал"},
		{Name: "provider_code", Required: true, Doc: "код исполнителя (providers.code)"},
		{Name: "subaccount_number", Required: true, Doc: "номер лицевого счёта у исполнителя"},
		{Name: "subaccount_id", Doc: "ID лицевого счёта у исполнителя в биллинге (subaccounts.subaccount_id)"},
		{Name: "amount", Type: Money, Required: true, Doc: "сумма, ₽"},
		{Name: "paid_at", Type: Time, Required: true, Doc: "время зачисления (подтверждения банком)"},
	}}

// KindAutopayRules are autopay rules (PAY-2) as they stand.
var KindAutopayRules = &Kind{Name: "autopay_rules", Direction: Out,
	Doc: "Правила автоплатежа: подключение, изменение, отключение.",
	Fields: []Field{
		{Name: "rule_id", Type: Int, Required: true, Doc: "ID правила в Кабинете"},
		{Name: "account_number", Required: true, Doc: "номер лицевого счёта"},
		{Name: "account_id", Doc: "ID лицевого счёта в биллинге (accounts.account_id); пусто, если биллинг его не присылал"},
		{Name: "state", Required: true, Values: []string{"pending", "active", "stopped"}, Doc: "ждёт первой оплаты, действует, отключено"},
		{Name: "mode", Required: true, Values: []string{"full", "cap"}, Doc: "полная сумма счёта или не более cap"},
		{Name: "cap", Type: Money, Doc: "предел списания, ₽ (для cap)"},
		{Name: "day", Type: Int, Required: true, Doc: "день месяца списания (1–28)"},
		{Name: "card", Doc: "маскированный номер карты"},
		{Name: "created_at", Type: Time, Required: true, Doc: "время подключения"},
		{Name: "activated_at", Type: Time, Doc: "время первой оплаты с сохранением карты"},
		{Name: "changed_at", Type: Time, Required: true, Doc: "время последнего изменения"},
		{Name: "reason", Doc: "почему отключено"},
	}}

// outKinds are the outgoing kinds, in the order an export writes them.
var outKinds = []*Kind{KindRegistrations, KindConsents, KindContactChanges, KindServiceChanges, KindPortalReadings,
	KindRequests, KindRequestAttachments, KindCardPayments, KindAutopayRules}

// OutKinds returns the kinds an export writes.
func OutKinds() []*Kind { return outKinds }
