package sberbanktest

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
)

// Shared keeps the fake's orders and saved cards where the fakes of every
// server find them: the demo on a database several servers share, where
// an order registered by one is paid on the page another serves and
// polled by a third. Lock returns the saved state (empty at first) and
// holds it, across processes, until save writes the new one (nil: no
// change) and lets go.
type Shared interface {
	Lock(ctx context.Context) (state []byte, save func(state []byte) error, err error)
}

// state is what Shared keeps, as JSON.
type state struct {
	Orders   []*Order       `json:"orders"`
	Bindings []bindingState `json:"bindings"`
	Seq      int            `json:"seq"`
}

type bindingState struct {
	ID, ClientID, PAN string
	Active, Declines  bool
}

// hold takes the bank for one operation and returns what lets it go.
// With a Shared store the state is read when taken and saved, if it
// changed, when let go; a store that fails leaves the fake on what it
// holds in memory, and says so.
func (b *Bank) hold() (release func()) {
	b.mu.Lock()
	if b.cfg.Shared == nil {
		return b.mu.Unlock
	}
	ctx := context.Background()
	saved, save, err := b.cfg.Shared.Lock(ctx)
	if err == nil && len(saved) > 0 {
		err = b.load(saved)
	}
	if err != nil {
		b.cfg.Logger.Error("fake bank: shared state", "err", err)
		if save != nil {
			save(nil)
		}
		return b.mu.Unlock
	}
	return func() {
		defer b.mu.Unlock()
		now := b.dump()
		if bytes.Equal(now, saved) {
			now = nil
		}
		if err := save(now); err != nil {
			b.cfg.Logger.Error("fake bank: save shared state", "err", err)
		}
	}
}

// load replaces what the bank holds with a saved state.
func (b *Bank) load(saved []byte) error {
	var st state
	if err := json.Unmarshal(saved, &st); err != nil {
		return err
	}
	b.orders, b.numbers, b.bindings, b.seq = map[string]*Order{}, map[string]string{}, map[string]*binding{}, st.Seq
	for _, o := range st.Orders {
		b.orders[o.ID], b.numbers[o.Number] = o, o.ID
	}
	for _, bd := range st.Bindings {
		b.bindings[bd.ID] = &binding{id: bd.ID, clientID: bd.ClientID, pan: bd.PAN, active: bd.Active, declines: bd.Declines}
	}
	return nil
}

// dump is what the bank holds, as a state to save.
func (b *Bank) dump() []byte {
	st := state{Seq: b.seq, Orders: []*Order{}, Bindings: []bindingState{}}
	for _, o := range b.orders {
		st.Orders = append(st.Orders, o)
	}
	for _, bd := range b.bindings {
		st.Bindings = append(st.Bindings, bindingState{ID: bd.id, ClientID: bd.clientID, PAN: bd.pan, Active: bd.active, Declines: bd.declines})
	}
	// In a fixed order, so that an unchanged state reads the same.
	slices.SortFunc(st.Orders, func(x, y *Order) int { return strings.Compare(x.ID, y.ID) })
	slices.SortFunc(st.Bindings, func(x, y bindingState) int { return strings.Compare(x.ID, y.ID) })
	out, _ := json.Marshal(st)
	return out
}
