package e2e

import (
	"encoding/json"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// verifyReport is the part of `pulumi-resource-hubspoke verify --json` the tests read.
type verifyReport struct {
	Passed bool `json:"passed"`
	Checks []struct {
		Name   string `json:"name"`
		Passed bool   `json:"passed"`
		Cases  []struct {
			Subject string `json:"subject"`
			Passed  bool   `json:"passed"`
			Detail  string `json:"detail"`
		} `json:"cases"`
	} `json:"checks"`
}

// verify runs the installed plugin's `verify` on the deployment's export (issue 5): it rebuilds
// the network from the state and traces egress, return and east-west packets hop by hop. args
// are more flags, or the exports of more stacks of the same network (issue 13).
func verify(t *testing.T, d deployment, args ...string) (verifyReport, int) {
	t.Helper()
	cmd := exec.Command(shared.launcher, append([]string{"verify", d.path, "--json"}, args...)...)
	out, err := cmd.Output()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("verify: %v", err)
	}
	var report verifyReport
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("verify --json (exit %d) printed no report: %v\n%s", code, err, tail(string(out), 3000))
	}
	return report, code
}

// failed lists the failing cases as "check: subject: detail".
func (r verifyReport) failed() []string {
	var out []string
	for _, c := range r.Checks {
		for _, k := range c.Cases {
			if !k.Passed {
				out = append(out, c.Name+": "+k.Subject+": "+k.Detail)
			}
		}
	}
	return out
}

// checkVerifyPasses: every check passes, and the traces covered every check verify knows.
func checkVerifyPasses(t *testing.T, d deployment, flags ...string) {
	t.Helper()
	report, code := verify(t, d, flags...)
	if code != 0 || !report.Passed {
		t.Errorf("verify %v exits %d; failing:\n%s", flags, code, strings.Join(report.failed(), "\n"))
	}
	for _, want := range []string{"topology", "egress", "return", "east-west", "no-spoke-internet", "no-overlap", "appliance-mode", "symmetry"} {
		found := false
		for _, c := range report.Checks {
			found = found || (c.Name == want && len(c.Cases) > 0)
		}
		if !found {
			t.Errorf("verify reported no %s check with cases", want)
		}
	}
}

// checkVerifyFinds: verify exits 1 and fails exactly the named checks.
func checkVerifyFinds(t *testing.T, d deployment, want ...string) {
	t.Helper()
	report, code := verify(t, d)
	var failing []string
	for _, c := range report.Checks {
		if !c.Passed {
			failing = append(failing, c.Name)
		}
	}
	if code != 1 || strings.Join(failing, ",") != strings.Join(want, ",") {
		t.Errorf("verify exits %d failing %v, want exit 1 failing %v", code, failing, want)
	}
}
