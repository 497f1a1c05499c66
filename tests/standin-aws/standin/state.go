package standin

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"
)

// StateEnv names the file the stand-in keeps its "cloud" in.
const StateEnv = "HUBSPOKE_STANDIN_AWS_STATE"

// stored is one resource as the stand-in cloud holds it.
type stored struct {
	Type    string          `json:"type"`
	URN     string          `json:"urn"`
	Inputs  json.RawMessage `json:"inputs"`
	Outputs json.RawMessage `json:"outputs"`
	// Generated is the random part of the id, kept so an update recomputes the same outputs.
	Generated string `json:"generated"`
}

// cloud is the whole state file: every resource by id, how many times each URN has been created
// (so a replacement gets a new id, as in AWS), and which injected failures have fired.
type cloud struct {
	Note        string            `json:"note"`
	Resources   map[string]stored `json:"resources"`
	Generations map[string]int    `json:"generations"`
	FailedOnce  map[string]bool   `json:"failedOnce"`
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

func loadCloud(path string) (*cloud, error) {
	c := &cloud{Resources: map[string]stored{}, Generations: map[string]int{}, FailedOnce: map[string]bool{}}
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
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("stand-in AWS: writing state: %w", err)
	}
	return os.Rename(tmp, path)
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
