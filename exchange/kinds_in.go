package exchange

// The kinds the billing system sends, in import order. Every record carries
// the billing system's own ID (the *_id fields): importing it again updates
// the same row or changes nothing. docs/exchange.md is the prose of these.

var services = []string{"electricity", "heat"}

// KindProviders are the исполнители with their payment details (ЕПД раздел 1,
// «Реквизиты исполнителя»).
var KindProviders = &Kind{Name: "providers", Doc: "Исполнители услуг и их платёжные реквизиты (ЕПД, раздел 1).",
	Fields: []Field{
		{Name: "provider_id", Required: true, Doc: "ID исполнителя в биллинге"},
		{Name: "code", Required: true, Doc: "краткий код исполнителя (латиница, цифры), неизменный"},
		{Name: "name", Required: true, Doc: "наименование исполнителя (ЕПД «Наименование»)"},
		{Name: "inn", Required: true, Doc: "ИНН"},
		{Name: "kpp", Doc: "КПП"},
		{Name: "bank_name", Required: true, Doc: "наименование банка получателя"},
		{Name: "bic", Required: true, Doc: "БИК"},
		{Name: "corresp_account", Required: true, Doc: "корреспондентский счёт банка"},
		{Name: "settlement_account", Required: true, Doc: "расчётный счёт получателя"},
		{Name: "services", Required: true, Doc: "услуги через запятую: electricity, heat"},
	}}

// KindAccounts are the лицевые счета (ГИС ЖКХ «Лицевой счёт»).
var KindAccounts = &Kind{Name: "accounts", Doc: "Лицевые счета: владелец, помещение, контакты.",
	Fields: []Field{
		{Name: "account_id", Required: true, Doc: "ID лицевого счёта в биллинге"},
		{Name: "account_number", Required: true, Doc: "номер лицевого счёта, как он напечатан в ЕПД"},
		{Name: "surname", Required: true, Doc: "фамилия плательщика (ЕПД «Ф.И.О. плательщика»)"},
		{Name: "first_name", Doc: "имя"},
		{Name: "patronymic", Doc: "отчество"},
		{Name: "address", Required: true, Doc: "адрес помещения (ЕПД «Адрес помещения»)"},
		{Name: "district", Doc: "район (для рассылок и отделений)"},
		{Name: "settlement", Required: true, Values: []string{"city", "rural"}, Doc: "тарифная группа: город или село"},
		{Name: "housing", Required: true, Values: []string{"flat", "house"}, Doc: "вид помещения: квартира или дом"},
		{Name: "rooms", Type: Int, Doc: "число комнат"},
		{Name: "total_area", Type: Area, Doc: "общая площадь, м² (ЕПД «Общая площадь», ГИС ЖКХ TotalSquare)"},
		{Name: "residents", Type: Int, Doc: "количество проживающих (ЕПД, ГИС ЖКХ LivingPersonsNumber)"},
		{Name: "electric_heating", Type: Bool, Doc: "электроотопление или электроплиты"},
		{Name: "phone", Doc: "телефон +7XXXXXXXXXX"},
		{Name: "email", Doc: "адрес электронной почты"},
		{Name: "closed", Type: Bool, Doc: "счёт закрыт (в дельте); из полного снимка закрывается отсутствующий"},
	}}

// KindSubAccounts tie an account to a provider under the provider's number.
var KindSubAccounts = &Kind{Name: "subaccounts", Doc: "Лицевые счета у исполнителей: один на пару счёт — исполнитель.",
	Fields: []Field{
		{Name: "subaccount_id", Required: true, Doc: "ID в биллинге"},
		{Name: "account_id", Required: true, Doc: "ID лицевого счёта (accounts)"},
		{Name: "provider_id", Required: true, Doc: "ID исполнителя (providers)"},
		{Name: "number", Required: true, Doc: "номер лицевого счёта у исполнителя"},
		{Name: "services", Required: true, Doc: "услуги через запятую: electricity, heat"},
	}}

