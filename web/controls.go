package web

// Select is a labelled drop-down list for the "select" partial.
type Select struct {
	Field
	Options []SelectOption
}

// SelectOption is one entry of a Select.
type SelectOption struct {
	Value, Label string
	Selected     bool
}

// newSelect builds a Select whose option current is selected; with
// prompt, a first empty option asks to choose.
func newSelect(f Field, prompt string, current string, opts ...SelectOption) Select {
	if prompt != "" {
		opts = append([]SelectOption{{Value: "", Label: prompt}}, opts...)
	}
	for i := range opts {
		opts[i].Selected = opts[i].Value == current
	}
	return Select{Field: f, Options: opts}
}

// TextArea is a labelled multi-line field for the "textarea" partial.
type TextArea struct {
	Field
	Rows int
}

// FileInput is the attachments' control for the "files" partial: one
// input that takes several files; the limits are in its hint.
type FileInput struct {
	Field
	Accept   string
	Multiple bool
}
