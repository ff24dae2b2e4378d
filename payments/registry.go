package payments

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"

	"kabinet"
)

// RegistryFormat describes a payment agent's daily registry of payments
// («Система Город» and the like, DOMAIN §5): delimited text, one payment a
// line, lines starting with '#' are headers. No public specification
// exists, so the columns are configured from the contract with the agent.
type RegistryFormat struct {
	// Agent names the agent; it prefixes the payment ids, which are unique
	// per agent only.
	Agent     string
	Delimiter rune
	// Columns are the names of the columns in order; "id", "date",
	// "account" and "amount" are required, "provider" (a provider's code)
	// and "period" (MMYYYY or YYYY-MM) are optional, others are ignored.
	Columns []string
	// Encoding is the file's: "utf-8" (or "") or "windows-1251", the
	// encoding of many Russian billing systems' exports.
	Encoding string
}

// DefaultRegistryFormat is «Система Город»'s registry as this portal
// expects it unless configured otherwise: id;date;account;provider;amount;period.
func DefaultRegistryFormat() RegistryFormat {
	return RegistryFormat{Agent: "gorod", Delimiter: ';', Columns: []string{"id", "date", "account", "provider", "amount", "period"}}
}

// RegistryStore is what an import needs; *sqlstore.DB satisfies it.
type RegistryStore interface {
	FindAccountByNumber(ctx context.Context, n kabinet.AccountNumber) (*kabinet.Account, error)
	FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error)
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	CreateLedgerEntry(ctx context.Context, e *kabinet.LedgerEntry) error
}

// ImportReport is what an import did.
type ImportReport struct {
	Credited   int
	Sum        kabinet.Money // of the credited lines
	Duplicates int           // credited by an earlier import (or earlier in this file)
	Rejected   []RejectedLine
}

// RejectedLine is a line that was not credited, and why.
type RejectedLine struct {
	Line   int
	Text   string
	Reason string
}

// ImportRegistry credits the payments of a registry, each exactly once: a
// payment id seen before (in an earlier file or earlier in this one) is a
// duplicate and changes nothing. Lines that cannot be credited are
// reported, never half-posted; a file whose #FILESUM does not match its
// lines is refused whole.
func ImportRegistry(ctx context.Context, st RegistryStore, f RegistryFormat, r io.Reader) (*ImportReport, error) {
	idx, err := f.index()
	if err != nil {
		return nil, err
	}
	if r, err = f.decode(r); err != nil {
		return nil, err
	}
	lines, fileSum, err := f.read(r)
	if err != nil {
		return nil, err
	}
	im := &importer{st: st, f: f, idx: idx, report: &ImportReport{}}
	if err := im.loadProviders(ctx); err != nil {
		return nil, err
	}
	var pays []linePayment
	var total kabinet.Money // of every line whose amount reads, for #FILESUM
	for _, l := range lines {
		p, reason := im.parse(ctx, l)
		total += p.amount
		if reason != "" {
			im.report.Rejected = append(im.report.Rejected, RejectedLine{l.no, l.text, reason})
			continue
		}
		pays = append(pays, p)
	}
	if fileSum != nil && *fileSum != total {
		return nil, kabinet.Errorf(kabinet.EINVALID, "Сумма реестра #FILESUM %s не равна сумме строк %s: реестр не загружен", *fileSum, total)
	}
	for _, p := range pays {
		if err := im.credit(ctx, p); err != nil {
			return im.report, err
		}
	}
	return im.report, nil
}

type registryLine struct {
	no   int
	text string
}

// decode returns r read as UTF-8 from the format's encoding.
func (f RegistryFormat) decode(r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.ReplaceAll(f.Encoding, "_", "-")) {
	case "", "utf-8", "utf8":
		return r, nil
	case "windows-1251", "cp1251":
		return charmap.Windows1251.NewDecoder().Reader(r), nil
	}
	return nil, kabinet.Errorf(kabinet.EINVALID, "Неизвестная кодировка %q: utf-8 или windows-1251", f.Encoding)
}

// read splits the file into data lines and the #FILESUM header, if any.
func (f RegistryFormat) read(r io.Reader) ([]registryLine, *kabinet.Money, error) {
	var lines []registryLine
	var fileSum *kabinet.Money
	sc := bufio.NewScanner(r)
	for no := 1; sc.Scan(); no++ {
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		switch {
		case text == "":
		case strings.HasPrefix(text, "#FILESUM"):
			m, err := kabinet.ParseMoney(strings.TrimSpace(strings.TrimPrefix(text, "#FILESUM")))
			if err != nil {
				return nil, nil, kabinet.Errorf(kabinet.EINVALID, "Строка %d: неверная сумма #FILESUM", no)
			}
			fileSum = &m
		case strings.HasPrefix(text, "#"):
		default:
			lines = append(lines, registryLine{no, text})
		}
	}
	return lines, fileSum, sc.Err()
}