// KindMeters are the приборы учёта (ГИС ЖКХ «Прибор учёта»).
var KindMeters = &Kind{Name: "meters", Doc: "Приборы учёта.",
	Fields: []Field{
		{Name: "meter_id", Required: true, Doc: "ID прибора учёта в биллинге"},
		{Name: "subaccount_id", Required: true, Doc: "ID лицевого счёта у исполнителя (subaccounts)"},
		{Name: "service", Required: true, Values: services, Doc: "коммунальный ресурс"},
		{Name: "model", Doc: "марка, модель (ГИС ЖКХ MeteringDeviceModel)"},
		{Name: "serial", Required: true, Doc: "заводской номер (ГИС ЖКХ MeteringDeviceNumber)"},
		{Name: "zones", Type: Int, Required: true, Values: []string{"1", "2", "3"}, Doc: "число тарифов (зон суток)"},
		{Name: "digits", Type: Int, Required: true, Doc: "разрядность: знаков до запятой"},
		{Name: "decimals", Type: Int, Doc: "знаков после запятой"},
		{Name: "accuracy_class", Doc: "класс точности"},
		{Name: "ratio", Type: Int, Doc: "коэффициент трансформации (ГИС ЖКХ TransformationRatio), 1 по умолчанию"},
		{Name: "phases", Type: Int, Doc: "число фаз"},
		{Name: "installed_on", Type: Date, Doc: "дата установки (ГИС ЖКХ InstallationDate)"},
		{Name: "verified_on", Type: Date, Doc: "дата последней поверки (ГИС ЖКХ LastVerificationDate)"},
		{Name: "next_verified_on", Type: Date, Doc: "дата очередной поверки"},
		{Name: "state", Values: []string{"active", "removed"}, Doc: "состояние: active (по умолчанию) или removed (снят, архивный)"},
	}}

// KindReadings are readings taken outside the portal (ГИС ЖКХ «Показания
// прибора учёта»): by inspectors, by phone, at payment points, automatic.
var KindReadings = &Kind{Name: "readings", Doc: "Показания, снятые не через Личный кабинет.",
	Fields: []Field{
		{Name: "reading_id", Required: true, Doc: "ID показания в биллинге"},
		{Name: "meter_id", Required: true, Doc: "ID прибора учёта (meters)"},
		{Name: "taken_on", Type: Date, Required: true, Doc: "дата снятия показаний"},
		{Name: "period", Type: Period, Required: true, Doc: "расчётный период, в котором показание учтено"},
		{Name: "value_t1", Type: Int, Required: true, Doc: "показание: общее или Т1 (день, пик) (ГИС ЖКХ MeteringValueT1)"},
		{Name: "value_t2", Type: Int, Doc: "показание Т2 (ночь)"},
		{Name: "value_t3", Type: Int, Doc: "показание Т3 (полупик)"},
		{Name: "consumption_t1", Type: Int, Doc: "расход по Т1 (по умолчанию — разность с предыдущим показанием)"},
		{Name: "consumption_t2", Type: Int, Doc: "расход по Т2"},
		{Name: "consumption_t3", Type: Int, Doc: "расход по Т3"},
		{Name: "source", Required: true, Values: []string{"controller", "phone", "payment", "askue", "estimated", "portal"}, Doc: "кем снято"},
		{Name: "status", Values: []string{"accepted", "calculated", "rejected"}, Doc: "состояние: принято (по умолчанию), рассчитано, отклонено"},
	}}

// KindLedger are the movements of money on a sub-account.
var KindLedger = &Kind{Name: "ledger", Whole: true, Doc: "Проводки: начисления, пени, оплаты, перерасчёты, входящее сальдо.",
	Fields: []Field{
		{Name: "entry_id", Required: true, Doc: "ID проводки в биллинге"},
		{Name: "subaccount_id", Required: true, Doc: "ID лицевого счёта у исполнителя (subaccounts)"},
		{Name: "period", Type: Period, Required: true, Doc: "расчётный период"},
		{Name: "kind", Required: true, Values: []string{"charge", "penalty", "payment", "adjustment", "opening"},
			Doc: "начисление, пени, оплата, перерасчёт, входящее сальдо"},
		{Name: "service", Values: services, Doc: "услуга (для начислений и перерасчётов)"},
		{Name: "amount", Type: Money, Required: true, Doc: "сумма, ₽: начисление, пени и оплата — положительные; перерасчёт и сальдо — со знаком (+ увеличивает долг)"},
		{Name: "posted_on", Type: Date, Required: true, Doc: "дата проводки (для оплаты — дата оплаты)"},
		{Name: "channel", Values: []string{"agent", "bank", "post", "office", "card", "sbp"}, Doc: "способ оплаты (для оплат); sbp — СБП"},
		{Name: "note", Doc: "пояснение (основание перерасчёта)"},
	}}

