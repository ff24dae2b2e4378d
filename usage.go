package kabinet

// Usage is one service's month of an account: what its meters counted and
// what was charged for it.
type Usage struct {
	Service Service
	Period  Period
	// Metered is true when a meter of the service counted Units.
	Metered bool
	Units   int64
	Charged Money
}
