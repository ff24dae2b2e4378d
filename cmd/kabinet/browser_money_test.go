package main

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"kabinet"
	"kabinet/browsertest"
)

// demoDebts is what the signed-in demo customer (10103001857) owes each
// provider, by sub-account, as the ledger has it.
func demoDebts(t *testing.T, m *Main) (*kabinet.Account, []*kabinet.SubAccount, []kabinet.Money) {
	t.Helper()
	ctx := context.Background()
	a, err := m.app.DB.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("10103001857"))
	if err != nil {
		t.Fatal(err)
	}
	subs, err := m.app.DB.FindSubAccounts(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	debts := make([]kabinet.Money, len(subs))
	for i, s := range subs {
		tot, err := m.app.DB.FindTotals(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		debts[i] = tot.Balance().Debt
	}
	return a, subs, debts
}

// TestBrowserPayAll is issue 20's journey: «Итого к оплате» on «Главная»
// and the pay page is the debts together, «Оплатить всё» pays them in one
// order through the demo bank, and then every provider's debt is paid:
// one payment of the order in each provider's ledger.
func TestBrowserPayAll(t *testing.T) {
	m, b, shots := signedInDemo(t)
	_, subs, debts := demoDebts(t, m)
	var total kabinet.Money
	owing := 0
	for _, d := range debts {
		if d > 0 {
			total, owing = total+d, owing+1
		}
	}
	if owing < 2 {
		t.Fatalf("the demo customer owes %d providers (%v): the journey needs two", owing, debts)
	}
	if got := b.Text(".pay-total"); oneSpaced(got) != oneSpaced("Итого к оплате: "+total.String()) {
		t.Errorf("«Главная» says %q, the debts add up to %s", got, total)
	}
	b.CheckLooks(t, shots, "home-total")

	b.ClickText("Оплатить картой")
	if got := b.Text(".pay-total"); oneSpaced(got) != oneSpaced("Итого к оплате: "+total.String()) {
		t.Errorf("the pay page says %q, the debts add up to %s", got, total)
	}
	if got := b.Text("button[data-pay-sum]"); oneSpaced(got) != oneSpaced("Оплатить "+total.String()) {
		t.Errorf("the pay button says %q", got)
	}
	payButtonFollowsTheAmounts(t, b, total)
	b.CheckLooks(t, shots, "pay-total")

	b.Open(m.URL() + "/")
	b.ClickText("Оплатить всё: " + total.String())
	if !strings.Contains(b.Text("h1"), "Демо-банк") {
		t.Fatalf("not on the bank's page: %s", b.Text("body"))
	}
	if got := b.Text("dd:last-of-type"); strings.Join(strings.Fields(got), "") != strings.Join(strings.Fields(total.String()), "") {
		t.Errorf("the bank charges %q, the total is %s", got, total)
	}
	b.ClickText("Оплатить " + b.Text("dd:last-of-type"))
	if got := b.Text(".payment-status"); !strings.Contains(got, "Оплата зачислена") {
		t.Fatalf("return page says %q", got)
	}
	b.ClickText("Вернуться в личный кабинет")
	if got := b.Text(".pay-total"); oneSpaced(got) != "Итого к оплате: 0,00 ₽" {
		t.Errorf("after paying all «Главная» says %q", got)
	}
	amounts := browsertest.Eval[[]string](b, `[...document.querySelectorAll(".balance-amount")].map(e => e.textContent)`)
	orders := map[string]int{}
	for i, s := range subs {
		if debts[i] <= 0 {
			continue
		}
		if oneSpaced(amounts[i]) != "0,00 ₽" {
			t.Errorf("provider %d shows %q after paying all", i+1, amounts[i])
		}
		es, _ := m.app.DB.FindLedgerEntries(context.Background(), kabinet.LedgerFilter{SubAccountID: s.ID, Kind: kabinet.EntryPayment, Limit: 1})
		if len(es) != 1 || es[0].Amount != -debts[i] {
			t.Fatalf("the newest payment of sub-account %s: %+v, owed %s", s.Number, es, debts[i])
		}
		orders[strings.Split(es[0].ExternalID, ":")[1]]++
	}
	if len(orders) != 1 {
		t.Errorf("the providers were paid by orders %v, want one", orders)
	}
	if b.Count(`form[action$="/pay/all"]`) != 0 {
		t.Error("«Оплатить всё» still offered with nothing owed")
	}
}

// payButtonFollowsTheAmounts types a smaller amount: the button says the
// new sum at once (pay.js), and the first amount back restores it.
func payButtonFollowsTheAmounts(t *testing.T, b *browsertest.Browser, total kabinet.Money) {
	t.Helper()
	label := browsertest.Eval[string](b, `document.querySelector("input[name^='amount-']").labels[0].textContent.trim()`)
	first := browsertest.Eval[string](b, `document.querySelector("input[name^='amount-']").value`)
	m, err := kabinet.ParseMoney(first)
	if err != nil {
		t.Fatal(err)
	}
	b.FillByLabel(label, "100")
	want := total - m + 10000
	if got := b.Text("button[data-pay-sum]"); oneSpaced(got) != oneSpaced("Оплатить "+want.String()) {
		t.Errorf("after typing 100 the button says %q, want Оплатить %s", got, want)
	}
	if got := browsertest.Eval[string](b, `document.querySelector("input[name=total]").value`); got != itoa(int64(want)) {
		t.Errorf("the hidden total is %q, want %d", got, want)
	}
	b.FillByLabel(label, first)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestBrowserCharges: «Начисления и оплаты», reached from «Главная», shows
// for each provider and month the summary line of that month's bill: the
// same numbers as the bill's PDF the row links to (pdftotext).
func TestBrowserCharges(t *testing.T) {
	needPDFToText(t)
	m, b, shots := signedInDemo(t)
	b.ClickText("Начисления и оплаты по месяцам")
	b.CheckLooks(t, shots, "charges")
	a, _, _ := demoDebts(t, m)
	bills, err := m.app.DB.FindBills(context.Background(), a.ID, 36)
	if err != nil || len(bills) == 0 {
		t.Fatalf("bills %d, %v", len(bills), err)
	}
	rows := browsertest.Eval[[][]string](b, `[...document.querySelectorAll(".charges-table tbody tr")].map(tr =>
		[tr.querySelector("th").textContent.trim(), ...[...tr.querySelectorAll("td.amount")].map(td => td.firstChild.textContent.trim()),
		 tr.querySelector("a").getAttribute("href")])`)
	checked := 0
	for _, bill := range bills {
		text := oneSpaced(billPDFText(t, b, m.URL()+"/a/"+itoa(a.ID)+"/bills/"+bill.Period.String()+".pdf"))
		for _, bp := range bill.Data.Providers {
			row := findRow(rows, bill.Period, bp.SubAccount, bills)
			if row == nil {
				t.Fatalf("no row of %s for %s", bill.Period.Title(), bp.Provider.Name)
			}
			// The bill's summary: на начало, начислено, перерасчёт, пени, оплачено, к оплате.
			if want := oneSpaced(strings.Join(row[1:7], " ")); !strings.Contains(text, want) {
				t.Errorf("%s, %s: the page says %q, the bill's PDF does not:\n%s", bill.Period.Title(), bp.Provider.Name, want, text)
			}
			checked++
		}
	}
	if checked != len(rows) {
		t.Errorf("%d rows on the page, %d in the bills", len(rows), checked)
	}
}

// findRow is the page's row of a provider's month; rows come provider by
// provider, each newest first, in the newest bill's order of providers.
func findRow(rows [][]string, p kabinet.Period, sub string, bills []*kabinet.Bill) []string {
	i := 0
	for _, bp := range bills[0].Data.Providers {
		for _, b := range bills {
			for _, x := range b.Data.Providers {
				if x.SubAccount != bp.SubAccount {
					continue
				}
				if x.SubAccount == sub && b.Period == p {
					return rows[i]
				}
				i++
			}
		}
	}
	return nil
}

// billPDFText fetches a bill's PDF in the browser, as its link does, and
// returns its text (pdftotext -layout).
func billPDFText(t *testing.T, b *browsertest.Browser, url string) string {
	t.Helper()
	b64 := browsertest.Eval[string](b, `(async () => { const r = await fetch(`+"`"+url+"`"+`);
		const bytes = new Uint8Array(await r.arrayBuffer()); let s = "";
		for (const c of bytes) s += String.fromCharCode(c); return btoa(s); })()`)
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	return pdfText(t, data)
}

// TestBrowserStatementDownload: «Акт сверки» from «Главная», «Скачать PDF»
// saves the act; its text (pdftotext) closes on the ledger's balance.
func TestBrowserStatementDownload(t *testing.T) {
	needPDFToText(t)
	m, b, shots := signedInDemo(t)
	a, _, _ := demoDebts(t, m)
	b.ClickText("Акт сверки взаиморасчетов")
	b.CheckLooks(t, shots, "statement-download")
	name, data := b.Download("Скачать PDF")
	to := m.app.Calendar.Today()
	from := kabinet.Date(to.Year(), 1, 1)
	if want := "akt-sverki-" + from.Format("2006-01-02") + "-" + to.Format("2006-01-02") + ".pdf"; name != want {
		t.Errorf("saved as %q, want %q", name, want)
	}
	text := pdfText(t, data)
	want := oneSpaced(balanceSentence(electricityBalance(t, m.app.DB, a.ID, to), to))
	if got := oneSpaced(text); !strings.Contains(got, "АКТ СВЕРКИ ВЗАИМОРАСЧЕТОВ") || !strings.Contains(got, want) {
		t.Errorf("the act does not say %q:\n%s", want, text)
	}
	if got := b.Text("h1"); got != "Акт сверки" {
		t.Errorf("after the download the page is %q", got)
	}
}
