package e2e

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The last released version: the tag the upgrade test builds its baseline plugin from. The commit
// is the fallback for a clone that did not fetch tags.
const (
	releasedVersion = "0.1.0"
	releasedTag     = "v0.1.0"
	releasedCommit  = "5f6e6d9"
)

// replacesOrDeletes is every step operation that deletes a cloud resource (a replacement deletes the
// old one, before or after creating the new one).
var replacesOrDeletes = map[string]bool{
	"replace": true, "create-replacement": true, "delete-replaced": true, "delete": true,
	"discard": true, "discard-replaced": true, "read-replacement": true,
}

// A network deployed by the released plugin, updated by this one, replaces or deletes only what
// CHANGELOG.md names, and still routes every packet through the firewall afterwards. Both
// programs a user is likely to have are tried: the whole blueprint in one HubAndSpoke, and the
// network component by component.
func TestUpgradeFromTheLastReleaseChangesOnlyWhatTheChangelogNames(t *testing.T) {
	allowed := changelogAllowed(t, filepath.Join(shared.root, "CHANGELOG.md"), releasedVersion)
	old := releasedTarball(t)
	home := filepath.Join(t.TempDir(), "home")
	for _, args := range [][]string{
		{"plugin", "install", "resource", "aws", "6.83.0", "--file", shared.standin},
		{"plugin", "install", "resource", "hubspoke", releasedVersion, "--file", old},
		{"plugin", "install", "resource", "hubspoke", shared.version, "--file", shared.tarball},
	} {
		cmd := exec.Command(shared.pulumi, args...)
		cmd.Env = append(shared.env(t.TempDir()), "PULUMI_HOME="+home)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pulumi %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	for _, example := range []string{"yaml-blueprint", "yaml"} {
		t.Run(example, func(t *testing.T) {
			s := releasedStack(t, example, home)
			if example == "yaml-blueprint" {
				// The logs are what an upgrade must not lose: their groups and the flow-log roles
				// take part in this update.
				s.editHubspokeResources(func(typ string, res map[string]any) bool {
					props, _ := res["properties"].(map[string]any)
					props["firewallLogging"], props["flowLogs"] = true, true
					return typ == "hubspoke:index:HubAndSpoke"
				})
			}
			s.pinHubspoke(releasedVersion)
			progress(fmt.Sprintf("upgrade %s: up with hubspoke %s", example, releasedVersion))
			s.up()
			before := s.export()
			checkHubspokeVersion(t, before, releasedVersion)
			if n := len(logGroupNames(before)); example == "yaml-blueprint" && n != 5 {
				t.Fatalf("the released blueprint made %d log groups, want 5 (firewall alert and flow, a flow log per VPC)", n)
			}

			s.pinHubspoke(shared.version)
			progress(fmt.Sprintf("upgrade %s: preview and up with hubspoke %s", example, shared.version))
			p := s.preview("--diff")
			var unnamed []string
			planned := map[string]string{}
			for _, step := range p.Steps {
				if !replacesOrDeletes[step.Op] {
					continue
				}
				planned[step.URN] = step.Op
				if !allowed.permits(step.Op, name(step.URN)) {
					unnamed = append(unnamed, step.Op+" "+step.URN)
				}
			}
			for _, urn := range sortedKeys(planned) {
				t.Logf("upgrade %s: %s %s", example, planned[urn], urn)
			}
			if len(unnamed) > 0 {
				sort.Strings(unnamed)
				t.Errorf("updating from %s replaces or deletes what CHANGELOG.md does not name:\n  %s",
					releasedVersion, strings.Join(unnamed, "\n  "))
			}
			changes, _ := s.up()
			// The engine's own record of the update, so a step the preview missed cannot hide.
			if n := changes["replace"] + changes["delete"]; n != countReplacedOrDeleted(planned) {
				t.Errorf("the update recorded %v, the preview planned %d replacements and deletions: %v",
					changes, countReplacedOrDeleted(planned), planned)
			}
			after := s.export()
			checkHubspokeVersion(t, after, shared.version)
			if kept, lost := logGroupNames(before), logGroupNames(after); strings.Join(kept, " ") != strings.Join(lost, " ") {
				t.Errorf("log groups before the update %v, after %v: a renamed group is a new one, without the old logs", kept, lost)
			}
			if example == "yaml-blueprint" {
				checkVerifyPasses(t, after)
			}
			if len(after.Resources) < len(before.Resources)-len(planned) {
				t.Errorf("the stack shrank from %d to %d resources", len(before.Resources), len(after.Resources))
			}
			s.expectNoChanges("after the upgrade")
			s.destroy()
		})
	}
}

// logGroupNames is the name of every CloudWatch log group of the deployment, sorted.
func logGroupNames(d deployment) []string {
	var names []string
	for _, r := range d.Resources {
		if r.Type == "aws:cloudwatch/logGroup:LogGroup" {
			names = append(names, fmt.Sprint(r.Outputs["name"]))
		}
	}
	sort.Strings(names)
	return names
}

// checkHubspokeVersion fails unless the deployment's hubspoke provider is the given version: the
// test proves nothing if the engine picked another installed version than the program pinned.
func checkHubspokeVersion(t *testing.T, d deployment, version string) {
	t.Helper()
	var found []string
	for _, r := range d.Resources {
		if r.Type == "pulumi:providers:hubspoke" {
			found = append(found, fmt.Sprint(r.Inputs["version"]))
		}
	}
	if len(found) != 1 || found[0] != version {
		t.Fatalf("the stack's hubspoke provider versions are %v, want exactly [%s]", found, version)
	}
}

// countReplacedOrDeleted counts the resources the engine records as replaced or deleted: one per
// URN, whichever of a replacement's steps the preview listed.
func countReplacedOrDeleted(planned map[string]string) int { return len(planned) }

// releasedStack is examples/<example> as the released version had it, deployed with a
// PULUMI_HOME holding both plugin versions.
func releasedStack(t *testing.T, example, home string) *stack {
	t.Helper()
	work := t.TempDir()
	s := &stack{t: t, dir: filepath.Join(work, example), cloud: filepath.Join(work, "standin-cloud.json")}
	s.env = append(shared.env(work), "PULUMI_HOME="+home)
	if err := os.MkdirAll(filepath.Join(work, "backend"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	commit := releasedRevision(t)
	out, err := exec.Command("git", "-C", shared.root, "show", commit+":examples/"+example+"/Pulumi.yaml").Output()
	if err != nil {
		t.Fatalf("git show %s:examples/%s/Pulumi.yaml: %v", commit, example, err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "Pulumi.yaml"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	s.listReleasedZones()
	s.pulumiOK("stack", "init", "dev")
	s.pulumiOK("config", "set", "aws:region", "us-east-1")
	return s
}

// pinHubspoke sets the `version` resource option of every hubspoke resource in the program: it
// is how a YAML program chooses among installed versions of a provider.
func (s *stack) pinHubspoke(version string) {
	s.t.Helper()
	s.editHubspokeResources(func(_ string, res map[string]any) bool {
		options, _ := res["options"].(map[string]any)
		if options == nil {
			options = map[string]any{}
		}
		options["version"] = version
		res["options"] = options
		return true
	})
}

// editHubspokeResources lets edit change each hubspoke resource of Pulumi.yaml (type, resource)
// and saves the program; edit says whether it changed the resource, and one must have.
func (s *stack) editHubspokeResources(edit func(typ string, res map[string]any) bool) {
	s.t.Helper()
	file := filepath.Join(s.dir, "Pulumi.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		s.t.Fatal(err)
	}
	var program map[string]any
	if err := yaml.Unmarshal(data, &program); err != nil {
		s.t.Fatal(err)
	}
	edited := 0
	for _, r := range program["resources"].(map[string]any) {
		res := r.(map[string]any)
		typ, _ := res["type"].(string)
		if strings.HasPrefix(typ, "hubspoke:") && edit(typ, res) {
			edited++
		}
	}
	if edited == 0 {
		s.t.Fatalf("%s: no hubspoke resource to edit", file)
	}
	if data, err = yaml.Marshal(program); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// releasedZones are the Availability Zones the released program is given. 0.1.0 took the first
// zones a lookup returned, Local and Wavelength Zones included (fixed since), and the stand-in
// plays an account opted in to both, where 0.1.0 could not deploy at all; on an account without
// them the lookup returned exactly these.
var releasedZones = []any{"us-east-1a", "us-east-1b"}

// zoneInputs are the components that took availabilityZones in 0.1.0.
var zoneInputs = map[string]bool{"hubspoke:index:InspectionVpc": true, "hubspoke:index:SpokeVpc": true,
	"hubspoke:index:HubAndSpoke": true}

// listReleasedZones sets availabilityZones on every component of the program that takes it.
func (s *stack) listReleasedZones() {
	s.t.Helper()
	s.editHubspokeResources(func(typ string, res map[string]any) bool {
		if !zoneInputs[typ] {
			return false
		}
		props, _ := res["properties"].(map[string]any)
		props["availabilityZones"] = releasedZones
		return true
	})
}

// releasedRevision is the released commit: the tag, else the known commit; the test cannot run
// without either.
func releasedRevision(t *testing.T) string {
	t.Helper()
	for _, rev := range []string{releasedTag, releasedCommit} {
		out, err := exec.Command("git", "-C", shared.root, "rev-parse", "--verify", "--quiet", rev+"^{commit}").Output()
		if err == nil {
			return strings.TrimSpace(string(out))
		}
	}
	t.Fatalf("neither tag %s nor commit %s is in this clone: fetch the tags (git fetch --tags) to build the released plugin",
		releasedTag, releasedCommit)
	return ""
}

// releasedTarball builds the released plugin's tarball the way its Makefile's dist target did
// (launcher and jar at the root), once per commit: later runs take it from the cache.
func releasedTarball(t *testing.T) string {
	t.Helper()
	commit := releasedRevision(t)
	cacheRoot := os.Getenv("XDG_CACHE_HOME")
	if cacheRoot == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			t.Fatal(err)
		}
		cacheRoot = filepath.Join(home, ".cache")
	}
	cache := filepath.Join(cacheRoot, "hubspoke", "released", commit)
	tarball := filepath.Join(cache, "pulumi-resource-hubspoke-v"+releasedVersion+".tar.gz")
	if _, err := os.Stat(tarball); err == nil {
		progress("released plugin " + releasedVersion + " from the cache: " + tarball)
		return tarball
	}
	progress(fmt.Sprintf("building the released plugin %s from %s (%s; cached for later runs)", releasedVersion, releasedTag, commit[:7]))
	src := t.TempDir()
	archive := exec.Command("sh", "-c", `git -C "$1" archive "$2" provider pom.xml schema.json | tar -x -C "$3"`, "sh", shared.root, commit, src)
	if out, err := archive.CombinedOutput(); err != nil {
		t.Fatalf("git archive %s: %v\n%s", commit, err, out)
	}
	mvn := exec.Command("mvn", "-q", "-B", "-o", "-DskipTests", "package")
	mvn.Dir = filepath.Join(src, "provider")
	if out, err := mvn.CombinedOutput(); err != nil {
		t.Fatalf("building the released plugin (mvn -o package in %s): %v\n%s", mvn.Dir, err, tail(string(out), 4000))
	}
	stage := filepath.Join(src, "stage")
	if err := os.MkdirAll(stage, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		from, to string
		mode     os.FileMode
	}{
		{"provider/launcher/pulumi-resource-hubspoke", "pulumi-resource-hubspoke", 0o755},
		{"provider/target/pulumi-resource-hubspoke.jar", "pulumi-resource-hubspoke.jar", 0o644},
	} {
		data, err := os.ReadFile(filepath.Join(src, f.from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(stage, f.to), data, f.mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	// Written under another name and renamed, so an interrupted run leaves no half tarball behind.
	partial := tarball + ".partial"
	if out, err := exec.Command("tar", "-C", stage, "-czf", partial, "pulumi-resource-hubspoke", "pulumi-resource-hubspoke.jar").CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, out)
	}
	if err := os.Rename(partial, tarball); err != nil {
		t.Fatal(err)
	}
	progress("released plugin built: " + tarball)
	return tarball
}

// changeList is what CHANGELOG.md says an update from a released version may replace or
// delete: operation -> resource-name patterns (path.Match syntax, on the name part of the URN).
type changeList map[string][]string

func (c changeList) permits(op, resourceName string) bool {
	kind := "delete"
	if op != "delete" && op != "discard" {
		kind = "replace"
	}
	for _, pattern := range c[kind] {
		if ok, _ := path.Match(pattern, resourceName); ok {
			return true
		}
	}
	return false
}

// changelogMarker heads the machine-read list in each version's section of CHANGELOG.md.
const changelogMarker = "### Replaced or deleted on update"

// changelogAllowed reads every "Replaced or deleted on update" list above the released version's
// heading: an update from that version may do what any later version names. Each entry is a
// bullet "- replace `pattern`: why" or "- delete `pattern`: why".
func changelogAllowed(t *testing.T, file, since string) changeList {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	allowed := changeList{}
	inList, sections := false, 0
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(line, "## ")), since) {
				return allowed
			}
			sections++
			inList = false
		case strings.HasPrefix(line, "### "):
			inList = strings.TrimSpace(line) == changelogMarker
		case inList && strings.HasPrefix(line, "- "):
			fields := strings.SplitN(strings.TrimPrefix(line, "- "), "`", 3)
			op := strings.TrimSpace(fields[0])
			if len(fields) < 3 || (op != "replace" && op != "delete") {
				t.Fatalf("CHANGELOG.md: %q under %q is not \"- replace `pattern`: why\" or \"- delete `pattern`: why\"",
					line, changelogMarker)
			}
			if _, err := path.Match(fields[1], ""); err != nil {
				t.Fatalf("CHANGELOG.md: bad pattern %q: %v", fields[1], err)
			}
			allowed[op] = append(allowed[op], fields[1])
		}
	}
	if sections == 0 {
		t.Fatalf("CHANGELOG.md has no section above %s", since)
	}
	t.Fatalf("CHANGELOG.md has no \"## %s\" heading: the upgrade test reads the changes since then", since)
	return nil
}

func TestChangelogListsAreReadPerOperation(t *testing.T) {
	file := filepath.Join(t.TempDir(), "CHANGELOG.md")
	text := "# Changelog\n\n## Unreleased\n\n" + changelogMarker + "\n- replace `net-*-flow-log-group`: renamed\n" +
		"- delete `old-thing`: gone\n\n### Added\n- replace `not-a-list-entry`\n\n## 0.3.0\n" + changelogMarker +
		"\n- replace `x-?`: why\n\n## 0.1.0\n" + changelogMarker + "\n- delete `before-the-release`: not since\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := changelogAllowed(t, file, "0.1.0")
	for _, tc := range []struct {
		op, name string
		want     bool
	}{
		{"replace", "net-spoke1-flow-log-group", true},
		{"create-replacement", "net-spoke1-flow-log-group", true},
		{"delete", "net-spoke1-flow-log-group", false},
		{"delete", "old-thing", true},
		{"replace", "old-thing", false},
		{"replace", "not-a-list-entry", false},
		{"replace", "x-1", true},
		{"replace", "x-12", false},
		{"delete", "before-the-release", false},
	} {
		if got := c.permits(tc.op, tc.name); got != tc.want {
			t.Errorf("permits(%s, %s) = %v, want %v", tc.op, tc.name, got, tc.want)
		}
	}
}
