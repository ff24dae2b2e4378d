//go:build !linux

package browsertest

// killProfileProcesses relies on chromedp elsewhere; the portal's test
// machines are Linux.
func killProfileProcesses(string) {}

func profileProcesses(string) []int { return nil }
