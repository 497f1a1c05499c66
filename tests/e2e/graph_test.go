package e2e

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// deployment is the part of `pulumi stack export` the tests read.
type deployment struct {
	Resources []stateResource `json:"resources"`
	path      string
}

type stateResource struct {
	URN          string         `json:"urn"`
	Custom       bool           `json:"custom"`
	ID           string         `json:"id"`
	Type         string         `json:"type"`
	Parent       string         `json:"parent"`
	Provider     string         `json:"provider"`
	Inputs       map[string]any `json:"inputs"`
	Outputs      map[string]any `json:"outputs"`
	Dependencies []string       `json:"dependencies"`
}

// name is the last part of a URN: the resource's name.
func name(urn string) string { return urn[strings.LastIndex(urn, "::")+2:] }

// node is one resource with everything that differs between two deployments of the same
// program taken out: ids and ARNs become references to the resource they name, auto-name
// suffixes are masked, the stack is called "<stack>" and providers are left out.
type node struct {
	Key          string
	Parent       string
	Inputs       string
	Dependencies []string
}

// graph is a deployment's normalised resources by key (type::name).
type graph map[string]node

func (d deployment) graph() graph {
	keyOf := map[string]string{}
	parents := map[string]string{}
	for _, r := range d.Resources {
		keyOf[r.URN] = key(r)
		parents[r.URN] = r.Parent
	}
	refs := d.refs()
	g := graph{}
	for _, r := range d.Resources {
		if strings.HasPrefix(r.Type, "pulumi:providers:") {
			continue
		}
		n := node{Key: key(r), Parent: keyOf[r.Parent], Inputs: normalise(r.Inputs, refs)}
		seen := map[string]bool{}
		for _, dep := range r.Dependencies {
			// SDKs differ in how they list a dependency on another component's output: the YAML
			// host names the component, the Java SDK also names the component's children behind
			// that output. Both mean "after that component", so a dependency outside the
			// resource's own top-level component counts as one on that component.
			if top := topLevel(dep, parents); top != topLevel(r.URN, parents) {
				dep = top
			}
			if !seen[keyOf[dep]] {
				seen[keyOf[dep]] = true
				n.Dependencies = append(n.Dependencies, keyOf[dep])
			}
		}
		sort.Strings(n.Dependencies)
		g[n.Key] = n
	}
	return g
}

// topLevel is the ancestor of urn (or urn itself) whose parent is the stack.
func topLevel(urn string, parents map[string]string) string {
	for {
		parent := parents[urn]
		if parent == "" || strings.Contains(parent, "::pulumi:pulumi:Stack::") {
			return urn
		}
		urn = parent
	}
}

func key(r stateResource) string {
	if r.Type == "pulumi:pulumi:Stack" {
		return r.Type + "::<stack>"
	}
	return r.Type + "::" + name(r.URN)
}

// awsID is the shape of the ids AWS (and the stand-in) make up: vpce-0e486bf56a70d73c9.
var awsID = regexp.MustCompile(`^[a-z]+(-[a-z]+)*-[0-9a-f]{8,}$`)

func collectIDs(path string, v any, refs map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			collectIDs(path+"."+k, v[k], refs)
		}
	case []any:
		for i, item := range v {
			collectIDs(fmt.Sprintf("%s[%d]", path, i), item, refs)
		}
	case string:
		if _, known := refs[v]; !known && awsID.MatchString(v) {
			refs[v] = path
		}
	}
}

// sorted is the resources in key order, so that anything derived from walking them is stable.
func (d deployment) sorted() []stateResource {
	out := append([]stateResource(nil), d.Resources...)
	sort.Slice(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

// autoName is the random suffix Pulumi appends to auto-named physical names.
var autoName = regexp.MustCompile(`-[0-9a-f]{7}\b`)

func normalise(inputs map[string]any, refs map[string]string) string {
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			out := map[string]any{}
			for k, item := range v {
				out[k] = walk(item)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, item := range v {
				out[i] = walk(item)
			}
			return out
		case string:
			if ref, ok := refs[v]; ok {
				return "ref(" + ref + ")"
			}
			return autoName.ReplaceAllString(v, "-*")
		}
		return v
	}
	data, _ := json.Marshal(walk(inputs))
	return string(data)
}

// tree is the resource tree alone: one "parent > key" line per resource, sorted.
func (g graph) tree() []string {
	var lines []string
	for _, n := range g {
		lines = append(lines, n.Parent+" > "+n.Key)
	}
	sort.Strings(lines)
	return lines
}

// diff lists what differs between two graphs, at most limit lines.
func (g graph) diff(other graph, limit int) []string {
	var out []string
	for _, k := range sortedKeys(g) {
		o, ok := other[k]
		switch {
		case !ok:
			out = append(out, "only in the first: "+k)
		case o.Parent != g[k].Parent:
			out = append(out, fmt.Sprintf("%s: parent %s vs %s", k, g[k].Parent, o.Parent))
		case o.Inputs != g[k].Inputs:
			out = append(out, fmt.Sprintf("%s: inputs\n    %s\n vs %s", k, g[k].Inputs, o.Inputs))
		case strings.Join(o.Dependencies, ",") != strings.Join(g[k].Dependencies, ","):
			out = append(out, fmt.Sprintf("%s: dependencies %v vs %v", k, g[k].Dependencies, o.Dependencies))
		}
	}
	for _, k := range sortedKeys(other) {
		if _, ok := g[k]; !ok {
			out = append(out, "only in the second: "+k)
		}
	}
	if len(out) > limit {
		out = append(out[:limit], fmt.Sprintf("… and %d more", len(out)-limit))
	}
	return out
}

// planTree is the tree `pulumi-resource-hubspoke plan --json` prints, in the same line format,
// under a stack: the resources hubspoke's own planner expects for a HubAndSpoke.
type planNode struct {
	Type     string     `json:"type"`
	Name     string     `json:"name"`
	Children []planNode `json:"children"`
}

func (p planNode) lines(parent string, out *[]string) {
	k := p.Type + "::" + p.Name
	*out = append(*out, parent+" > "+k)
	for _, c := range p.Children {
		c.lines(k, out)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// stackOutputs is the stack's outputs with the values the deployment made up made references.
func (d deployment) stackOutputs() string {
	refs := d.refs()
	for _, r := range d.Resources {
		if r.Type == "pulumi:pulumi:Stack" {
			return normalise(r.Outputs, refs)
		}
	}
	return "no stack resource"
}

// refs maps every value a deployment makes up to the resource it belongs to: ids, ARNs and
// public IPs, then other AWS-shaped ids in the outputs (a firewall's endpoint ids, for one) to
// where they appear.
func (d deployment) refs() map[string]string {
	refs := map[string]string{}
	for _, r := range d.Resources {
		if r.ID != "" && r.Custom {
			refs[r.ID] = key(r)
		}
		for _, field := range []string{"arn", "publicIp"} {
			if v, ok := r.Outputs[field].(string); ok && v != "" {
				refs[v] = key(r)
			}
		}
	}
	for _, r := range d.sorted() {
		collectIDs(key(r), r.Outputs, refs)
	}
	return refs
}
