package standin

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
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

// cloud is the whole state file: every resource by key (see key), how many times each URN has
// been created (so a replacement gets a new id, as in AWS), and which injected failures have fired.
type cloud struct {
	Note        string            `json:"note"`
	Resources   map[string]stored `json:"resources"`
	Generations map[string]int    `json:"generations"`
	FailedOnce  map[string]bool   `json:"failedOnce"`
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
	var out []stored
	for _, k := range sortedResourceKeys(c) {
		if strings.HasPrefix(k, typ+" ") {
			out = append(out, c.Resources[k])
		}
	}
	return out
}

func sortedResourceKeys(c *cloud) []string {
	keys := make([]string, 0, len(c.Resources))
	for k := range c.Resources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
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
	return &cloud{Resources: map[string]stored{}, Generations: map[string]int{}, FailedOnce: map[string]bool{}}
}

func loadCloud(path string) (*cloud, error) {
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

// save writes the whole file through a rename, so a reader never sees half of it.
func (c *cloud) save(path string) error {
	c.Note = "state of the STAND-IN aws provider used by hubspoke's offline tests; this is NOT AWS"
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

// store is the cloud held in memory, kept in step with the state file.
//
// The engine calls a provider concurrently, and may run several stand-in processes against one
// file (one per provider instance, and one per command). So: one in-process mutex, held only for
// a short state change and its write, never while a call waits out its latency; around it an
// advisory lock on a sibling file so two processes never interleave their read-modify-write; and
// the file is reread only when another process changed it since this one last saw it.
type store struct {
	mu    sync.Mutex
	path  string
	cloud *cloud
	seen  stamp
}

func newStore(path string) *store { return &store{path: path} }

// lockFile takes the cross-process lock; the returned function releases it.
func (s *store) lockFile() (func(), error) {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return nil, fmt.Errorf("stand-in AWS: %w", err)
	}
	f, err := os.OpenFile(s.path+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("stand-in AWS: lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("stand-in AWS: locking state: %w", err)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// fresh makes s.cloud what the file holds, rereading only when the file changed.
func (s *store) fresh() error {
	now := stampOf(s.path)
	if s.cloud != nil && now == s.seen {
		return nil
	}
	c, err := loadCloud(s.path)
	if err != nil {
		return err
	}
	s.cloud, s.seen = c, now
	return nil
}

// view runs read against the current cloud; read must not change it.
func (s *store) view(read func(c *cloud) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A read takes no file lock: the writer renames a whole file into place.
	if err := s.fresh(); err != nil {
		return err
	}
	return read(s.cloud)
}

// change runs mutate against the current cloud and writes the file when mutate says it changed
// something (also when it then returns an error, e.g. a recorded injected failure). mutate must
// leave the cloud untouched when it returns changed=false.
func (s *store) change(mutate func(c *cloud) (changed bool, err error)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := s.lockFile()
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.fresh(); err != nil {
		return err
	}
	changed, err := mutate(s.cloud)
	if changed {
		if saveErr := s.cloud.save(s.path); saveErr != nil {
			return saveErr
		}
		s.seen = stampOf(s.path)
	}
	return err
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
