package crawldb

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// ErrLocked is wrapped by the error LockCrawl returns while another live
// crawl writes the database.
var ErrLocked = errors.New("in use by another crawl")

// Holder says which process holds a database's crawl lock.
type Holder struct {
	PID   int       `json:"pid"`
	Host  string    `json:"host"`
	Since time.Time `json:"since"`
}

// LockedError is LockCrawl's error when the lock is held. It wraps
// ErrLocked and names the holder, so a person can find the crawl.
type LockedError struct {
	Path   string
	Holder Holder // zero when the holder had not yet written its name
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("crawl database %s: %v; wait for it to finish or stop it, then run this command again", e.Path, ErrLocked)
	}
	return fmt.Sprintf("crawl database %s: %v (pid %d on host %s, since %s); wait for it to finish or stop it, then run this command again",
		e.Path, ErrLocked, h.PID, h.Host, h.Since.Format(time.RFC3339))
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// CrawlLock is held by the one crawl that writes a database.
type CrawlLock struct {
	f    *os.File
	name string
}

// LockCrawl takes the crawl lock of the database: one crawl at a time may
// write it, since two would fetch the same frontier and store its pages
// twice. The lock is an advisory lock on the side file path+".lock",
// which the operating system drops when the process ends however it ends,
// so a crawl killed with SIGKILL leaves no stale lock behind and the next
// crawl resumes its snapshot. The side file names the holder, for the
// error a second crawl gets at once instead of waiting, and is removed
// again by Release.
func (db *DB) LockCrawl() (*CrawlLock, error) {
	name := db.path + ".lock"
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock crawl database %s: %w: %v", db.path, ErrUnusable, err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock crawl database %s: %v", db.path, err)
		}
		if !ok {
			h := readHolder(f)
			f.Close()
			return nil, &LockedError{Path: db.path, Holder: h}
		}
		// A holder that released (and removed the file) between our open
		// and our lock leaves us locking a file no one else will open:
		// start again on the file now at name.
		if !sameFile(f, name) {
			unlock(f)
			f.Close()
			continue
		}
		if err := writeHolder(f); err != nil {
			unlock(f)
			f.Close()
			return nil, fmt.Errorf("lock crawl database %s: %v", db.path, err)
		}
		return &CrawlLock{f: f, name: name}, nil
	}
}

// sameFile reports whether f is still the file at name.
func sameFile(f *os.File, name string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(name)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// Release gives the lock up and removes the side file, while still
// holding the lock, so that a crawl that opened it meanwhile sees it gone
// (LockCrawl checks) and takes a new one. Where the file cannot be removed
// (Windows, while another process has it open) it stays, harmlessly.
func (l *CrawlLock) Release() error {
	os.Remove(l.name)
	uerr := unlock(l.f)
	if err := l.f.Close(); err != nil {
		return err
	}
	return uerr
}

func writeHolder(f *os.File) error {
	host, _ := os.Hostname()
	b, err := json.Marshal(Holder{PID: os.Getpid(), Host: host, Since: time.Now().UTC().Truncate(time.Second)})
	if err != nil {
		return err
	}
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err = f.WriteAt(append(b, '\n'), 0)
	return err
}

// readHolder reads the holder's name; a zero Holder when it is not (yet)
// readable.
func readHolder(f *os.File) Holder {
	var h Holder
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err == nil {
		_ = json.Unmarshal(b, &h)
	}
	return h
}
