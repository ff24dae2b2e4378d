// Package htmltest checks rendered HTML in tests with CSS selectors. It
// parses with golang.org/x/net/html and understands the small selector
// language page tests need: type, #id, .class, [attr], [attr=value],
// [attr^=value], [attr*=value], the descendant (space) and child (>)
// combinators and selector lists (a, b). goquery would bring cascadia and
// a jQuery-shaped API for what is a hundred lines here.
package htmltest

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Doc is a parsed HTML document.
type Doc struct {
	tb   testing.TB
	root *html.Node
}

// Parse parses an HTML document or fails the test.
func Parse(tb testing.TB, body []byte) *Doc {
	tb.Helper()
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("htmltest: parse: %v", err)
	}
	return &Doc{tb: tb, root: root}
}

// Root is the document node, for Find from the top.
func (d *Doc) Root() *html.Node { return d.root }

// Sub is the part of the document under n, to look inside one element
// of a list.
func (d *Doc) Sub(n *html.Node) *Doc { return &Doc{tb: d.tb, root: n} }

// Find returns the elements matching the selector, in document order.
func (d *Doc) Find(selector string) []*html.Node {
	d.tb.Helper()
	sel, err := compile(selector)
	if err != nil {
		d.tb.Fatalf("htmltest: %v", err)
	}
	var found []*html.Node
	for n := range d.root.Descendants() {
		if n.Type == html.ElementNode && sel.match(n) {
			found = append(found, n)
		}
	}
	return found
}

// One returns the only element matching the selector or fails the test.
func (d *Doc) One(selector string) *html.Node {
	d.tb.Helper()
	found := d.Find(selector)
	if len(found) != 1 {
		d.tb.Fatalf("htmltest: %q matches %d elements, want 1", selector, len(found))
	}
	return found[0]
}

// Has reports whether any element matches the selector.
func (d *Doc) Has(selector string) bool {
	d.tb.Helper()
	return len(d.Find(selector)) > 0
}

// Text is the text of the only element matching the selector, with runs of
// white space collapsed to one space.
func (d *Doc) Text(selector string) string {
	d.tb.Helper()
	return Text(d.One(selector))
}

// Text is the text content of a node with white space collapsed.
func Text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Attr returns the value of an attribute and whether it is present.
func Attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}
