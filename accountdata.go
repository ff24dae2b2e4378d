package kabinet

// AccountData is everything a batch job (the month close) reads about a
// range of accounts, loaded with one query per table instead of several
// per account.
type AccountData struct {
	SubAccounts map[int64][]*SubAccount  // by account, in provider order
	Meters      map[int64][]*Meter       // by account
	Readings    map[int64][]*Reading     // by meter, newest first
	Ledger      map[int64][]*LedgerEntry // by sub-account, oldest first
}
