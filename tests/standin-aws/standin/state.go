package standin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"
)

// StateEnv names the file the stand-in keeps its "cloud" in.
const StateEnv = "HUBSPOKE_STANDIN_AWS_STATE"

// stored is one resource as the stand-in cloud holds it.
type stored struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	URN     string          `json:"urn"`
	Inputs  json.RawMessage `json:"inputs"`
	Outputs json.RawMessage `json:"outputs"`
	// Generated is the random part of the id, kept so an update recomputes the same outputs.
	Generated string `json:"generated"`
}

// cloud is the whole state: every resource by key (see key), how many times each URN has been
// created (so a replacement gets a new id, as in AWS), and which injected failures have fired.
// It changes only through put, remove, setGeneration and markFailed, which note each change in
// pending, for the journal.
type cloud struct {
	Note        string            `json:"note"`
	Resources   map[string]stored `json:"resources"`
	Generations map[string]int    `json:"generations"`
	FailedOnce  map[string]bool   `json:"failedOnce"`

	pending delta
	// inputs caches decoded inputs by key: refusals compare a new resource with many others.
	inputs map[string]resource.PropertyMap
	// inVpc indexes the keys of resources by type and vpcId input (see inVpcKey), built on
	// first use and kept up to date by apply, so a subnet checks only its own VPC's subnets.
	inVpc map[string]map[string]bool
}

func inVpcKey(typ, vpcID string) string { return typ + " " + vpcID }

// ofVpc lists the stored resources of one type whose vpcId input is vpcID, in a stable order.
func (c *cloud) ofVpc(typ, vpcID string) []stored {
	if c.inVpc == nil {
		c.inVpc = map[string]map[string]bool{}
		for k, s := range c.Resources {
			c.index(k, s, true)
		}
	}
	var keys []string
	for k := range c.inVpc[inVpcKey(typ, vpcID)] {
		keys = append(keys, k)
	}
	return c.sorted(keys)
}

// sorted is the stored resources of these keys, sorted by key.
func (c *cloud) sorted(keys []string) []stored {
	sort.Strings(keys)
	out := make([]stored, len(keys))
	for i, k := range keys {
		out[i] = c.Resources[k]
	}
	return out
}

// index adds (or removes) a resource to the inVpc index, once it is built.
func (c *cloud) index(k string, s stored, add bool) {
	if c.inVpc == nil {
		return
	}
	in, err := c.inputsOf(s)
	if err != nil || str(in, "vpcId") == "" {
		return
	}
	ik := inVpcKey(s.Type, str(in, "vpcId"))
	if add {
		if c.inVpc[ik] == nil {
			c.inVpc[ik] = map[string]bool{}
		}
		c.inVpc[ik][k] = true
	} else {
		delete(c.inVpc[ik], k)
	}
}

// delta is one change to the cloud, as one journal line: resources set (nil: deleted),
// generations and failures set.
type delta struct {
	Resources   map[string]*stored `json:"resources,omitempty"`
	Generations map[string]int     `json:"generations,omitempty"`
	FailedOnce  map[string]bool    `json:"failedOnce,omitempty"`
}

func (d delta) empty() bool {
	return len(d.Resources) == 0 && len(d.Generations) == 0 && len(d.FailedOnce) == 0
}

// apply replays a change, from this process or another one.
func (c *cloud) apply(d delta) {
	for k, s := range d.Resources {
		if old, ok := c.Resources[k]; ok {
			c.index(k, old, false)
			delete(c.inputs, k)
		}
		if s == nil {
			delete(c.Resources, k)
		} else {
			c.Resources[k] = *s
			c.index(k, *s, true)
		}
	}
	for urn, n := range d.Generations {
		c.Generations[urn] = n
	}
	for urn, failed := range d.FailedOnce {
		c.FailedOnce[urn] = failed
	}
}

// note records a change in pending, for the journal.
func (c *cloud) note(d delta) {
	p := &c.pending
	for k, s := range d.Resources {
		if p.Resources == nil {
			p.Resources = map[string]*stored{}
		}
		p.Resources[k] = s
	}
	for urn, n := range d.Generations {
		if p.Generations == nil {
			p.Generations = map[string]int{}
		}
		p.Generations[urn] = n
	}
	for urn, failed := range d.FailedOnce {
		if p.FailedOnce == nil {
			p.FailedOnce = map[string]bool{}
		}
		p.FailedOnce[urn] = failed
	}
}

func (c *cloud) change(d delta) {
	c.apply(d)
	c.note(d)
}

// put stores a resource; inputs are its decoded inputs, kept for the refusals.
func (c *cloud) put(s stored, inputs resource.PropertyMap) {
	k := key(s.Type, s.ID)
	c.change(delta{Resources: map[string]*stored{k: &s}})
	c.cache(k, inputs)
}

