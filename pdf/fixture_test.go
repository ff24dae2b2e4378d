package pdf

import (
	"time"

	"kabinet"
)

// irkutsk is the supplier's zone, fixed so that tests need no tzdata.
var irkutsk = time.FixedZone("Asia/Irkutsk", 8*3600)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, irkutsk) }

// The demo providers (demo/providers.go): fictitious, with valid keys.
func energosbyt() kabinet.Provider {
	return kabinet.Provider{ID: 1, Code: "IES", Name: "ООО «Демо-Энергосбыт»", INN: "3801999990", KPP: "380101001",
		BankName: "БАЙКАЛЬСКИЙ БАНК ПАО СБЕРБАНК", BIC: "042520607", CorrespAcc: "30101810900000000607",
		PersonalAcc: "40702810818350001234", Services: []kabinet.Service{kabinet.ServiceElectricity}}
}

func teploset() kabinet.Provider {
	return kabinet.Provider{ID: 2, Code: "BEK", Name: "ООО «Демо-Теплосеть»", INN: "3808999981", KPP: "380801001",
		BankName: "БАЙКАЛЬСКИЙ БАНК ПАО СБЕРБАНК", BIC: "042520607", CorrespAcc: "30101810900000000607",
		PersonalAcc: "40702810218350005678", Services: []kabinet.Service{kabinet.ServiceHeat}}
}

// demoBill is January 2026 for Иванов: electricity on a two-zone meter
// (day 232 kWh × 2,05 = 475,60; night 118 kWh × 1,18 = 139,24), with a
// recalculation of −35,20, пени 12,47 and a payment of 1 000,00 against a
// debt of 1 200,00: 1 200,00 + 614,84 − 35,20 + 12,47 − 1 000,00 = 792,11.
// Heat on 54,3 m² × 45,67 = 2 479,88 (2 479,881 rounded), two months owed
// (4 700,20), half paid (2 350,10), пени 38,15: 4 868,13 to pay.
// Total 792,11 + 4 868,13 = 5 660,24.
func demoBill() *kabinet.Bill {
	return &kabinet.Bill{ID: 4217, AccountID: 1, Period: kabinet.Period{Year: 2026, Month: time.January},
		IssuedAt: time.Date(2026, 2, 1, 9, 0, 0, 0, irkutsk),
		Data: kabinet.BillData{
			AccountNumber: "10103001857", Payer: "Иванов Иван Иванович",
			Address:   "664003, Иркутская обл., г. Иркутск, ул. Карла Маркса, д. 15, кв. 42",
			Residents: 2, Area: 5430, Total: 566024,
			Providers: []kabinet.BillProvider{
				{Provider: energosbyt(), SubAccount: "10103001857", OpeningBalance: 120000,
					Lines: []kabinet.BillLine{
						{Service: kabinet.ServiceElectricity, MeterSerial: "011076123", Zone: "T1", Previous: 15234, Current: 15466,
							Consumption: 232, Unit: "кВт·ч", TariffKopecks: 20500, Amount: 47560, Basis: "по показаниям"},
						{Service: kabinet.ServiceElectricity, MeterSerial: "011076123", Zone: "T2", Previous: 7120, Current: 7238,
							Consumption: 118, Unit: "кВт·ч", TariffKopecks: 11800, Amount: 13924, Basis: "по показаниям"},
					},
					Adjustments: -3520, Penalties: 1247, Payments: 100000, ToPay: 79211, DueOn: day(2026, 2, 10)},
				{Provider: teploset(), SubAccount: "700123456", OpeningBalance: 470020,
					Lines: []kabinet.BillLine{
						{Service: kabinet.ServiceHeat, Consumption: 5430, Unit: "м²", TariffKopecks: 456700, Amount: 247988, Basis: "по площади"},
					},
					Penalties: 3815, Payments: 235010, ToPay: 486813, DueOn: day(2026, 2, 10)},
			},
		}}
}

// demoStatement is Иванов's electricity from January to March 2026:
// 1 200,00 owed at the start; January as on demoBill leaves 792,11;
// February 702,30 + 3,10 пени − 792,11 paid leaves 705,40; March
// 655,02 − 1 000,00 paid leaves 360,42.
func demoStatement() *kabinet.Statement {
	month := func(m time.Month) kabinet.Period { return kabinet.Period{Year: 2026, Month: m} }
	return &kabinet.Statement{AccountNumber: "10103001857", Payer: "Иванов Иван Иванович",
		Address:  "664003, Иркутская обл., г. Иркутск, ул. Карла Маркса, д. 15, кв. 42",
		Provider: energosbyt(), SubAccount: "10103001857", Service: kabinet.ServiceElectricity,
		From: day(2026, 1, 1), To: day(2026, 3, 31), Opening: 120000,
		Months: []kabinet.StatementMonth{
			{Period: month(time.January), Due: day(2026, 2, 10), Charged: 61484, Adjustments: -3520, Penalties: 1247, Paid: 100000},
			{Period: month(time.February), Due: day(2026, 3, 10), Charged: 70230, Penalties: 310, Paid: 79211},
			{Period: month(time.March), Due: day(2026, 4, 10), Charged: 65502, Paid: 100000},
		},
		Closing: 36042, IssuedAt: time.Date(2026, 4, 2, 10, 30, 0, 0, irkutsk)}
}
