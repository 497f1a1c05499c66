// Command pulumi-resource-aws is the STAND-IN aws provider for hubspoke's offline tests.
// It is NOT AWS: it plays the cloud from a JSON file and its journal (see tests/standin-aws/README.md).
package main

import (
	"fmt"
	"os"

	"github.com/hubspoke/hubspoke/tests/standin-aws/standin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

func main() {
	// `pulumi-resource-aws state PATH` prints the cloud kept in PATH and its journal, as one JSON
	// document in the state file's format, for tests and people to read.
	if len(os.Args) == 3 && os.Args[1] == "state" {
		data, err := standin.LoadState(os.Args[2])
		if err != nil {
			fmt.Fprintf(os.Stderr, "stand-in AWS (NOT AWS): %v\n", err)
			os.Exit(1)
		}
		fmt.Printf("%s\n", data)
		return
	}
	prov, err := standin.FromEnv()
	if err != nil {
		fmt.Fprintf(os.Stderr, "stand-in AWS (NOT AWS): %v\n", err)
		os.Exit(1)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(srv, prov)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "stand-in AWS (NOT AWS): cannot serve: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout, as with every provider.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "stand-in AWS (NOT AWS): %v\n", err)
		os.Exit(1)
	}
}
