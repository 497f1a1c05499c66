"""Checks what a language's sdk-check program registered under Pulumi mocks.

Usage: python3 registrations.py SCHEMA REGISTRATIONS
REGISTRATIONS holds one JSON object a line: {"type": ..., "name": ..., "inputs": {...}}, written
by the mocks of python/run_mocks.py, nodejs/run-mocks.ts, go/main.go or java/Main.java. Each of
those programs builds the seed network twice (HubAndSpoke "seed", and the building blocks), so
every language must register exactly the resources below with these inputs, under the schema's
property names and type tokens. Values marked from mock-outputs.json prove that one component's
outputs reach the next one's inputs. Prints one line per problem; exits 1 if there is any.
"""

import json
import sys

TAGS = {"project": "hubspoke-seed"}
SUPERNET = "10.0.0.0/8"
INSPECTION = "10.129.0.0/24"
# Wiring between the building blocks (these values come from mock-outputs.json).
HUB_IDS = {
    "transitGatewayId": "tgw-mock",
    "spokeRouteTableId": "tgw-rtb-spoke-mock",
    "inspectionRouteTableId": "tgw-rtb-inspection-mock",
}
POLICY_ARN = "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/mock"

EXPECTED = {
    "seed": ("HubAndSpoke", {
        "supernetCidrBlock": SUPERNET,
        "inspectionCidrBlock": INSPECTION,
        "azCount": 2,
        "natGateways": "perAz",
        "firewall": True,
        "allowedDomains": [".amazon.com"],
        "spokes": [
            {"name": "spoke1", "cidrBlock": "10.0.0.0/16", "workload": True},
            {"name": "spoke2", "cidrBlock": "10.1.0.0/16", "workload": True},
        ],
        "tags": TAGS,
    }),
    "hub": ("Hub", {"amazonSideAsn": 64512, "tags": TAGS}),
    "policy": ("FirewallPolicy", {"supernetCidrBlock": SUPERNET, "allowedDomains": [".amazon.com"], "tags": TAGS}),
    "inspection": ("InspectionVpc", {
        "cidrBlock": INSPECTION,
        "supernetCidrBlock": SUPERNET,
        **HUB_IDS,
        "azCount": 2,
        "natGateways": "single",
        "firewallPolicyArn": POLICY_ARN,
        "tags": TAGS,
    }),
    "spoke1": ("SpokeVpc", {"cidrBlock": "10.0.0.0/16", **HUB_IDS, "azCount": 2, "tags": TAGS}),
    "spoke2": ("SpokeVpc", {"cidrBlock": "10.1.0.0/16", **HUB_IDS, "azCount": 2, "tags": TAGS}),
    "workload1": ("SpokeWorkload", {"vpcId": "vpc-mock", "subnetId": "subnet-mock-0", "tags": TAGS}),
}


def same(want, have) -> bool:
    """Equality that lets 2 match 2.0 (some SDKs pass every number as a double)."""
    if isinstance(want, bool) or isinstance(have, bool):
        return want is have
    if isinstance(want, (int, float)) and isinstance(have, (int, float)):
        return float(want) == float(have)
    if isinstance(want, dict) and isinstance(have, dict):
        # Keys the program did not set may carry schema defaults filled in by the SDK.
        return all(key in have and same(value, have[key]) for key, value in want.items())
    if isinstance(want, list) and isinstance(have, list):
        return len(want) == len(have) and all(same(w, h) for w, h in zip(want, have))
    return want == have


def problems(schema: dict, registrations: list) -> list:
    found = []
    ours = [r for r in registrations if not r["type"].startswith("pulumi:")]
    names = [r["name"] for r in ours]
    for name in sorted(set(names)):
        if names.count(name) > 1:
            found.append(f"{name}: registered {names.count(name)} times")
    for name in sorted(set(EXPECTED) - set(names)):
        found.append(f"{name}: never registered (want {EXPECTED[name][0]})")
    for registration in ours:
        name, token, inputs = registration["name"], registration["type"], registration["inputs"]
        if name not in EXPECTED:
            found.append(f"{name}: unexpected registration of {token}")
            continue
        component, want = EXPECTED[name]
        if token != f"hubspoke:index:{component}":
            found.append(f"{name}: type {token}, want hubspoke:index:{component}")
            continue
        spec = schema["resources"][token]
        for key in sorted(set(inputs) - set(spec.get("inputProperties", {}))):
            found.append(f"{name}: input {key} is not in the schema of {component}")
        for key in spec.get("requiredInputs", []):
            if key not in inputs:
                found.append(f"{name}: required input {key} missing")
        for key, value in want.items():
            if key not in inputs:
                found.append(f"{name}: input {key} missing, want {json.dumps(value)}")
            elif not same(value, inputs[key]):
                found.append(f"{name}: input {key} = {json.dumps(inputs[key])}, want {json.dumps(value)}")
    return found


def main() -> None:
    schema = json.load(open(sys.argv[1]))
    with open(sys.argv[2]) as lines:
        registrations = [json.loads(line) for line in lines if line.strip()]
    found = problems(schema, registrations)
    for problem in found:
        print(problem)
    ours = [r for r in registrations if not r["type"].startswith("pulumi:")]
    if found:
        sys.exit(1)
    print(f"{len(ours)} components registered with the schema's types, names and values")


if __name__ == "__main__":
    main()
