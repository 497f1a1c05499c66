package e2e

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A platform team serves the plugin tarballs itself and builds with
// `make dist sdks PLUGIN_DOWNLOAD_URL=URL`: a program then needs only the SDK, and the engine
// installs the plugin from URL on first use. Here URL is a server on 127.0.0.1 that serves the
// `make dist` tarball with URL set in its schema as `make dist` sets it; each language starts from
// a PULUMI_HOME holding only the stand-in aws plugin, with automatic plugin acquisition on (for
// this test only; every other run keeps it off).
func TestPluginInstallsItselfFromItsDownloadURL(t *testing.T) {
	shared.need(t)
	work := t.TempDir()
	server := newTarballServer(t)
	url := server.url + "/releases/"
	server.serve(withDownloadURL(t, shared.tarball, url, filepath.Join(work, "served")))

	sdkDir := filepath.Join(work, "sdk")
	generate := exec.Command(filepath.Join(shared.root, "tools", "sdks.sh"), "--out", sdkDir)
	generate.Env = append(os.Environ(), "PLUGIN_DOWNLOAD_URL="+url)
	if out, err := generate.CombinedOutput(); err != nil {
		t.Fatalf("tools/sdks.sh --out with PLUGIN_DOWNLOAD_URL: %v\n%s", err, out)
	}

	for _, lang := range []string{"python", "java"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(work, lang)
			home := filepath.Join(dir, "home")
			s := &stack{t: t, dir: filepath.Join(dir, lang), cloud: filepath.Join(dir, "standin-cloud.json"),
				env: autoInstallEnv(shared.env(dir), home, sdkDir)}
			if err := os.MkdirAll(filepath.Join(dir, "backend"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := copyTree(filepath.Join(shared.root, "examples", lang), s.dir); err != nil {
				t.Fatal(err)
			}
			s.run("bash", filepath.Join(shared.root, "tests", "e2e", "prepare", lang+".sh"), s.dir)
			s.pulumiOK("plugin", "install", "resource", "aws", "6.83.0", "--file", shared.standin)
			plugin := filepath.Join(home, "plugins", "resource-hubspoke-v"+shared.version, "pulumi-resource-hubspoke")
			if _, err := os.Stat(plugin); err == nil {
				t.Fatalf("%s exists before the run: the test would prove nothing", plugin)
			}
			before := len(server.served())

			s.pulumiOK("stack", "init", "dev")
			s.pulumiOK("config", "set", "aws:region", "us-east-1")
			p := s.preview()
			if p.ChangeSummary["create"] < 50 {
				t.Errorf("the preview plans %v, want the seed network's creates", p.ChangeSummary)
			}
			if _, err := os.Stat(plugin); err != nil {
				t.Errorf("the engine did not install the plugin into %s: %v", home, err)
			}
			want := fmt.Sprintf("/releases/pulumi-resource-hubspoke-v%s-%s.tar.gz", shared.version, platform())
			if got := server.served()[before:]; !slices.Contains(got, want) {
				t.Errorf("the server was asked for %v, want %s", got, want)
			}
			// The installed plugin serves the URL in its schema, so SDKs generated from it
			// (`pulumi package add`) carry it too.
			schema := s.pulumiOK("package", "get-schema", "hubspoke@"+shared.version).stdout
			if !strings.Contains(schema, `"pluginDownloadURL": "`+url+`"`) {
				t.Errorf("the installed plugin's schema does not name pluginDownloadURL %s", url)
			}
		})
	}
}

// autoInstallEnv: the suite's environment with its own PULUMI_HOME, automatic plugin
// acquisition on, and the prepare scripts pointed at the SDKs that carry the download URL.
func autoInstallEnv(base []string, home, sdkDir string) []string {
	var env []string
	for _, kv := range base {
		if strings.HasPrefix(kv, "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=") || strings.HasPrefix(kv, "PULUMI_HOME=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "PULUMI_HOME="+home, "HUBSPOKE_SDK_DIR="+sdkDir)
}

type tarballServer struct {
	url      string
	listener net.Listener
	mu       sync.Mutex
	requests []string
}

func (s *tarballServer) served() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// newTarballServer listens on 127.0.0.1; serve starts answering.
func newTarballServer(t *testing.T) *tarballServer {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { listener.Close() })
	return &tarballServer{url: "http://" + listener.Addr().String(), listener: listener}
}

// serve answers GET <anything>/<name of tarball> with the tarball, anything else with 404, and
// records every path asked for.
func (s *tarballServer) serve(tarball string) {
	name := filepath.Base(tarball)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.URL.Path)
		s.mu.Unlock()
		if r.Method != http.MethodGet || filepath.Base(r.URL.Path) != name {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, tarball)
	})}
	go srv.Serve(s.listener)
}

// withDownloadURL repacks tarball into dir (same name) with url set in the jar's schema, by the
// script `make dist PLUGIN_DOWNLOAD_URL=url` runs.
func withDownloadURL(t *testing.T, tarball, url, dir string) string {
	t.Helper()
	stage := filepath.Join(dir, "stage")
	if err := os.MkdirAll(stage, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, filepath.Base(tarball))
	for _, cmd := range [][]string{
		{"tar", "-xzf", tarball, "-C", stage},
		{"python3", filepath.Join(shared.root, "tools", "set-download-url.py"), filepath.Join(stage, "pulumi-resource-hubspoke.jar"), url},
		{"tar", "-czf", out, "-C", stage, "pulumi-resource-hubspoke", "pulumi-resource-hubspoke.jar"},
	} {
		if b, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(cmd, " "), err, b)
		}
	}
	return out
}

func platform() string {
	_, name := filepath.Split(shared.tarball)
	return strings.TrimSuffix(strings.TrimPrefix(name, "pulumi-resource-hubspoke-v"+shared.version+"-"), ".tar.gz")
}
