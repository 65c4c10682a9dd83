package crawldb

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// The kill test re-executes this test binary as a process that holds the
// crawl lock (the TestMain + environment variable pattern of os/exec's own
// tests), then kills it with SIGKILL.
const envLockChild = "SEOPLAN_TEST_LOCK_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(envLockChild); path != "" {
		os.Exit(holdLock(path))
	}
	os.Exit(m.Run())
}

// holdLock takes the crawl lock of path, says so on stdout and holds it
// until killed or until stdin closes.
func holdLock(path string) int {
	db, err := Open(context.Background(), path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if _, err := db.LockCrawl(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("locked")
	bufio.NewReader(os.Stdin).ReadString('\n')
	return 0
}

func TestLockCrawlTwoHandles(t *testing.T) {
	first, path := open(t)
	second, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()

	lock, err := first.LockCrawl()
	if err != nil {
		t.Fatal(err)
	}
	_, err = second.LockCrawl()
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v, want a LockedError", err)
	}
	host, _ := os.Hostname()
	if le.Holder.PID != os.Getpid() || le.Holder.Host != host || le.Holder.Since.IsZero() {
		t.Errorf("holder %+v, want pid %d on %s with a time", le.Holder, os.Getpid(), host)
	}
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".lock"); !os.IsNotExist(err) {
		t.Errorf("lock file left after release: %v", err)
	}
	again, err := second.LockCrawl()
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.Release()
}

func TestLockDiesWithItsProcess(t *testing.T) {
	db, path := open(t)
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), envLockChild+"="+path)
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "locked\n" {
		child.Process.Kill()
		t.Fatalf("child said %q, %v", line, err)
	}

	_, err = db.LockCrawl()
	var le *LockedError
	if !errors.As(err, &le) || le.Holder.PID != child.Process.Pid {
		t.Fatalf("lock while the child holds it: %v, want held by pid %d", err, child.Process.Pid)
	}
	if err := child.Process.Kill(); err != nil { // SIGKILL: no chance to release
		t.Fatal(err)
	}
	child.Wait()
	lock, err := db.LockCrawl()
	if err != nil {
		t.Fatalf("lock after the holder was killed: %v", err)
	}
	lock.Release()
}
