package billing

import "time"

// DefaultPenaltyRules returns the penalty rules of DOMAIN §3.3 with the key
// rate table below and the payment day counted.
func DefaultPenaltyRules() PenaltyRules {
	return PenaltyRules{
		Rates: []RateRule{
			{To: date(2022, time.February, 28), Mode: RateKey,
				Basis: "ЖК РФ ст. 155 ч. 14: ключевая ставка на день оплаты"},
			{From: date(2022, time.February, 28), To: date(2022, time.August, 1), Mode: RateFixed, Fixed: 950,
				Basis: "ПП РФ № 474 от 26.03.2022: ставка на 27.02.2022, 9,5 %"},
			// ПП № 1681 (2022), № 2479 (2023), № 2382 (2024), № 329 (2025–2026).
			// Whether № 329 keeps "the lower of" is ❓; the key rate stayed
			// above 9,5 % all that time, so both readings give 9,5 %.
			{From: date(2022, time.August, 1), To: date(2027, time.January, 1), Mode: RateMinFixedKey, Fixed: 950,
				Basis: "ПП РФ № 1681, № 2479, № 2382, № 329: меньшая из 9,5 % и ключевой ставки на день оплаты"},
			{From: date(2027, time.January, 1), Mode: RateKey,
				Basis: "ЖК РФ ст. 155 ч. 14: ключевая ставка на день оплаты"},
		},
		KeyRates: keyRates(),
		Moratoria: []Moratorium{
			{From: date(2020, time.April, 6), To: date(2021, time.January, 1),
				Basis: "ПП РФ № 424 от 02.04.2020: пени не начисляются с 06.04.2020 по 31.12.2020"},
			// "Debts that arose before 01.04.2022" is read as debts whose due
			// date was before 1 April 2022, i.e. bills up to February 2022 (❓).
			{From: date(2022, time.April, 1), To: date(2022, time.October, 2), DueBefore: date(2022, time.April, 1),
				Basis: "ПП РФ № 497 от 28.03.2022: мораторий 01.04.2022–01.10.2022 для долгов, возникших до 01.04.2022"},
		},
		IncludePaymentDay: true,
	}
}

// keyRates is the Bank of Russia key rate from December 2019, enough for any
// penalty on a debt of 2020 on. Checked entries agree with at least two of:
// DOMAIN §3.3 (9,5 % on 27.02.2022; 21 % → 16,5 % through 2025 [P17]), the
// billing issue's list, and news reports of the decisions (Kommersant
// 19.12.2025 for 16 %, regional news of 13.02.2026 for 15,5 %). The others
// are from memory (❓ check against cbr.ru/hd_base/KeyRate before relying on
// them). The table must be extended after every board meeting: the last rate
// stays in force until the next entry.
func keyRates() []KeyRate {
	return []KeyRate{
		{From: date(2019, time.December, 16), Rate: 625},
		{From: date(2020, time.February, 10), Rate: 600},
		{From: date(2020, time.April, 27), Rate: 550},
		{From: date(2020, time.June, 22), Rate: 450},
		{From: date(2020, time.July, 27), Rate: 425},
		{From: date(2021, time.March, 22), Rate: 450},
		{From: date(2021, time.April, 26), Rate: 500},
		{From: date(2021, time.June, 15), Rate: 550},
		{From: date(2021, time.July, 26), Rate: 650},
		{From: date(2021, time.September, 13), Rate: 675},
		{From: date(2021, time.October, 25), Rate: 750},
		{From: date(2021, time.December, 20), Rate: 850},
		// 9,5 % on 27.02.2022 is the rate ПП № 474 fixed (DOMAIN §3.3).
		{From: date(2022, time.February, 14), Rate: 950, Checked: true},
		{From: date(2022, time.February, 28), Rate: 2000},
		{From: date(2022, time.April, 11), Rate: 1700},
		{From: date(2022, time.May, 4), Rate: 1400},
		{From: date(2022, time.May, 27), Rate: 1100},
		{From: date(2022, time.June, 14), Rate: 950},
		{From: date(2022, time.July, 25), Rate: 800},
		{From: date(2022, time.September, 19), Rate: 750},
		{From: date(2023, time.July, 24), Rate: 850},
		{From: date(2023, time.August, 15), Rate: 1200},
		{From: date(2023, time.September, 18), Rate: 1300},
		{From: date(2023, time.October, 30), Rate: 1500},
		{From: date(2023, time.December, 18), Rate: 1600, Checked: true},
		{From: date(2024, time.July, 29), Rate: 1800, Checked: true},
		{From: date(2024, time.September, 16), Rate: 1900, Checked: true},
		{From: date(2024, time.October, 28), Rate: 2100, Checked: true},
		{From: date(2025, time.June, 9), Rate: 2000, Checked: true},
		{From: date(2025, time.July, 28), Rate: 1800, Checked: true},
		{From: date(2025, time.September, 15), Rate: 1700, Checked: true},
		{From: date(2025, time.October, 27), Rate: 1650, Checked: true},
		{From: date(2025, time.December, 22), Rate: 1600, Checked: true},
		// Decisions after February 2026 are not in the table (not found);
		// the Bank's own forecast for 2026 was 13–15 %, above the 9,5 % cap.
		{From: date(2026, time.February, 16), Rate: 1550, Checked: true},
	}
}
