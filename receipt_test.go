package kabinet

import "testing"

func TestCheckCart(t *testing.T) {
	parts := []PaymentPart{{SubAccountID: 1, Amount: 150000}, {SubAccountID: 2, Amount: 50001}}
	item := func(sub int64, code string, q int64, price Money) CartItem {
		return CartItem{SubAccountID: sub, Name: "Электроэнергия", Code: code, Quantity: q, Price: price, Amount: price * Money(q)}
	}
	for name, c := range map[string]struct {
		cart []CartItem
		ok   bool
	}{
		"PerProvider":      {[]CartItem{item(1, "a", 1, 150000), item(2, "b", 1, 50001)}, true},
		"TwoItemsOneSub":   {[]CartItem{item(1, "a", 1, 100000), item(1, "c", 2, 25000), item(2, "b", 1, 50001)}, true},
		"OffByAKopeck":     {[]CartItem{item(1, "a", 1, 150000), item(2, "b", 1, 50000)}, false},
		"SwappedKopeck":    {[]CartItem{item(1, "a", 1, 150001), item(2, "b", 1, 50000)}, false},
		"ProviderMissing":  {[]CartItem{item(1, "a", 1, 200001)}, false},
		"AnotherProvider":  {[]CartItem{item(1, "a", 1, 150000), item(2, "b", 1, 50001), item(3, "d", 1, 1)}, false},
		"AmountNotPriceXQ": {[]CartItem{{SubAccountID: 1, Name: "x", Code: "a", Quantity: 2, Price: 75000, Amount: 150001}, item(2, "b", 1, 50001)}, false},
		"SameCode":         {[]CartItem{item(1, "a", 1, 150000), item(2, "a", 1, 50001)}, false},
		"Empty":            {nil, false},
	} {
		o := &PaymentOrder{Parts: parts, Cart: c.cart}
		if err := o.CheckCart(); (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok %v", name, err, c.ok)
		}
	}
}

func TestParseReceiptContact(t *testing.T) {
	for in, want := range map[string]string{"Ivanov@Mail.ru ": "ivanov@mail.ru", "8 950 123-45-67": "+79501234567",
		"+7 (950) 123-45-67": "+79501234567", "": "", "ivanov@": "", "12345": ""} {
		got, err := ParseReceiptContact(in)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("ParseReceiptContact(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
