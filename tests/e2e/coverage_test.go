package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// inputCoverage is the table of which engine test takes each input of the schema through
// `pulumi up`: one row per component.property (a SpokeSpec field as HubAndSpoke.spokes[].field),
// naming a test function of this package, optionally with the name of one of its steps
// (TestX/step name, as written in the test's source).
const inputCoverage = "testdata/input-coverage.tsv"

// schemaInputs is every input property of every component in schema.json, as component.property;
// the fields of object types a component takes (SpokeSpec) as component.property[].field.
func schemaInputs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type property struct {
		Ref   string `json:"$ref"`
		Items struct {
			Ref string `json:"$ref"`
		} `json:"items"`
	}
	var schema struct {
		Resources map[string]struct {
			IsComponent     bool                `json:"isComponent"`
			InputProperties map[string]property `json:"inputProperties"`
		} `json:"resources"`
		Types map[string]struct {
			Properties map[string]property `json:"properties"`
		} `json:"types"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var inputs []string
	for token, resource := range schema.Resources {
		if !resource.IsComponent {
			continue
		}
		component := token[strings.LastIndex(token, ":")+1:]
		for name, p := range resource.InputProperties {
			inputs = append(inputs, component+"."+name)
			ref, suffix := p.Ref, ""
			if p.Items.Ref != "" {
				ref, suffix = p.Items.Ref, "[]"
			}
			if typ, ok := schema.Types[strings.TrimPrefix(ref, "#/types/")]; ok && ref != "" {
				for field := range typ.Properties {
					inputs = append(inputs, component+"."+name+suffix+"."+field)
				}
			}
		}
	}
	sort.Strings(inputs)
	return inputs
}

// coverageRow is one line of the table.
type coverageRow struct {
	line        int
	input, test string
}

func readCoverage(t *testing.T, path string) []coverageRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []coverageRow
	scanner := bufio.NewScanner(f)
	for n := 1; scanner.Scan(); n++ {
		line := scanner.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 || fields[0] == "" || fields[1] == "" {
			t.Errorf("%s:%d: want component.property<TAB>test[<TAB>note], got %q", path, n, line)
			continue
		}
		rows = append(rows, coverageRow{line: n, input: fields[0], test: fields[1]})
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// engineTests is every Test function of this package's source in dir, with the string
// literals its body holds (its step and subtest names among them).
func engineTests(t *testing.T, dir string) map[string]map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]map[string]bool{}
	fset := token.NewFileSet()
	for _, file := range files {
		parsed, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, decl := range parsed.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || fn.Body == nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Name.Name == "TestMain" {
				continue
			}
			literals := map[string]bool{}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						literals[s] = true
					}
				}
				return true
			})
			tests[fn.Name.Name] = literals
		}
	}
	return tests
}

// checkCoverage is the whole check, as a list of problems: inputs without a row, rows for
// inputs the schema does not have, and rows naming a test or step that does not exist.
func checkCoverage(inputs []string, rows []coverageRow, tests map[string]map[string]bool, table string) []string {
	var problems []string
	known := map[string]bool{}
	for _, in := range inputs {
		known[in] = true
	}
	covered := map[string]bool{}
	for _, row := range rows {
		at := fmt.Sprintf("%s:%d", table, row.line)
		if !known[row.input] {
			problems = append(problems, fmt.Sprintf("%s: %s is not an input of any component in schema.json", at, row.input))
		}
		name, step, hasStep := strings.Cut(row.test, "/")
		literals, ok := tests[name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: %s names the test %s, which does not exist", at, row.input, name))
		case hasStep && !literals[step]:
			problems = append(problems, fmt.Sprintf("%s: %s names the step %q of %s, which does not exist", at, row.input, step, name))
		default:
			covered[row.input] = true
		}
	}
	for _, in := range inputs {
		if !covered[in] {
			problems = append(problems, fmt.Sprintf("%s has no row in %s naming the engine test that takes it through pulumi up", in, table))
		}
	}
	return problems
}

// Every input of the schema goes through `pulumi up` under the engine in at least one test, and
// the table says which: a new input without a row, or a row naming a test (or step) that was
// renamed or removed, fails here. It reads files only; it needs no engine.
func TestEveryInputHasAnEngineTest(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	inputs := schemaInputs(t, filepath.Join(root, "schema.json"))
	if len(inputs) < 50 {
		t.Fatalf("schema.json lists only %d component inputs; the reader is broken: %v", len(inputs), inputs)
	}
	for _, problem := range checkCoverage(inputs, readCoverage(t, inputCoverage), engineTests(t, "."), inputCoverage) {
		t.Error(problem)
	}
}

// The check itself fails for each kind of gap, so the test above cannot pass by checking nothing.
func TestTheCoverageCheckFindsEachKindOfGap(t *testing.T) {
	inputs := []string{"Hub.tags", "Hub.description"}
	tests := map[string]map[string]bool{"TestUp": {"first up": true}}
	rows := []coverageRow{
		{1, "Hub.tags", "TestUp/first up"},
		{2, "Hub.description", "TestUp"},
	}
	if problems := checkCoverage(inputs, rows, tests, "t"); len(problems) != 0 {
		t.Errorf("a complete table reports %v", problems)
	}
	for _, c := range []struct {
		rows []coverageRow
		want string
	}{
		{rows[:1], "Hub.description has no row"},
		{append(rows[:1:1], coverageRow{2, "Hub.description", "TestGone"}), "the test TestGone, which does not exist"},
		{append(rows[:1:1], coverageRow{2, "Hub.description", "TestUp/second up"}), `the step "second up" of TestUp`},
		{append(rows, coverageRow{3, "Hub.colour", "TestUp"}), "Hub.colour is not an input"},
	} {
		problems := strings.Join(checkCoverage(inputs, c.rows, tests, "t"), "\n")
		if !strings.Contains(problems, c.want) {
			t.Errorf("want a problem with %q, got %q", c.want, problems)
		}
	}
}

// newProgramStack is newStack for a test program under testdata/ instead of an example.
func newProgramStack(t *testing.T, program string) *stack {
	t.Helper()
	shared.need(t)
	work := t.TempDir()
	s := &stack{t: t, dir: filepath.Join(work, program), env: shared.env(work),
		cloud: filepath.Join(work, "standin-cloud.json")}
	if err := os.MkdirAll(filepath.Join(work, "backend"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyTree(filepath.Join(shared.root, "tests", "e2e", "testdata", program), s.dir); err != nil {
		t.Fatalf("copy testdata/%s: %v", program, err)
	}
	s.pulumiOK("stack", "init", "dev")
	s.pulumiOK("config", "set", "aws:region", "us-east-1")
	return s
}

// byName is the deployment's resources by resource name (names are unique in these programs).
func (d deployment) byName(t *testing.T) map[string]stateResource {
	t.Helper()
	out := map[string]stateResource{}
	for _, r := range d.Resources {
		if _, dup := out[name(r.URN)]; dup && !strings.HasPrefix(r.Type, "pulumi:") {
			t.Fatalf("two resources are named %s", name(r.URN))
		}
		out[name(r.URN)] = r
	}
	return out
}

// ofType counts the deployment's resources of type typ whose name starts with prefix.
func (d deployment) ofType(typ, prefix string) int {
	n := 0
	for _, r := range d.Resources {
		if r.Type == typ && strings.HasPrefix(name(r.URN), prefix) {
			n++
		}
	}
	return n
}

// The inputs the examples leave at their defaults, each set to another value in one program
// (testdata/every-input: every component on its own, and a second network as one HubAndSpoke),
// taken through one `pulumi up`: the first preview shows what up creates, and each value shows
// up where AWS would see it. A second up turns firewall logging on.
func TestEveryOtherInputGoesThroughUp(t *testing.T) {
	s := newProgramStack(t, "every-input")
	step := func(name string, body func(t *testing.T)) {
		if !t.Run(name, body) {
			t.FailNow()
		}
	}

	step("every other input in one up", func(t *testing.T) {
		s.t = t
		p := s.preview()
		changes, _ := s.up()
		d := s.export()
		checkPreviewMatchesUp(t, p, changes, d)
		r := d.byName(t)
		want := func(resource, property string, value any) {
			t.Helper()
			got, ok := r[resource]
			if !ok {
				t.Errorf("no resource named %s", resource)
			} else if fmt.Sprint(got.Inputs[property]) != fmt.Sprint(value) {
				t.Errorf("%s.%s is %v, want %v", resource, property, got.Inputs[property], value)
			}
		}
		// Hub: description, amazonSideAsn.
		want("hub-tgw", "description", "hubspoke every-input hub")
		want("hub-tgw", "amazonSideAsn", 64700)
		// FirewallPolicy: no SSH drop, no ICMP rule, the custom rule, the domain.
		if n := d.ofType("aws:networkfirewall/ruleGroup:RuleGroup", "policy-"); n != 3 {
			t.Errorf("the policy has %d rule groups, want 3 (tcp-handshake, domains, custom)", n)
		}
		if _, ok := r["policy-custom"]; !ok || !strings.Contains(fmt.Sprint(r["policy-custom"].Inputs), "sid:1000001") {
			t.Errorf("the custom rule group is missing or lacks the rule: %v", r["policy-custom"].Inputs)
		}
		// InspectionVpc: listed zones in order, one NAT, flow logs kept 7 days.
		want("inspection-public-0", "availabilityZone", "us-east-1b")
		want("inspection-tgw-1", "availabilityZone", "us-east-1a")
		if n := d.ofType("aws:ec2/natGateway:NatGateway", "inspection-"); n != 1 {
			t.Errorf("natGateways single built %d NAT gateways", n)
		}
		want("inspection-flow-logs", "retentionInDays", 7)
		// SpokeVpc: zones, subnet sizes, SSM endpoints, flow logs.
		want("spoke-workload-1", "availabilityZone", "us-east-1a")
		want("spoke-workload-1", "cidrBlock", "10.0.8.0/21")
		want("spoke-tgw-0", "cidrBlock", "10.0.32.0/27")
		if n := d.ofType("aws:ec2/vpcEndpoint:VpcEndpoint", "spoke-"); n != 3 {
			t.Errorf("ssmEndpoints built %d endpoints, want 3", n)
		}
		want("spoke-flow-logs", "retentionInDays", 7)
		// SpokeWorkload: instance type, AMI, the subnet it was given.
		want("workload-instance", "instanceType", "t3.small")
		want("workload-instance", "ami", "ami-0123456789abcdef0")
		want("workload-instance", "subnetId", r["spoke-workload-1"].ID)
		// HubAndSpoke: listed zones, no firewall, one NAT, a spoke without a workload.
		want("network-inspection-public-0", "availabilityZone", "us-east-1d")
		want("network-edge-tgw-1", "availabilityZone", "us-east-1c")
		if d.ofType("aws:networkfirewall/firewall:Firewall", "network-") != 0 ||
			d.ofType("aws:ec2/natGateway:NatGateway", "network-") != 1 ||
			d.ofType("aws:ec2/instance:Instance", "network-") != 0 {
			t.Errorf("the HubAndSpoke has a firewall, more than one NAT or a workload")
		}
	})

	// Needs the stand-in to let a firewall's logging configuration be created next to the
	// firewall (it refused with "already exists (held by ... Firewall)" before that was fixed).
	step("firewall logging on", func(t *testing.T) {
		s.t = t
		s.pulumiOK("config", "set", "firewallLogging", "true")
		changes, _ := s.up()
		if changes["create"] != 3 {
			t.Errorf("firewall logging made %v, want 3 creates (two log groups, the logging configuration)", changes)
		}
		r := s.export().byName(t)
		if _, ok := r["inspection-firewall-logging"]; !ok {
			t.Errorf("no logging configuration named inspection-firewall-logging")
		}
		s.expectNoChanges("after turning firewall logging on")
	})

	step("destroy", func(t *testing.T) {
		s.t = t
		s.destroy()
	})
}
