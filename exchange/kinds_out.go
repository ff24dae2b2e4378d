package exchange

// outKinds are the kinds Kabinet writes for the billing system (the OUT
// direction: what customers did since a cursor).
var outKinds []*Kind
