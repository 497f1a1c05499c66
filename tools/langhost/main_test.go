package main

import "testing"

func TestLanguageIsReadFromTheBinaryName(t *testing.T) {
	for name, want := range map[string]string{
		"/opt/bin/pulumi-language-python": "python",
		"pulumi-language-nodejs":          "nodejs",
		"pulumi-language-go.exe":          "go",
	} {
		got, err := languageFromBinary(name)
		if err != nil || got != want {
			t.Errorf("languageFromBinary(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestUnknownLanguageOrNameIsRefused(t *testing.T) {
	for _, name := range []string{"pulumi-language-cobol", "langhost", "pulumi-language-"} {
		if got, err := languageFromBinary(name); err == nil {
			t.Errorf("languageFromBinary(%q) = %q, want an error", name, got)
		}
	}
}

func TestEngineAddressIsTheLastPositionalArgument(t *testing.T) {
	cases := map[string][]string{
		"127.0.0.1:5000": {"--logtostderr", "-v=9", "--tracing", "http://trace", "127.0.0.1:5000"},
		"127.0.0.1:6000": {"127.0.0.1:6000"},
		"":               {"--tracing", "127.0.0.1:7000"},
	}
	for want, args := range cases {
		if got := engineAddress(args); got != want {
			t.Errorf("engineAddress(%q) = %q, want %q", args, got, want)
		}
	}
}
