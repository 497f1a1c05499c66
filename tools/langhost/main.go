// Command langhost is a stand-in Pulumi language host for python, nodejs and go.
//
// The Go module proxy reachable here serves pulumi/pulumi's own language hosts
// (pulumi-language-python, -nodejs, -go) at no version: they are nested modules
// without tags, and the proxy holds no pseudo-version of them. This host takes
// their place for what the project needs:
//
//   - GeneratePackage, with the code generators of
//     github.com/pulumi/pulumi/pkg/v3 (which is served): `pulumi package gen-sdk`;
//   - Run and Cancel: `pulumi preview/up/destroy` of a program. Python programs
//     run through the SDK's pulumi-language-python-exec script, Node.js and
//     TypeScript programs through @pulumi/pulumi's cmd/run, Go programs are
//     built with `go build` and run with the PULUMI_* variables pulumi.Run reads.
//
// Everything else (GetRequiredPackages, InstallDependencies, About, ...)
// answers UNIMPLEMENTED; the engine copes with that for preview, up and
// destroy. Dependencies are installed beforehand (pip, npm, go mod), not by
// `pulumi install`.
//
// One binary serves every language: the toolchain installs it once per
// language as pulumi-language-<language>, and the language is read from the
// name it was started under.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const binaryPrefix = "pulumi-language-"

func main() {
	language, err := languageFromBinary(os.Args[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if len(os.Args) > 1 && (os.Args[1] == "-version" || os.Args[1] == "--version") {
		fmt.Println(hostVersion)
		return
	}
	if err := serve(language, engineAddress(os.Args[1:]), os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "%s%s: %v\n", binaryPrefix, language, err)
		os.Exit(1)
	}
}

// languageFromBinary maps the executable's name to a supported language.
func languageFromBinary(arg0 string) (string, error) {
	name := strings.TrimSuffix(filepath.Base(arg0), ".exe")
	language, ok := strings.CutPrefix(name, binaryPrefix)
	if !ok {
		return "", fmt.Errorf("start this program as %s<language>, not %q", binaryPrefix, name)
	}
	if _, known := generators[language]; !known {
		return "", fmt.Errorf("%q: no generator for language %q (known: %s)",
			name, language, strings.Join(knownLanguages(), ", "))
	}
	return language, nil
}

// engineAddress returns the engine's address: the engine passes it as the last
// positional argument, after flags such as --logtostderr, -v=N and --tracing X.
func engineAddress(args []string) string {
	address := ""
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--tracing" || arg == "-tracing":
			i++ // the flag's value
		case strings.HasPrefix(arg, "-"):
		default:
			address = arg
		}
	}
	return address
}