func (c *cloud) cache(k string, inputs resource.PropertyMap) {
	if c.inputs == nil {
		c.inputs = map[string]resource.PropertyMap{}
	}
	c.inputs[k] = inputs
}

func (c *cloud) remove(typ, id string) {
	c.change(delta{Resources: map[string]*stored{key(typ, id): nil}})
}

func (c *cloud) setGeneration(urn string, n int) {
	c.change(delta{Generations: map[string]int{urn: n}})
}

func (c *cloud) markFailed(urn string) {
	c.change(delta{FailedOnce: map[string]bool{urn: true}})
}

// inputsOf is a stored resource's inputs, decoded once; callers must not change them.
func (c *cloud) inputsOf(s stored) (resource.PropertyMap, error) {
	k := key(s.Type, s.ID)
	if in, ok := c.inputs[k]; ok {
		return in, nil
	}
	in, err := decodeProps(s.Inputs)
	if err == nil {
		c.cache(k, in)
	}
	return in, err
}

// key is where a resource lives in the cloud: its type and its id. Ids are unique per resource
// type, not across types: a network firewall logging configuration's id is its firewall's ARN,
// exactly the firewall's own id (AWS keeps the logging configuration as a property of the
// firewall; see
// https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_UpdateLoggingConfiguration.html).
func key(typ, id string) string { return typ + " " + id }

// get returns the stored resource of this type and id.
func (c *cloud) get(typ, id string) (stored, bool) {
	s, ok := c.Resources[key(typ, id)]
	return s, ok
}

// ofType lists the stored resources of one type, in a stable order.
func (c *cloud) ofType(typ string) []stored {
	var keys []string
	for k, s := range c.Resources {
		if s.Type == typ {
			keys = append(keys, k)
		}
	}
	return c.sorted(keys)
}

// DefaultStatePath is where the state lives when HUBSPOKE_STANDIN_AWS_STATE is not set.
func DefaultStatePath() string {
	if p := os.Getenv(StateEnv); p != "" {
		return p
	}
	home := os.Getenv("PULUMI_HOME")
	if home == "" {
		if h, err := os.UserHomeDir(); err == nil {
			home = filepath.Join(h, ".pulumi")
		}
	}
	return filepath.Join(home, "standin-aws", "state.json")
}

func emptyCloud() *cloud {
	return &cloud{Resources: map[string]stored{}, Generations: map[string]int{}, FailedOnce: map[string]bool{},
		inputs: map[string]resource.PropertyMap{}}
}

// JournalPath is where the changes made since the state file was last written are appended.
func JournalPath(statePath string) string { return statePath + ".journal" }

// loadSnapshot reads the state file, without the journal.
func loadSnapshot(path string) (*cloud, error) {
	c := emptyCloud()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("stand-in AWS: reading state %s: %w", path, err)
	}
	if err := json.Unmarshal(data, c); err != nil {
		return nil, fmt.Errorf("stand-in AWS: state %s is not valid JSON: %w", path, err)
	}
	if c.Resources == nil {
		c.Resources = map[string]stored{}
	}
	if c.Generations == nil {
		c.Generations = map[string]int{}
	}
	if c.FailedOnce == nil {
		c.FailedOnce = map[string]bool{}
	}
	return c, nil
}

// save writes the whole state file through a rename, so a reader never sees half of it.
func (c *cloud) save(path string) error {
	c.Note = "state of the STAND-IN aws provider used by hubspoke's offline tests; this is NOT AWS " +
		"(changes since this file was written are in " + filepath.Base(JournalPath(path)) + ")"
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("stand-in AWS: %w", err)
	}
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("stand-in AWS: writing state: %w", err)
	}
	return os.Rename(tmp, path)
}

// LoadState is the stand-in's cloud as its processes left it: the state file with the journal
// replayed, read under the shared lock. It returns the JSON of the state file's format.
func LoadState(path string) ([]byte, error) {
	s := newStore(path)
	var data []byte
	err := s.view(func(c *cloud) error {
		var err error
		data, err = json.MarshalIndent(c, "", "  ")
		return err
	})
	return data, err
}

// stamp tells whether the state file changed since this process last read or wrote it.
type stamp struct {
	size    int64
	modTime time.Time
	inode   uint64
	exists  bool
}

func stampOf(path string) stamp {
	info, err := os.Stat(path)
	if err != nil {
		return stamp{}
	}
	st := stamp{size: info.Size(), modTime: info.ModTime(), exists: true}
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		st.inode = sys.Ino
	}
	return st
}

// compactAt is the journal size from which a change rewrites the state file instead: at least
// the state file's own size, so rewrites cost as much as the appends before them and the work
// per call stays constant however large the cloud grows.
const compactAt = 1 << 20

