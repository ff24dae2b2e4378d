package demo

import "kabinet"

// The demo world's two providers, as in the manual's example (an
// electricity retailer and a heat company). Names, INNs and accounts are
// fictitious, with valid check digits (DOMAIN.md §1.6, §1.8).
const (
	providerIES = 1
	providerBEK = 2
)

func demoProviders() []*kabinet.Provider {
	return []*kabinet.Provider{
		{ID: providerIES, Code: "IES", Name: "ООО «Демо-Энергосбыт»", INN: "3801999990", KPP: "380101001",
			BankName: "БАЙКАЛЬСКИЙ БАНК ПАО СБЕРБАНК", BIC: "042520607", CorrespAcc: "30101810900000000607",
			PersonalAcc: "40702810818350001234", Services: []kabinet.Service{kabinet.ServiceElectricity}},
		{ID: providerBEK, Code: "BEK", Name: "ООО «Демо-Теплосеть»", INN: "3808999981", KPP: "380801001",
			BankName: "БАЙКАЛЬСКИЙ БАНК ПАО СБЕРБАНК", BIC: "042520607", CorrespAcc: "30101810900000000607",
			PersonalAcc: "40702810218350005678", Services: []kabinet.Service{kabinet.ServiceHeat}},
	}
}
