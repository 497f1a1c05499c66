package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// hostVersion is the pulumi/pulumi release whose generators this host links.
const hostVersion = "3.274.1"

// languageHost answers the LanguageRuntime calls that SDK generation
// (GeneratePackage) and program runs (Run, Cancel) make. Everything else
// answers UNIMPLEMENTED, which the engine treats as "nothing to report" for
// GetRequiredPackages/GetRequiredPlugins: plugins are then loaded when the
// program first uses them.
type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	language string

	mu     sync.Mutex
	engine string // the engine's address: from the command line or Handshake

	// running is cancelled by Cancel, which interrupts the programs started
	// under it; later programs get a fresh one (the engine also calls Cancel
	// when a deployment ends normally).
	running context.Context
	cancel  context.CancelFunc
}

func newLanguageHost(language, engine string) *languageHost {
	h := &languageHost{language: language, engine: engine}
	h.running, h.cancel = context.WithCancel(context.Background())
	return h
}

// runContext is the context a program started now runs under.
func (h *languageHost) runContext() context.Context {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.running
}

func (h *languageHost) engineAddress() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engine
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: hostVersion}, nil
}

// Handshake records the engine's address (the programs need it). It adds no
// health check: serve watches the engine given on the command line, and the
// engine stops this host when done.
func (h *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.mu.Lock()
		h.engine = req.GetEngineAddress()
		h.mu.Unlock()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// Cancel interrupts running programs (SIGINT, then SIGKILL after a grace period).
func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cancel()
	h.running, h.cancel = context.WithCancel(context.Background())
	return &emptypb.Empty{}, nil
}

func (h *languageHost) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, fmt.Errorf("parse schema: %w", err)
	}
	client, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, fmt.Errorf("connect to the engine's schema loader: %w", err)
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}
	files, err := generators[h.language](pkg, req, loader)
	if err != nil {
		return nil, err
	}
	return response, writeFiles(req.Directory, files)
}

func writeFiles(root string, files map[string][]byte) error {
	for name, data := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// serve starts the gRPC server, prints its port for the engine (the plugin
// protocol's first stdout line) and blocks until the engine goes away.
func serve(language, engine string, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancel)
	}()
	if engine != "" {
		// Exit when the engine stops answering, as every plugin must.
		if err := rpcutil.Healthcheck(ctx, engine, 5*time.Minute, stop); err != nil {
			return fmt.Errorf("watch engine %s: %w", engine, err)
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, newLanguageHost(language, engine))
			return nil
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d\n", handle.Port)
	return <-handle.Done
}
