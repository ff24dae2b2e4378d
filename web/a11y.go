package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// a11yCookie keeps the settings of the version for the visually impaired.
// A cookie, not the profile, because the settings are needed before sign-in;
// once signed in the profile will hold them too (DOMAIN.md §9.2).
const a11yCookie = "a11y"

// A11y are the settings of the version for the visually impaired. The
// server applies them as data-a11y-* attributes on <html> and the
// stylesheet turns those into custom properties, so there is one site, not
// a second copy, and no JavaScript is needed.
type A11y struct {
	// On is false for the ordinary version; the other fields then hold
	// the defaults.
	On bool
	// Size is the font scale in percent: 100, 150 or 200.
	Size string
	// Theme is one of the bvi colour schemes: white, black, blue, brown, green.
	Theme string
	// Images is "on", "grayscale" or "off" (hidden, alt text shown instead).
	Images string
}

// a11yChoice is one value of one setting: the value sent by its button and
// the Russian label on it.
type a11yChoice struct{ Value, Label string }

var (
	a11ySizes = []a11yChoice{{"100", "100 %"}, {"150", "150 %"}, {"200", "200 %"}}
	// The theme labels name the colours, since a sample alone says nothing
	// to a screen reader.
	a11yThemes = []a11yChoice{
		{"white", "Чёрным по белому"},
		{"black", "Белым по чёрному"},
		{"blue", "Синим по голубому"},
		{"brown", "Коричневым по бежевому"},
		{"green", "Зелёным по коричневому"},
	}
	a11yImages = []a11yChoice{{"on", "Показывать"}, {"grayscale", "Чёрно-белые"}, {"off", "Скрыть"}}

	a11ySettings = []string{"size", "theme", "images"}
)

// The ordinary version, and what switching the version on starts from.
var (
	ordinaryA11y = A11y{Size: "100", Theme: "white", Images: "on"}
	a11yOnStart  = A11y{On: true, Size: "150", Theme: "white", Images: "on"}
)

// a11yFromRequest reads the settings cookie. A missing or damaged cookie
// means the ordinary version; unknown values fall back to the defaults.
func a11yFromRequest(r *http.Request) A11y {
	c, err := r.Cookie(a11yCookie)
	if err != nil {
		return ordinaryA11y
	}
	v, err := url.ParseQuery(c.Value)
	if err != nil || v.Get("on") != "1" {
		return ordinaryA11y
	}
	a := a11yOnStart
	for _, name := range a11ySettings {
		a.set(name, v.Get(name))
	}
	return a
}

// set changes one setting, reporting false for an unknown setting or value.
func (a *A11y) set(name, value string) bool {
	field, choices := a.field(name)
	if field == nil || !slices.ContainsFunc(choices, func(c a11yChoice) bool { return c.Value == value }) {
		return false
	}
	*field = value
	return true
}

func (a *A11y) field(name string) (*string, []a11yChoice) {
	switch name {
	case "size":
		return &a.Size, a11ySizes
	case "theme":
		return &a.Theme, a11yThemes
	case "images":
		return &a.Images, a11yImages
	}
	return nil, nil
}

// cookieValue encodes the settings; url.Values keeps it extensible (letter
// spacing, line height) and free of characters cookies forbid.
func (a A11y) cookieValue() string {
	return url.Values{"on": {"1"}, "size": {a.Size}, "theme": {a.Theme}, "images": {a.Images}}.Encode()
}

// ImagesOff reports whether images are replaced by their text.
func (a A11y) ImagesOff() bool { return a.On && a.Images == "off" }

// Summary names the current choices for the folded settings panel,
// short enough for a phone at 200 %: «200 %, белым по чёрному», and the
// images only when they are not shown as usual.
func (a A11y) Summary() string {
	s := a11yLabel(a11ySizes, a.Size) + ", " + strings.ToLower(a11yLabel(a11yThemes, a.Theme))
	if a.Images != ordinaryA11y.Images {
		s += ", изображения: " + strings.ToLower(a11yLabel(a11yImages, a.Images))
	}
	return s
}

func a11yLabel(choices []a11yChoice, value string) string {
	for _, c := range choices {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}

// A11yOption is one button of the settings panel.
type A11yOption struct {
	Name, Value, Label string
	// Pressed marks the active choice (aria-pressed).
	Pressed bool
}

// SizeOptions are the font size buttons.
func (a A11y) SizeOptions() []A11yOption { return a.options("size", a.Size, a11ySizes) }

// ThemeOptions are the colour scheme buttons.
func (a A11y) ThemeOptions() []A11yOption { return a.options("theme", a.Theme, a11yThemes) }

// ImageOptions are the image mode buttons.
func (a A11y) ImageOptions() []A11yOption { return a.options("images", a.Images, a11yImages) }

func (a A11y) options(name, current string, choices []a11yChoice) []A11yOption {
	opts := make([]A11yOption, len(choices))
	for i, c := range choices {
		opts[i] = A11yOption{Name: name, Value: c.Value, Label: c.Label, Pressed: a.On && c.Value == current}
	}
	return opts
}
