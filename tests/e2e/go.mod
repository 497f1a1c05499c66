module github.com/hubspoke/hubspoke/tests/e2e

go 1.26.6

require gopkg.in/yaml.v3 v3.0.1
