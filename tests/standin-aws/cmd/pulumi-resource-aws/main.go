// Command pulumi-resource-aws is the STAND-IN aws provider for hubspoke's offline tests.
// It is NOT AWS: it plays the cloud from a JSON file (see tests/standin-aws/README.md).
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
