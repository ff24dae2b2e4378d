package kabinet

// ImportFile is one file's import: the progress marker an interrupted
// import resumes from, and its counts.
type ImportFile struct {
	ID        int64
	SHA256    string
	Kind      string
	Name      string
	State     string // ImportRunning or ImportDone
	LinesDone int    // the lines committed (or refused) so far
	Inserted  int
	Updated   int
	Refused   int
}

// Import states.
const (
	ImportRunning = "running"
	ImportDone    = "done"
)