// KindBills are the ЕПД as data, one line per charge line of a provider's
// part (the bill's own fields repeat on each of its lines).
var KindBills = &Kind{Name: "bills", Whole: true, Doc: "Платёжные документы как данные: строка на строку начислений.",
	Fields: []Field{
		{Name: "bill_id", Required: true, Doc: "ID платёжного документа в биллинге (ГИС ЖКХ PaymentDocumentID)"},
		{Name: "account_id", Required: true, Doc: "ID лицевого счёта (accounts)"},
		{Name: "number", Doc: "номер платёжного документа, как он напечатан (по умолчанию — номер в Кабинете)"},
		{Name: "period", Type: Period, Required: true, Doc: "расчётный период"},
		{Name: "issued_at", Type: Time, Required: true, Doc: "время выставления"},
		{Name: "subaccount_id", Required: true, Doc: "ID лицевого счёта у исполнителя: раздел документа"},
		{Name: "opening_balance", Type: Money, Required: true, Doc: "задолженность (+) или аванс (−) на начало периода (ЕПД «Задолженность за предыдущие периоды»)"},
		{Name: "adjustments", Type: Money, Doc: "перерасчёты (ЕПД «Перерасчёты всего»)"},
		{Name: "penalties", Type: Money, Doc: "пени (ЕПД «Пени»)"},
		{Name: "payments", Type: Money, Doc: "оплачено в периоде (ЕПД «Оплачено»)"},
		{Name: "to_pay", Type: Money, Required: true, Doc: "итого к оплате по разделу (ЕПД «Итого к оплате за расчётный период»)"},
		{Name: "due_on", Type: Date, Required: true, Doc: "оплатить до"},
		{Name: "service", Values: services, Doc: "услуга строки (пусто — раздел без начислений)"},
		{Name: "meter_serial", Doc: "заводской номер прибора учёта строки"},
		{Name: "zone", Doc: "зона суток: T, T1, T2, T3"},
		{Name: "previous", Type: Int, Doc: "предыдущее показание"},
		{Name: "current", Type: Int, Doc: "текущее показание"},
		{Name: "consumption", Type: Int, Doc: "объём (ЕПД «Объём коммунальных услуг»); для площади — сотые м²"},
		{Name: "unit", Doc: "единица измерения (ЕПД «Ед. изм.»)"},
		{Name: "tariff", Type: Tariff, Doc: "тариф, ₽ за единицу (ЕПД «Тариф»)"},
		{Name: "amount", Type: Money, Doc: "начислено по строке, ₽ (ЕПД «Всего начислено за расчётный период»)"},
		{Name: "basis", Doc: "основание: по показаниям, по среднему, по нормативу"},
	}}

// KindBillFiles are the supplier's own bills as PDF files, one per
// account and period, beside the file that names them.
var KindBillFiles = &Kind{Name: "bill_files", Doc: "Платёжные документы поставщика в PDF: файл на лицевой счёт и период.",
	Fields: []Field{
		{Name: "account_id", Required: true, Doc: "ID лицевого счёта (accounts)"},
		{Name: "period", Type: Period, Required: true, Doc: "расчётный период"},
		{Name: "file", Required: true, Doc: "имя файла PDF в том же каталоге, что и этот файл"},
	}}

// KindAnswers are the billing system's answers to customers' requests.
var KindAnswers = &Kind{Name: "answers", Doc: "Ответы на обращения клиентов.",
	Fields: []Field{
		{Name: "answer_id", Required: true, Doc: "ID ответа в биллинге"},
		{Name: "request_id", Required: true, Doc: "номер обращения в Кабинете (из выгрузки requests)"},
		{Name: "answered_at", Type: Time, Required: true, Doc: "время ответа"},
		{Name: "status", Required: true, Values: []string{"in_progress", "done", "rejected"}, Doc: "состояние обращения после ответа"},
		{Name: "text", Required: true, Doc: "текст ответа клиенту"},
	}}

var inKinds = []*Kind{KindProviders, KindAccounts, KindSubAccounts, KindMeters, KindReadings, KindLedger, KindBills, KindBillFiles, KindAnswers}
