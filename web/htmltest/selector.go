package htmltest

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// selector is a list of alternatives (a, b); each is a chain of compound
// selectors joined by combinators, stored right to left for matching.
type selector [][]step

type step struct {
	compound
	child bool // the element's parent, not any ancestor, must match the next step
}

type compound struct {
	tag     string
	id      string
	classes []string
	attrs   []attrTest
}

type attrTest struct{ name, op, value string }

func compile(s string) (selector, error) {
	var sel selector
	for alt := range strings.SplitSeq(s, ",") {
		chain, err := compileChain(alt)
		if err != nil {
			return nil, fmt.Errorf("selector %q: %w", s, err)
		}
		sel = append(sel, chain)
	}
	return sel, nil
}

func compileChain(s string) ([]step, error) {
	fields := strings.Fields(strings.ReplaceAll(s, ">", " > "))
	var chain []step
	child := false
	for _, f := range fields {
		if f == ">" {
			child = true
			continue
		}
		c, err := compileCompound(f)
		if err != nil {
			return nil, err
		}
		chain = append(chain, step{compound: c, child: child})
		child = false
	}
	if len(chain) == 0 || child || chain[0].child {
		return nil, fmt.Errorf("empty or dangling selector")
	}
	slices.Reverse(chain)
	return chain, nil
}

// compileCompound parses e.g. input#account.input[type=text]. Attribute
// values may not contain spaces, which page tests have not needed.
func compileCompound(s string) (compound, error) {
	var c compound
	for s != "" {
		end := strings.IndexAny(s[1:], "#.[") + 1
		if end == 0 {
			end = len(s)
		}
		part := s[:end]
		switch part[0] {
		case '#':
			c.id = part[1:]
		case '.':
			c.classes = append(c.classes, part[1:])
		case '[':
			end = strings.IndexByte(s, ']') + 1
			if end == 0 {
				return c, fmt.Errorf("unclosed [ in %q", s)
			}
			c.attrs = append(c.attrs, compileAttr(s[1:end-1]))
		default:
			c.tag = strings.ToLower(part)
		}
		s = s[end:]
	}
	return c, nil
}

func compileAttr(s string) attrTest {
	for _, op := range []string{"^=", "*=", "="} {
		if name, value, ok := strings.Cut(s, op); ok {
			return attrTest{name: name, op: op, value: strings.Trim(value, `"'`)}
		}
	}
	return attrTest{name: s}
}

func (sel selector) match(n *html.Node) bool {
	return slices.ContainsFunc(sel, func(chain []step) bool { return matchChain(chain, n) })
}

// matchChain matches the rightmost step on n, then walks up the ancestors
// for the rest, backtracking over descendant combinators.
func matchChain(chain []step, n *html.Node) bool {
	if !chain[0].matches(n) {
		return false
	}
	if len(chain) == 1 {
		return true
	}
	for p := n.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if matchChain(chain[1:], p) {
			return true
		}
		if chain[0].child {
			return false
		}
	}
	return false
}

func (c compound) matches(n *html.Node) bool {
	if c.tag != "" && c.tag != "*" && n.Data != c.tag {
		return false
	}
	if id, _ := Attr(n, "id"); c.id != "" && id != c.id {
		return false
	}
	classes, _ := Attr(n, "class")
	for _, want := range c.classes {
		if !slices.Contains(strings.Fields(classes), want) {
			return false
		}
	}
	for _, a := range c.attrs {
		if !a.matches(n) {
			return false
		}
	}
	return true
}

func (a attrTest) matches(n *html.Node) bool {
	v, ok := Attr(n, a.name)
	switch a.op {
	case "=":
		return ok && v == a.value
	case "^=":
		return ok && strings.HasPrefix(v, a.value)
	case "*=":
		return ok && strings.Contains(v, a.value)
	}
	return ok
}
