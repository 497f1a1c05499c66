package standin

import (
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// ZonesEnv sets how many standard Availability Zones the played region has (1 to 6; default 4).
const ZonesEnv = "HUBSPOKE_STANDIN_AWS_ZONES"

// DefaultStandardZones is how many standard Availability Zones a region has unless ZonesEnv says.
const DefaultStandardZones = 4

// Zone is one zone of the played region, with the attributes DescribeAvailabilityZones reports
// and filters on (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html
// and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html).
type Zone struct {
	Name, ID, Group, Type, OptIn, State, ParentName, ParentID string
}

// Usable is whether the account can place resources in the zone: standard zones always, Local
// and Wavelength Zones once opted in
// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html).
func (z Zone) Usable() bool { return z.OptIn != "not-opted-in" }

// regionCode is the short form AZ IDs start with: us-east-1 -> use1, eu-west-1 -> euw1,
// ap-southeast-2 -> apse2 (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html).
func regionCode(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) < 3 {
		return strings.ReplaceAll(region, "-", "")
	}
	direction := map[string]string{"north": "n", "south": "s", "east": "e", "west": "w", "central": "c",
		"northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw"}
	code := parts[0]
	for _, p := range parts[1 : len(parts)-1] {
		if d, ok := direction[p]; ok {
			code += d
		} else {
			code += p[:1]
		}
	}
	return code + parts[len(parts)-1]
}

// RegionZones is the played region: `standard` Availability Zones <region>a, b, ..., plus, like an
// account that opted in to them, a Local Zone (<region>-bos-1a, group <region>-bos-1) and a
// Wavelength Zone (<region>-wl1-bos-wlz-1, group <region>-wl1), and a Local Zone it has not opted
// in to (<region>-mia-1a). The city codes are made up for every region.
func RegionZones(region string, standard int) []Zone {
	code := regionCode(region)
	var zones []Zone
	for i := 0; i < standard; i++ {
		zones = append(zones, Zone{Name: fmt.Sprintf("%s%c", region, 'a'+i), ID: fmt.Sprintf("%s-az%d", code, i+1),
			Group: region, Type: "availability-zone", OptIn: "opt-in-not-required", State: "available"})
	}
	parent := Zone{Name: region + "a", ID: code + "-az1"}
	return append(zones,
		Zone{Name: region + "-bos-1a", ID: code + "-bos1-az1", Group: region + "-bos-1", Type: "local-zone",
			OptIn: "opted-in", State: "available", ParentName: parent.Name, ParentID: parent.ID},
		Zone{Name: region + "-wl1-bos-wlz-1", ID: code + "-wl1-bos-wlz1", Group: region + "-wl1", Type: "wavelength-zone",
			OptIn: "opted-in", State: "available", ParentName: parent.Name, ParentID: parent.ID},
		Zone{Name: region + "-mia-1a", ID: code + "-mia1-az1", Group: region + "-mia-1", Type: "local-zone",
			OptIn: "not-opted-in", State: "available", ParentName: parent.Name, ParentID: parent.ID},
	)
}

