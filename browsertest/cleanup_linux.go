package browsertest

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// killProfileProcesses kills what is left of a Chromium that used profile.
// Killing the main process can leave the zygote or the network service
// running, writing into the profile while it is being removed; chromedp
// does this only for profiles it created itself.
func killProfileProcesses(profile string) {
	for _, pid := range profileProcesses(profile) {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// profileProcesses lists the processes whose command line names profile
// as their user data directory.
func profileProcesses(profile string) []int {
	flag := []byte("--user-data-dir=" + profile + "\x00") // args end in NUL
	cmdlines, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var pids []int
	for _, f := range cmdlines {
		b, err := os.ReadFile(f)
		if err != nil || !bytes.Contains(b, flag) {
			continue
		}
		if pid, err := strconv.Atoi(filepath.Base(filepath.Dir(f))); err == nil && pid != os.Getpid() {
			pids = append(pids, pid)
		}
	}
	return pids
}
