// Package kabinet holds the domain of the customer self-service portal of an
// energy retailer: accounts and their numbers, providers, meters and
// readings, the money ledger and bills. It has no SQL and no HTTP; the
// adapters (sqlstore, web, jobs, demo) build on it and cmd/kabinet wires them.
package kabinet
