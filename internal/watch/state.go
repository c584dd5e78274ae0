package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// stateVersion is the version of the state file format.
const stateVersion = 1

// state is what the watcher remembers across restarts.
type state struct {
	Version int                   `json:"version"`
	Feeds   map[string]*feedState `json:"feeds"` // by feed URL
	// Seen maps the ids and links of items handled (stored, or skipped for good) to when they were
	// last listed in a feed; entries not listed for seenTTL are forgotten.
	Seen map[string]time.Time `json:"seen"`
}

// feedState is one feed's validators for conditional GET.
type feedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Polled       time.Time `json:"polled,omitzero"` // last successful poll
	// Listed are the ids and links of the items in the last full response: a 304 refreshes their
	// times in Seen, so that items of a feed that stays unchanged are not forgotten.
	Listed []string `json:"listed,omitempty"`
}

func newState() *state {
	return &state{Version: stateVersion, Feeds: map[string]*feedState{}, Seen: map[string]time.Time{}}
}

// loadState reads the state file; a missing file is an empty state.
func loadState(path string) (*state, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading watch state: %w", err)
	}
	st := newState()
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("reading watch state %s: %w", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("watch state %s: version %d, want %d", path, st.Version, stateVersion)
	}
	if st.Feeds == nil {
		st.Feeds = map[string]*feedState{}
	}
	if st.Seen == nil {
		st.Seen = map[string]time.Time{}
	}
	for k, v := range st.Feeds {
		if v == nil {
			delete(st.Feeds, k)
		}
	}
	return st, nil
}

// save writes the state atomically: to a temporary file in the same folder, synced, then renamed
// over the old one.
func (st *state) save(path string) error {
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return fmt.Errorf("encoding watch state: %w", err)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing watch state: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing watch state %s: %w", path, err)
	}
	return nil
}

// prune forgets the items not listed since before cutoff.
func (st *state) prune(cutoff time.Time) {
	for k, t := range st.Seen {
		if t.Before(cutoff) {
			delete(st.Seen, k)
		}
	}
}
