package pdf

import (
	"fmt"

	"kabinet"
)

// note explains one block of the sample bill.
type note struct{ title, text string }

// sampleNotes explains the blocks of b in the order of the callouts, with
// the figures of b's first provider, so that the sums can be checked by
// hand.
func sampleNotes(b *kabinet.Bill) []note {
	bp := &b.Data.Providers[0]
	return []note{
		{"Данные плательщика", "Фамилия, имя и отчество, адрес и номер лицевого счёта — по ним поставщик " +
			"находит вашу оплату и ваши показания. Число проживающих и площадь нужны для начисления " +
			"по нормативу и за отопление. Если здесь что-то неверно, сообщите поставщику."},
		{"Показания и расход", readingsNote(bp)},
		{"Тариф и начисление", tariffNote(bp)},
		{"Перерасчёт", "Исправление начислений прошлых месяцев: например, вы передали показания после " +
			"того, как месяц был начислен по среднему, или изменился тариф. Минус — сумма уменьшена, " +
			"плюс — увеличена. В этом счёте: " + bp.Adjustments.String() + "."},
		{"Пени", "Начисляются за просрочку оплаты (ЖК РФ, ст. 155, ч. 14): с 31-го по 90-й день — 1/300 " +
			"ставки Банка России за каждый день, с 91-го дня — 1/130. Пени считаются только с основного долга. " +
			"В этом счёте: " + bp.Penalties.String() + "."},
		{"Оплачено", "Платежи, поступившие поставщику в расчётном месяце. Платёж, внесённый в последние " +
			"дни месяца, может появиться в следующем счёте. В этом счёте: " + bp.Payments.String() + "."},
		{"Итого к оплате", totalNote(bp)},
		{"QR-код для оплаты", "Откройте приложение своего банка, выберите оплату по QR-коду и наведите " +
			"камеру на код: получатель, его счёт, ваш лицевой счёт, период и сумма заполнятся сами. " +
			"Сумму можно изменить. У каждого поставщика свой код — оплатите каждый."},
	}
}

// readingsNote shows the subtraction on the provider's first metered line.
func readingsNote(bp *kabinet.BillProvider) string {
	s := "Предыдущие и текущие показания прибора учёта. Расход — это их разница"
	for _, l := range bp.Lines {
		if l.MeterSerial != "" || l.Current != 0 {
			s += fmt.Sprintf(": %s − %s = %s %s", reading(l.Current), reading(l.Previous), quantity(l), l.Unit)
			break
		}
	}
	return s + ". У двухтарифного счётчика показания и расход по каждой зоне (день, ночь) " +
		"идут отдельными строками. Без показаний расход считается по среднему, а затем по нормативу."
}

// tariffNote shows the multiplication on the provider's first line.
func tariffNote(bp *kabinet.BillProvider) string {
	s := "Начислено = расход × тариф"
	if len(bp.Lines) > 0 {
		l := bp.Lines[0]
		s += fmt.Sprintf(": %s %s × %s ₽ = %s", quantity(l), l.Unit, tariff(l.TariffKopecks), l.Amount.String())
	}
	return s + ". Тарифы устанавливает региональная служба по тарифам; в столбце «Основание» " +
		"указано, по чему посчитан расход: по показаниям, по среднему или по нормативу. " +
		"Отопление начисляется по площади квартиры."
}

// totalNote adds up the provider's summary row.
func totalNote(bp *kabinet.BillProvider) string {
	s := fmt.Sprintf("Долг на начало месяца + начислено + перерасчёт + пени − оплачено: "+
		"%s + %s + (%s) + %s − %s = %s.", bp.OpeningBalance.Plain(), bp.Charged().Plain(),
		bp.Adjustments.Plain(), bp.Penalties.Plain(), bp.Payments.Plain(), bp.ToPay.String())
	if !bp.DueOn.IsZero() {
		s += " Оплатите до " + date(bp.DueOn) + " — это срок оплаты; пени начисляются на долг, " +
			"не оплаченный и через 30 дней после него."
	}
	return s + " Вверху справа — итог по всем поставщикам."
}
