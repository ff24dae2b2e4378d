package web

// Choice is a group of radio buttons for the "choices" partial: a legend,
// the options, and the error beside the group.
type Choice struct {
	Name, Legend, Error string
	Options             []Option
}

// Option is one radio button of a Choice, with an optional hint under it.
type Option struct {
	ID, Value, Label, Hint string
	Checked                bool
}

// Checkbox is a single checkbox for the "checkbox" partial, its label
// beside it and the error under it.
type Checkbox struct {
	ID, Name, Value, Label, Error string
	Checked, Required             bool
}

// choice builds a radio group whose checked option is current.
func choice(name, legend, current, errText string, opts ...Option) Choice {
	for i := range opts {
		opts[i].ID = name + "-" + opts[i].Value
		opts[i].Checked = opts[i].Value == current
	}
	return Choice{Name: name, Legend: legend, Error: errText, Options: opts}
}
