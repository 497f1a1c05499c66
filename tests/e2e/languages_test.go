package e2e

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// languages are the examples the engine can run on this machine. examples/csharp cannot run
// here: there is no .NET SDK and NuGet is unreachable (tests/e2e/check-csharp-example.py checks
// it statically instead).
var languages = languagesToRun()

var update = flag.Bool("update", false, "rewrite testdata/seed-components.tree from the yaml example's deployment")

const componentsTree = "testdata/seed-components.tree"

// Every language's example builds the seed network component by component. Each one's first
// preview must list exactly what its up creates, and after normalising ids all of their
// deployments must be the same graph: the expected tree, the same inputs, the same
// dependencies and the same stack outputs.
func TestEveryLanguageBuildsTheSameNetwork(t *testing.T) {
	want := readTree(t, componentsTree)
	var reference graph
	var referenceLang, referenceOutputs string
	timings := map[string][2]time.Duration{}
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			s := newStack(t, lang)
			p := s.preview()
			changes, upTook := s.up()
			d := s.export()
			timings[lang] = [2]time.Duration{p.took, upTook}
			checkPreviewMatchesUp(t, p, changes, d)

			g := d.graph()
			if lang == "yaml" && *update {
				writeTree(t, componentsTree, g.tree())
				want = g.tree()
			}
			if diff := lineDiff(want, g.tree()); len(diff) > 0 {
				t.Errorf("%s's resource tree is not %s:\n%s", lang, componentsTree, strings.Join(diff, "\n"))
			}
			outputs := d.stackOutputs()
			if reference == nil {
				reference, referenceLang, referenceOutputs = g, lang, outputs
			} else {
				if diff := reference.diff(g, 20); len(diff) > 0 {
					t.Errorf("%s's deployment differs from %s's:\n%s", lang, referenceLang, strings.Join(diff, "\n"))
				}
				if outputs != referenceOutputs {
					t.Errorf("%s's stack outputs differ from %s's:\n %s\nvs %s", lang, referenceLang, outputs, referenceOutputs)
				}
			}
			checkVerifyPasses(t, d)
			s.destroy()
		})
	}
	for _, lang := range languages {
		if took, ok := timings[lang]; ok {
			t.Logf("%-10s first preview %5.1fs   up %5.1fs", lang, took[0].Seconds(), took[1].Seconds())
		}
	}
}

// checkPreviewMatchesUp: the first preview plans creating exactly the resources up created
// (nothing appears only once values are known), and up did nothing else.
func checkPreviewMatchesUp(t *testing.T, p preview, changes map[string]int, d deployment) {
	t.Helper()
	planned := p.planned("create")
	if len(planned) != len(p.Steps) {
		t.Errorf("the first preview plans %d steps, of which only %d are creates: %v", len(p.Steps), len(planned), p.ChangeSummary)
	}
	created := map[string]bool{}
	for _, r := range d.Resources {
		if !strings.HasPrefix(r.Type, "pulumi:providers:") {
			created[r.URN] = true
		}
	}
	for urn := range created {
		if !planned[urn] {
			t.Errorf("up created %s, which the preview did not show", urn)
		}
	}
	for urn := range planned {
		if !created[urn] {
			t.Errorf("the preview showed %s, which up did not create", urn)
		}
	}
	if changes["create"] != len(created) || len(changes) != 1 {
		t.Errorf("up recorded %v, want only create: %d", changes, len(created))
	}
}

func readTree(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if *update {
			return nil
		}
		t.Fatal(err)
	}
	return strings.Split(strings.Trim(string(data), "\n"), "\n")
}

func writeTree(t *testing.T, path string, lines []string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lineDiff lists the lines only one side has, marked - (want) and + (got).
func lineDiff(want, got []string) []string {
	count := map[string]int{}
	for _, l := range want {
		count[l]++
	}
	for _, l := range got {
		count[l]--
	}
	var out []string
	for _, l := range sortedKeys(count) {
		for n := count[l]; n > 0; n-- {
			out = append(out, "- "+l)
		}
		for n := count[l]; n < 0; n++ {
			out = append(out, "+ "+l)
		}
	}
	return out
}

// languagesToRun is every runnable language, or the comma-separated HUBSPOKE_E2E_LANGUAGES.
func languagesToRun() []string {
	if only := os.Getenv("HUBSPOKE_E2E_LANGUAGES"); only != "" {
		return strings.Split(only, ",")
	}
	return []string{"yaml", "python", "typescript", "go", "java"}
}
