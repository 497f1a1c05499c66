package standin

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// OrganizationEnv lists the accounts of the one AWS Organization the stand-in plays, management
// account first, comma-separated; RAM sharing with the organization is enabled in it. Unset:
// there is no organization, so every account is outside every other's.
const OrganizationEnv = "HUBSPOKE_STANDIN_AWS_ORGANIZATION"

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// accountOf picks the account a provider configuration plays, offline. On AWS the credentials
// decide it and `allowedAccountIds` / `forbiddenAccountIds` only check it
// (https://www.pulumi.com/registry/packages/aws/installation-configuration/). Without
// credentials the stand-in takes, in order: the account of the last role the configuration
// assumes (`assumeRoles[-1].roleArn`, or the older `assumeRole.roleArn`), else the first of
// `allowedAccountIds`, else Account. Like the real provider, it refuses a configuration whose
// account is not among `allowedAccountIds` or is among `forbiddenAccountIds`.
func accountOf(req *pulumirpc.ConfigureRequest) (string, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return "", err
	}
	// Config variables are strings, lists and objects JSON-encoded; some SDKs send an explicit
	// provider's arguments encoded the same way.
	decode := func(raw string) resource.PropertyValue {
		var decoded any
		if json.Unmarshal([]byte(raw), &decoded) != nil {
			return resource.NewStringProperty(raw)
		}
		return resource.NewPropertyValue(decoded)
	}
	setting := func(key string) resource.PropertyValue {
		if v, ok := args[resource.PropertyKey(key)]; ok && !v.IsNull() {
			if v.IsString() {
				return decode(v.StringValue())
			}
			return v
		}
		if raw, ok := req.GetVariables()["aws:config:"+key]; ok {
			return decode(raw)
		}
		return resource.NewNullProperty()
	}
	allowed, forbidden := accountIDs(setting("allowedAccountIds")), accountIDs(setting("forbiddenAccountIds"))
	account := Account
	if len(allowed) > 0 {
		account = allowed[0]
	}
	if role := assumedRoleArn(setting("assumeRoles"), setting("assumeRole")); role != "" {
		parts := strings.Split(role, ":")
		if len(parts) < 6 || !accountID.MatchString(parts[4]) {
			return "", fmt.Errorf("stand-in AWS (NOT AWS): the role ARN %q names no 12-digit account", role)
		}
		account = parts[4]
	}
	if !accountID.MatchString(account) {
		return "", fmt.Errorf("stand-in AWS (NOT AWS): allowedAccountIds: %q is not a 12-digit account id", account)
	}
	if len(allowed) > 0 && !contains(allowed, account) {
		return "", fmt.Errorf("stand-in AWS (NOT AWS): AWS account ID not allowed: %s (allowedAccountIds: %s)", account, strings.Join(allowed, ", "))
	}
	if contains(forbidden, account) {
		return "", fmt.Errorf("stand-in AWS (NOT AWS): AWS account ID not allowed: %s (forbiddenAccountIds)", account)
	}
	return account, nil
}

// accountIDs is a list of account ids; `pulumi config set --path 'aws:allowedAccountIds[0]' 1111…`
// stores a number, which keeps its twelve digits.
func accountIDs(v resource.PropertyValue) []string {
	var out []string
	for _, e := range arr(v) {
		switch {
		case e.IsString():
			out = append(out, e.StringValue())
		case e.IsNumber():
			out = append(out, fmt.Sprintf("%012.0f", e.NumberValue()))
		}
	}
	return out
}

