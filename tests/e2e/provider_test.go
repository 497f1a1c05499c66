package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// The stand-in plays this account in this region for the programs' explicit provider, while the
// stack's default provider would play account 123456789012 in us-east-1.
const (
	explicitAccount = "111111111111"
	explicitRegion  = "eu-west-1"
)

// An explicit aws provider passed to a component (`providers`) reaches every resource the
// component registers, from YAML, Python and TypeScript: in the stack, each child names that
// provider; in the stand-in's cloud, each was made by the provider's account in its region; and
// no default aws provider was ever needed.
func TestAnExplicitAwsProviderReachesEveryChild(t *testing.T) {
	for _, lang := range []string{"yaml", "python", "typescript"} {
		if !oneOf(lang, languages) {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			s := newStackIn(t, t.TempDir(), filepath.Join(shared.root, "tests", "e2e", "testdata", "explicit-provider", lang))
			s.up()
			d := s.export()
			checkEveryChildUses(t, d, "platform", []string{"hubspoke:index:Hub", "hubspoke:index:SpokeVpc"})
			s.destroy()
		})
	}
}

// checkEveryChildUses: every custom resource below a component of the given types uses the
// explicit aws provider named provider (stack) and belongs to its account and region (stand-in),
// and the stack holds no default aws provider.
func checkEveryChildUses(t *testing.T, d deployment, provider string, components []string) {
	t.Helper()
	byURN := map[string]stateResource{}
	var ref string
	for _, r := range d.Resources {
		byURN[r.URN] = r
		if r.Type == "pulumi:providers:aws" {
			if name(r.URN) != provider {
				t.Errorf("the stack holds another aws provider than %q: %s", provider, r.URN)
			}
			ref = r.URN + "::" + r.ID
		}
	}
	if ref == "" {
		t.Fatalf("the stack holds no aws provider %q", provider)
	}
	under := func(r stateResource) string {
		for p := r.Parent; p != ""; p = byURN[p].Parent {
			if oneOf(byURN[p].Type, components) {
				return byURN[p].Type
			}
		}
		return ""
	}
	children := map[string]int{}
	for _, r := range d.Resources {
		component := under(r)
		if !r.Custom || component == "" {
			continue
		}
		children[component]++
		if r.Provider != ref {
			t.Errorf("%s uses provider %q, want the explicit %s", r.URN, r.Provider, ref)
		}
		if owner, ok := r.Outputs["ownerId"].(string); ok && owner != explicitAccount {
			t.Errorf("%s was made by account %s, want %s", r.URN, owner, explicitAccount)
		}
		if arn, ok := r.Outputs["arn"].(string); ok && !strings.Contains(arn, ":"+explicitRegion+":"+explicitAccount+":") {
			t.Errorf("%s has the ARN %s, want one in %s of account %s", r.URN, arn, explicitRegion, explicitAccount)
		}
		if zone, ok := r.Outputs["availabilityZone"].(string); ok && !strings.HasPrefix(zone, explicitRegion) {
			t.Errorf("%s is in zone %s, want one of %s", r.URN, zone, explicitRegion)
		}
	}
	for _, c := range components {
		if children[c] == 0 {
			t.Errorf("no resource below a %s: nothing to check", c)
		}
	}
	t.Logf("resources checked below each component: %v", children)
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
