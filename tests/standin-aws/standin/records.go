package standin

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// RecordsEnv names the JSON-lines file the stand-in appends one Record to per finished create,
// update and delete. Unset, it is the state file's path with ".json" replaced by ".records.jsonl"
// (state.json -> state.records.jsonl); "off" records nothing.
const RecordsEnv = "HUBSPOKE_STANDIN_AWS_RECORDS"

// Record is one line of the records file: an operation the engine asked for (not a preview),
// from the moment the stand-in received it to the moment it answered.
type Record struct {
	Op   Op     `json:"op"`
	Type string `json:"type"`
	URN  string `json:"urn"`
	Name string `json:"name"`
	// ID is the resource's id; empty when a create failed.
	ID    string    `json:"id,omitempty"`
	Start time.Time `json:"start"` // RFC 3339 with nanoseconds
	End   time.Time `json:"end"`
	// Millis is End - Start in milliseconds, with microsecond precision.
	Millis float64 `json:"ms"`
	// Error is the error the engine got, if any.
	Error string `json:"error,omitempty"`
	// Pid is the stand-in process that answered (the engine may run several).
	Pid int `json:"pid"`
}

// DefaultRecordsPath is where records go for a given state file.
func DefaultRecordsPath(statePath string) string {
	if p := os.Getenv(RecordsEnv); p != "" {
		if p == "off" {
			return ""
		}
		return p
	}
	return RecordsPathFor(statePath)
}

// RecordsPathFor is the records file that sits next to a state file.
func RecordsPathFor(statePath string) string {
	return strings.TrimSuffix(statePath, filepath.Ext(statePath)) + ".records.jsonl"
}

// recorder appends records; each is one write of one line to a file opened for appending, so
// lines from concurrent calls and processes never interleave.
type recorder struct {
	mu   sync.Mutex
	path string
}

func (r *recorder) add(rec Record) error {
	if r == nil || r.path == "" {
		return nil
	}
	rec.Millis = float64(rec.End.Sub(rec.Start).Microseconds()) / 1000
	rec.Pid = os.Getpid()
	line, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(r.path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(r.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("stand-in AWS: records: %w", err)
	}
	defer f.Close()
	_, err = f.Write(append(line, '\n'))
	return err
}

// ReadRecords reads a records file; a missing file is no records.
func ReadRecords(path string) ([]Record, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Record
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		var r Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, i+1, err)
		}
		out = append(out, r)
	}
	return out, nil
}