// assumedRoleArn is the role a configuration ends up in: the last of a chain, or the single one.
func assumedRoleArn(chain, single resource.PropertyValue) string {
	roles := arr(chain)
	if len(roles) == 0 && single.IsObject() {
		roles = []resource.PropertyValue{single}
	}
	if len(roles) == 0 || !roles[len(roles)-1].IsObject() {
		return ""
	}
	return str(roles[len(roles)-1].ObjectValue(), "roleArn")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// AccountZones is the played region as one account sees it. AWS maps the zone names of every
// account to the physical zones independently, so `us-east-1a` of one account may be `use1-az3`
// and of another `use1-az1`; only the AZ ID names the same zone across accounts
// (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html). The default
// account keeps RegionZones' mapping (a <-> az1, ...); any other account's standard zone names
// are rotated over the AZ IDs by an amount (1 to standard-1) derived from the account id, and
// its Local and Wavelength Zones keep their ids, with their parent zone's name re-mapped.
func AccountZones(region string, standard int, account string) []Zone {
	zones := RegionZones(region, standard)
	if account == Account || standard < 2 {
		return zones
	}
	shift := 1 + int(crc32.ChecksumIEEE([]byte(account))%uint32(standard-1))
	ids := make([]string, standard)
	for i := 0; i < standard; i++ {
		ids[i] = zones[(i+shift)%standard].ID
	}
	for i := range zones {
		if i < standard {
			zones[i].ID = ids[i]
		} else if zones[i].ParentID != "" {
			for _, z := range zones[:standard] {
				if z.ID == zones[i].ParentID {
					zones[i].ParentName = z.Name
				}
			}
		}
	}
	return zones
}

// zones is the region as this provider's account sees it.
func (p *Provider) zones() []Zone { return AccountZones(p.region, p.standardZones, p.account) }

// zoneByID finds a usable zone of this account by its AZ ID.
func (p *Provider) zoneByID(id string) (Zone, bool) {
	for _, z := range p.zones() {
		if z.ID == id && z.Usable() {
			return z, true
		}
	}
	return Zone{}, false
}

// zoneByName finds a usable zone of this account by its name.
func (p *Provider) zoneByName(name string) (Zone, bool) {
	for _, z := range p.zones() {
		if z.Name == name && z.Usable() {
			return z, true
		}
	}
	return Zone{}, false
}

// organization is the AWS Organization the stand-in plays (OrganizationEnv): its member
// accounts, the first being the management account.
type organization struct {
	accounts []string
}

// organizationFromEnv reads OrganizationEnv; empty means no organization.
func organizationFromEnv() ([]string, error) {
	v := strings.TrimSpace(os.Getenv(OrganizationEnv))
	if v == "" {
		return nil, nil
	}
	var accounts []string
	for _, a := range strings.Split(v, ",") {
		a = strings.TrimSpace(a)
		if !accountID.MatchString(a) {
			return nil, fmt.Errorf("%s=%q: want 12-digit account ids separated by commas, the management account first", OrganizationEnv, v)
		}
		accounts = append(accounts, a)
	}
	return accounts, nil
}

func (o organization) has(account string) bool { return contains(o.accounts, account) }

// id and arn are made up from the management account, in AWS's shape
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html).
func (o organization) id() string { return "o-" + hash(o.accounts[0])[:10] }

func (o organization) arn(partition string) string {
	return fmt.Sprintf("arn:%s:organizations::%s:organization/%s", partition, o.accounts[0], o.id())
}

// together is whether two accounts are in the organization, where RAM shares need no invitation.
func (o organization) together(a, b string) bool { return len(o.accounts) > 0 && o.has(a) && o.has(b) }

// providerSchema is the stand-in's `pulumi:providers:aws`, for Pulumi YAML's checks of an
// explicit provider: the settings the stand-in reads, typed as Any.
func providerSchema() map[string]any {
	inputs := map[string]any{}
	for _, k := range []string{"region", "allowedAccountIds", "forbiddenAccountIds", "assumeRole", "assumeRoles"} {
		inputs[k] = map[string]any{"$ref": "pulumi.json#/Any"}
	}
	return map[string]any{"description": "STAND-IN aws provider configuration (NOT AWS)", "inputProperties": inputs, "properties": inputs}
}