// store is the cloud held in memory, kept in step with the state file and its journal.
//
// The engine calls a provider concurrently, and may run several stand-in processes against one
// file (one per provider instance, and one per command). So: one in-process mutex, held only for
// a short state change and its write, never while a call waits out its latency; around it an
// advisory lock on a sibling file (exclusive to change, shared to read) so two processes never
// interleave their read-modify-write. A change appends one line to the journal; the whole state
// file is rewritten (and the journal emptied) only once the journal has grown as large as it.
// A process rereads the state file only when another one rewrote it, and reads only the
// journal lines it has not seen.
type store struct {
	mu     sync.Mutex
	path   string
	cloud  *cloud
	seen   stamp // the state file as this process last read or wrote it
	offset int64 // how much of the journal is in cloud
	// compactAt is compactAt, smaller in tests; written counts the bytes this store wrote.
	compactAt, written int64
}

func newStore(path string) *store { return &store{path: path, compactAt: compactAt} }

// lockFile takes the cross-process lock (how: syscall.LOCK_EX or LOCK_SH); the returned function
// releases it.
func (s *store) lockFile(how int) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return nil, fmt.Errorf("stand-in AWS: %w", err)
	}
	f, err := os.OpenFile(s.path+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("stand-in AWS: lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		return nil, fmt.Errorf("stand-in AWS: locking state: %w", err)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// fresh makes s.cloud what the state file and the journal hold, reading only what changed.
func (s *store) fresh() error {
	if now := stampOf(s.path); s.cloud == nil || now != s.seen {
		c, err := loadSnapshot(s.path)
		if err != nil {
			return err
		}
		s.cloud, s.seen, s.offset = c, now, 0
	}
	f, err := os.Open(JournalPath(s.path))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("stand-in AWS: journal: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() == s.offset {
		return err
	}
	if info.Size() < s.offset {
		// Emptied without a new state file: only a hand edit does that. Start again.
		s.cloud = nil
		return s.fresh()
	}
	data := make([]byte, info.Size()-s.offset)
	if _, err := f.ReadAt(data, s.offset); err != nil {
		return fmt.Errorf("stand-in AWS: reading the journal: %w", err)
	}
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			return fmt.Errorf("stand-in AWS: the journal %s ends in half a line", JournalPath(s.path))
		}
		var d delta
		if err := json.Unmarshal(data[:end], &d); err != nil {
			return fmt.Errorf("stand-in AWS: journal %s at byte %d: %w", JournalPath(s.path), s.offset, err)
		}
		s.cloud.apply(d)
		s.offset += int64(end + 1)
		data = data[end+1:]
	}
	return nil
}

// view runs read against the current cloud; read must not change it.
func (s *store) view(read func(c *cloud) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := s.lockFile(syscall.LOCK_SH)
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.fresh(); err != nil {
		return err
	}
	return read(s.cloud)
}

// change runs mutate against the current cloud and writes what it changed (also when it then
// returns an error, e.g. a recorded injected failure). mutate changes the cloud only through
// its put, remove, setGeneration and markFailed.
func (s *store) change(mutate func(c *cloud) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := s.lockFile(syscall.LOCK_EX)
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.fresh(); err != nil {
		return err
	}
	err = mutate(s.cloud)
	if !s.cloud.pending.empty() {
		if saveErr := s.write(); saveErr != nil {
			return saveErr
		}
	}
	return err
}

// write appends the pending change to the journal, or rewrites the state file when the journal
// has grown as large as it (see compactAt).
func (s *store) write() error {
	line, err := json.Marshal(s.cloud.pending)
	if err != nil {
		return err
	}
	s.cloud.pending = delta{}
	if s.offset+int64(len(line)) >= max(s.compactAt, s.seen.size) {
		if err := s.cloud.save(s.path); err != nil {
			return err
		}
		s.written += stampOf(s.path).size
		if err := os.Truncate(JournalPath(s.path), 0); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("stand-in AWS: emptying the journal: %w", err)
		}
		s.seen, s.offset = stampOf(s.path), 0
		return nil
	}
	f, err := os.OpenFile(JournalPath(s.path), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("stand-in AWS: journal: %w", err)
	}
	defer f.Close()
	if _, err := f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("stand-in AWS: writing the journal: %w", err)
	}
	s.offset += int64(len(line) + 1)
	s.written += int64(len(line) + 1)
	return nil
}

var keepAll = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true, KeepOutputValues: false}

func encodeProps(m resource.PropertyMap) (json.RawMessage, error) {
	s, err := plugin.MarshalProperties(m, keepAll)
	if err != nil {
		return nil, err
	}
	return protojson.Marshal(s)
}

func decodeProps(raw json.RawMessage) (resource.PropertyMap, error) {
	s := &structpb.Struct{}
	if len(raw) > 0 {
		if err := protojson.Unmarshal(raw, s); err != nil {
			return nil, err
		}
	}
	return plugin.UnmarshalProperties(s, keepAll)
}