func (f RegistryFormat) index() (map[string]int, error) {
	idx := map[string]int{}
	for i, c := range f.Columns {
		idx[strings.TrimSpace(c)] = i
	}
	for _, need := range []string{"id", "date", "account", "amount"} {
		if _, ok := idx[need]; !ok {
			return nil, fmt.Errorf("registry format: no %q column in %v", need, f.Columns)
		}
	}
	if f.Agent == "" || f.Delimiter == 0 {
		return nil, fmt.Errorf("registry format: agent and delimiter are required")
	}
	return idx, nil
}

type importer struct {
	st        RegistryStore
	f         RegistryFormat
	idx       map[string]int
	providers map[string]int64 // code → id
	report    *ImportReport
}

func (im *importer) loadProviders(ctx context.Context) error {
	ps, err := im.st.FindProviders(ctx)
	im.providers = map[string]int64{}
	for _, p := range ps {
		im.providers[strings.ToUpper(p.Code)] = p.ID
	}
	return err
}

// linePayment is a parsed line.
type linePayment struct {
	line   registryLine
	id     string
	on     time.Time
	sub    int64
	amount kabinet.Money
	period kabinet.Period
}

// parse reads one line; a non-empty reason rejects it.
func (im *importer) parse(ctx context.Context, l registryLine) (linePayment, string) {
	fields := strings.Split(l.text, string(im.f.Delimiter))
	get := func(name string) string {
		if i, ok := im.idx[name]; ok && i < len(fields) {
			return strings.TrimSpace(fields[i])
		}
		return ""
	}
	if len(fields) < len(im.f.Columns) {
		return linePayment{}, fmt.Sprintf("%d полей вместо %d", len(fields), len(im.f.Columns))
	}
	p := linePayment{line: l, id: get("id")}
	amount, err := kabinet.ParseMoney(get("amount"))
	if err != nil || amount <= 0 {
		return p, "неверная сумма «" + get("amount") + "»"
	}
	p.amount = amount
	if p.id == "" {
		return p, "нет номера платежа"
	}
	if p.on, err = time.Parse("02.01.2006", get("date")); err != nil {
		return p, "неверная дата «" + get("date") + "», ожидается ДД.ММ.ГГГГ"
	}
	p.period = kabinet.PeriodOf(p.on).Add(-1)
	if s := get("period"); s != "" {
		if p.period, err = parseRegistryPeriod(s); err != nil {
			return p, "неверный период «" + s + "»"
		}
	}
	return p, im.findSub(ctx, &p, get("account"), get("provider"))
}

// findSub finds the sub-account a line pays: the account's one with the
// named provider, or its only one when no provider is named.
func (im *importer) findSub(ctx context.Context, p *linePayment, number, provider string) string {
	n, err := kabinet.ParseAccountNumber(number)
	if err != nil {
		return "неверный номер лицевого счета «" + number + "»"
	}
	a, err := im.st.FindAccountByNumber(ctx, n)
	if err != nil {
		return "лицевой счет " + number + " не найден"
	}
	subs, err := im.st.FindSubAccounts(ctx, a.ID)
	if err != nil {
		return "лицевой счет " + number + " не прочитан"
	}
	want, named := im.providers[strings.ToUpper(provider)], provider != ""
	if named && want == 0 {
		return "неизвестный поставщик «" + provider + "»"
	}
	for _, s := range subs {
		if named && s.ProviderID == want || !named && len(subs) == 1 {
			p.sub = s.ID
			return ""
		}
	}
	if !named {
		return "у лицевого счета несколько поставщиков, а поставщик не указан"
	}
	return "у лицевого счета нет услуг поставщика «" + provider + "»"
}

func parseRegistryPeriod(s string) (kabinet.Period, error) {
	if len(s) == 6 && !strings.Contains(s, "-") { // MMYYYY, as in jsonParams examples
		s = s[2:] + "-" + s[:2]
	}
	return kabinet.ParsePeriod(s)
}

// credit posts one payment; a payment id posted before is a duplicate.
func (im *importer) credit(ctx context.Context, p linePayment) error {
	e := &kabinet.LedgerEntry{SubAccountID: p.sub, Period: p.period, Kind: kabinet.EntryPayment, Amount: -p.amount,
		PostedOn: p.on, Channel: kabinet.ChannelAgent, ExternalID: im.f.Agent + ":" + p.id,
		Note: "Реестр платежного агента, платеж " + p.id}
	switch err := im.st.CreateLedgerEntry(ctx, e); kabinet.ErrorCode(err) {
	case "":
		im.report.Credited++
		im.report.Sum += p.amount
	case kabinet.ECONFLICT:
		im.report.Duplicates++
	default:
		return fmt.Errorf("line %d: %w", p.line.no, err)
	}
	return nil
}