// standardZonesFromEnv reads ZonesEnv.
func standardZonesFromEnv() (int, error) {
	v := os.Getenv(ZonesEnv)
	if v == "" {
		return DefaultStandardZones, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 6 {
		return 0, fmt.Errorf("%s=%q: want a number of standard Availability Zones from 1 to 6", ZonesEnv, v)
	}
	return n, nil
}

// zoneAttribute is the value a DescribeAvailabilityZones filter name compares.
func zoneAttribute(z Zone, region, filter string) (string, bool) {
	switch filter {
	case "zone-name":
		return z.Name, true
	case "zone-id":
		return z.ID, true
	case "zone-type":
		return z.Type, true
	case "opt-in-status":
		return z.OptIn, true
	case "group-name":
		return z.Group, true
	case "region-name":
		return region, true
	case "state":
		return z.State, true
	case "parent-zone-name":
		return z.ParentName, true
	case "parent-zone-id":
		return z.ParentID, true
	case "message":
		return "", true
	}
	return "", false
}

type zoneFilter struct {
	name   string
	values []string
}

// describeZones answers getAvailabilityZones the way the AWS provider does with
// DescribeAvailabilityZones: without allAvailabilityZones only the zones the account may use
// (standard ones and opted-in Local/Wavelength Zones); `state` and every filter narrow that (a
// zone passes a filter when one of its values matches, * and ? as wildcards); excludeNames and
// excludeZoneIds drop zones after; names are sorted, zoneIds follow names, groupNames are the
// distinct groups. See
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html.
func describeZones(region string, zones []Zone, args resource.PropertyMap) (resource.PropertyMap, error) {
	all := args["allAvailabilityZones"].IsBool() && args["allAvailabilityZones"].BoolValue()
	var filters []zoneFilter
	if state := str(args, "state"); state != "" {
		filters = append(filters, zoneFilter{"state", []string{state}})
	}
	if f := args["filters"]; f.IsArray() {
		for _, item := range f.ArrayValue() {
			if !item.IsObject() {
				continue
			}
			obj := item.ObjectValue()
			zf := zoneFilter{name: str(obj, "name"), values: strings_(obj["values"])}
			if _, known := zoneAttribute(Zone{}, region, zf.name); !known {
				return nil, fmt.Errorf("InvalidParameterValue: The filter '%s' is invalid", zf.name)
			}
			filters = append(filters, zf)
		}
	}
	excluded := map[string]bool{}
	for _, n := range strings_(args["excludeNames"]) {
		excluded[n] = true
	}
	for _, n := range strings_(args["excludeZoneIds"]) {
		excluded[n] = true
	}
	var picked []Zone
	for _, z := range zones {
		if !all && !z.Usable() {
			continue
		}
		if excluded[z.Name] || excluded[z.ID] || !passes(z, region, filters) {
			continue
		}
		picked = append(picked, z)
	}
	sort.Slice(picked, func(i, j int) bool { return picked[i].Name < picked[j].Name })
	var names, ids, groups []string
	seenGroup := map[string]bool{}
	for _, z := range picked {
		names = append(names, z.Name)
		ids = append(ids, z.ID)
		if !seenGroup[z.Group] {
			seenGroup[z.Group] = true
			groups = append(groups, z.Group)
		}
	}
	sort.Strings(groups)
	s := resource.NewStringProperty
	ret := resource.PropertyMap{
		"id": s(region), "names": strs(names), "zoneIds": strs(ids), "groupNames": strs(groups),
		"excludeNames": strs(strings_(args["excludeNames"])), "excludeZoneIds": strs(strings_(args["excludeZoneIds"])),
	}
	for _, k := range []resource.PropertyKey{"allAvailabilityZones", "state", "filters"} {
		if v, ok := args[k]; ok {
			ret[k] = v
		}
	}
	return ret, nil
}

func passes(z Zone, region string, filters []zoneFilter) bool {
	for _, f := range filters {
		value, _ := zoneAttribute(z, region, f.name)
		matched := false
		for _, pattern := range f.values {
			if ok, _ := path.Match(pattern, value); ok {
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

// strings_ is the strings of a list property (nil for anything else).
func strings_(v resource.PropertyValue) []string {
	if v.IsSecret() {
		v = v.SecretValue().Element
	}
	if !v.IsArray() {
		return nil
	}
	var out []string
	for _, e := range v.ArrayValue() {
		if e.IsString() {
			out = append(out, e.StringValue())
		}
	}
	return out
}

func strs(v []string) resource.PropertyValue {
	out := make([]resource.PropertyValue, len(v))
	for i, s := range v {
		out[i] = resource.NewStringProperty(s)
	}
	return resource.NewArrayProperty(out)
}
