package standin

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const zonesTok = "aws:index/getAvailabilityZones:getAvailabilityZones"

// zonesOf invokes getAvailabilityZones on a us-east-1 stand-in with `standard` standard zones.
func zonesOf(t *testing.T, standard int, args map[string]any) (map[string]any, error) {
	t.Helper()
	p := NewWith(filepath.Join(t.TempDir(), "s.json"), "", nil, Options{StandardZones: standard})
	if _, err := p.Configure(ctx, &pulumirpc.ConfigureRequest{Variables: map[string]string{"aws:config:region": "us-east-1"}}); err != nil {
		t.Fatal(err)
	}
	resp, err := p.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: zonesTok, Args: props(t, args)})
	if err != nil {
		return nil, err
	}
	return plain(t, resp.Return), nil
}

func mustZones(t *testing.T, standard int, args map[string]any) map[string]any {
	t.Helper()
	z, err := zonesOf(t, standard, args)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func list(v any) []string {
	var out []string
	for _, e := range v.([]any) {
		out = append(out, e.(string))
	}
	return out
}

func zoneType(values ...any) map[string]any {
	return map[string]any{"filters": []any{map[string]any{"name": "zone-type", "values": values}}, "state": "available"}
}

// The request com.pulumi:aws 6.83.0 sends for getAvailabilityZones(state: "available") is
// {state: "available"}; AWS then answers the opted-in Local and Wavelength Zones too, sorted by
// name, so they come before the region's standard zones.
func TestZonesByDefaultIncludeOptedInLocalAndWavelengthZonesSortedByName(t *testing.T) {
	z := mustZones(t, 4, map[string]any{"state": "available"})
	wantNames := []string{"us-east-1-bos-1a", "us-east-1-wl1-bos-wlz-1", "us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"}
	wantIDs := []string{"use1-bos1-az1", "use1-wl1-bos-wlz1", "use1-az1", "use1-az2", "use1-az3", "use1-az4"}
	if got := list(z["names"]); !reflect.DeepEqual(got, wantNames) {
		t.Errorf("names: %v, want %v", got, wantNames)
	}
	if got := list(z["zoneIds"]); !reflect.DeepEqual(got, wantIDs) {
		t.Errorf("zoneIds: %v, want %v", got, wantIDs)
	}
	if got := list(z["groupNames"]); !reflect.DeepEqual(got, []string{"us-east-1", "us-east-1-bos-1", "us-east-1-wl1"}) {
		t.Errorf("groupNames: %v", got)
	}
	if z["id"] != "us-east-1" || z["state"] != "available" {
		t.Errorf("id/state: %v", z)
	}
}

func TestZonesFilteredByZoneTypeAreOnlyThatType(t *testing.T) {
	cases := map[string][]string{
		"availability-zone": {"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"},
		"local-zone":        {"us-east-1-bos-1a"},
		"wavelength-zone":   {"us-east-1-wl1-bos-wlz-1"},
	}
	for typ, want := range cases {
		if got := list(mustZones(t, 4, zoneType(typ))["names"]); !reflect.DeepEqual(got, want) {
			t.Errorf("zone-type %s: %v, want %v", typ, got, want)
		}
	}
	if got := list(mustZones(t, 4, zoneType("availability-zone"))["groupNames"]); !reflect.DeepEqual(got, []string{"us-east-1"}) {
		t.Errorf("standard zones' group is the region: %v", got)
	}
}

func TestZonesFilterOnOptInStatusZoneNameWildcardsAndSeveralFiltersAtOnce(t *testing.T) {
	optedIn := mustZones(t, 4, map[string]any{"filters": []any{map[string]any{"name": "opt-in-status", "values": []any{"opted-in"}}}})
	if got := list(optedIn["names"]); !reflect.DeepEqual(got, []string{"us-east-1-bos-1a", "us-east-1-wl1-bos-wlz-1"}) {
		t.Errorf("opted-in: %v", got)
	}
	notRequired := mustZones(t, 4, map[string]any{"filters": []any{
		map[string]any{"name": "opt-in-status", "values": []any{"opt-in-not-required"}},
		map[string]any{"name": "zone-name", "values": []any{"us-east-1[ab]", "us-east-1d"}},
	}})
	if got := list(notRequired["names"]); !reflect.DeepEqual(got, []string{"us-east-1a", "us-east-1b", "us-east-1d"}) {
		t.Errorf("standard zones named a, b or d: %v", got)
	}
	if got := list(mustZones(t, 4, map[string]any{"filters": []any{map[string]any{"name": "zone-id", "values": []any{"use1-az*"}}}})["names"]); len(got) != 4 {
		t.Errorf("zone-id use1-az*: %v", got)
	}
}

func TestZonesWithAllAvailabilityZonesAddTheLocalZoneNotOptedIn(t *testing.T) {
	all := list(mustZones(t, 4, map[string]any{"allAvailabilityZones": true})["names"])
	if len(all) != 7 || all[1] != "us-east-1-mia-1a" {
		t.Errorf("all zones: %v", all)
	}
	notOpted := mustZones(t, 4, map[string]any{"allAvailabilityZones": true,
		"filters": []any{map[string]any{"name": "opt-in-status", "values": []any{"not-opted-in"}}}})
	if got := list(notOpted["names"]); !reflect.DeepEqual(got, []string{"us-east-1-mia-1a"}) {
		t.Errorf("not opted in: %v", got)
	}
	if got := list(mustZones(t, 4, map[string]any{"filters": []any{map[string]any{"name": "opt-in-status", "values": []any{"not-opted-in"}}}})["names"]); len(got) != 0 {
		t.Errorf("without allAvailabilityZones a zone not opted in is never listed: %v", got)
	}
}

func TestZonesExcludeNamesAndZoneIds(t *testing.T) {
	z := mustZones(t, 4, map[string]any{"state": "available",
		"excludeNames": []any{"us-east-1-bos-1a", "us-east-1b"}, "excludeZoneIds": []any{"use1-wl1-bos-wlz1", "use1-az4"}})
	if got := list(z["names"]); !reflect.DeepEqual(got, []string{"us-east-1a", "us-east-1c"}) {
		t.Errorf("names: %v", got)
	}
	if got := list(z["zoneIds"]); !reflect.DeepEqual(got, []string{"use1-az1", "use1-az3"}) {
		t.Errorf("zoneIds: %v", got)
	}
	if got := list(z["excludeNames"]); len(got) != 2 {
		t.Errorf("the exclusions are echoed: %v", z)
	}
}

func TestZonesStateFilterOtherThanAvailableFindsNothing(t *testing.T) {
	if got := list(mustZones(t, 4, map[string]any{"state": "impaired"})["names"]); len(got) != 0 {
		t.Errorf("no zone is impaired: %v", got)
	}
}

func TestZonesRefuseAnUnknownFilterName(t *testing.T) {
	_, err := zonesOf(t, 4, map[string]any{"filters": []any{map[string]any{"name": "zone-colour", "values": []any{"blue"}}}})
	if err == nil || !strings.Contains(err.Error(), "InvalidParameterValue: The filter 'zone-colour' is invalid") {
		t.Fatalf("err: %v", err)
	}
}

func TestZonesEnvMakesTheRegionHaveFewerStandardZones(t *testing.T) {
	t.Setenv(ZonesEnv, "2")
	n, err := standardZonesFromEnv()
	if err != nil || n != 2 {
		t.Fatalf("%s=2: %d %v", ZonesEnv, n, err)
	}
	if got := list(mustZones(t, n, zoneType("availability-zone"))["names"]); !reflect.DeepEqual(got, []string{"us-east-1a", "us-east-1b"}) {
		t.Errorf("two standard zones: %v", got)
	}
	for _, bad := range []string{"0", "7", "two"} {
		t.Setenv(ZonesEnv, bad)
		if _, err := standardZonesFromEnv(); err == nil {
			t.Errorf("%s=%s must be refused", ZonesEnv, bad)
		}
	}
	t.Setenv(ZonesEnv, "")
	if n, _ := standardZonesFromEnv(); n != DefaultStandardZones {
		t.Errorf("default: %d", n)
	}
}

func TestRegionCodesAreShapedLikeAwsAzIds(t *testing.T) {
	for region, want := range map[string]string{"us-east-1": "use1", "eu-west-1": "euw1", "ap-southeast-2": "apse2", "eu-central-1": "euc1"} {
		if got := regionCode(region); got != want {
			t.Errorf("%s: %s, want %s", region, got, want)
		}
	}
}
