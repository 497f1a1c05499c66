"""Checks that bench/inline declares exactly the resources the HubAndSpoke component deploys:
the same types and names, and the same inputs, value for value.

Usage: inline_matches_plan.py PLAN_EXPORT SPOKES WORKLOADS(true|false)
PLAN_EXPORT is `pulumi-resource-hubspoke plan CONFIG --name network --export FILE` of the same
network. The inline program runs under Pulumi's mocks (no engine); each resource it declares is
answered with the id and outputs the plan gave the resource of that type and name, so inputs that
come from other resources' outputs must match too. Prints the differences and exits 1 if any.
Run with the python of a venv that has pulumi and pulumi_aws (tests/e2e prepares one).
"""

import json
import os
import runpy
import sys

export_path, spokes, workloads = sys.argv[1], sys.argv[2], sys.argv[3]
os.environ["PULUMI_CONFIG"] = json.dumps(
    {"hubspoke-bench-inline:spokes": spokes, "hubspoke-bench-inline:workloads": workloads})

import pulumi  # noqa: E402 (the config must be in the environment first)

with open(export_path, encoding="utf-8") as f:
    planned = {
        (r["type"], r["urn"].split("::")[-1]): r
        for r in json.load(f)["deployment"]["resources"]
        if r.get("custom") and not r["type"].startswith("pulumi:providers:")
    }
instance = next((r for (t, _), r in planned.items() if t == "aws:ec2/instance:Instance"), None)
declared = {}


class PlannedCloud(pulumi.runtime.Mocks):
    """Answers with what the plan made, so both programs see the same ids and outputs."""

    def new_resource(self, args):
        declared[(args.typ, args.name)] = args.inputs
        plan = planned.get((args.typ, args.name))
        if plan is None:
            return f"{args.name}-not-in-the-plan", args.inputs
        return plan.get("id", ""), plan.get("outputs", {})

    def call(self, args):
        if args.token == "aws:index/getAvailabilityZones:getAvailabilityZones":
            return {"names": ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]}
        if args.token == "aws:index/getRegion:getRegion":
            return {"name": "us-east-1", "region": "us-east-1"}
        if args.token == "aws:index/getPartition:getPartition":
            return {"partition": "aws", "dnsSuffix": "amazonaws.com"}
        if args.token == "aws:ssm/getParameter:getParameter":
            ami = instance["inputs"]["ami"] if instance else "ami-none"
            return {"value": ami, "insecureValue": ami, "name": args.args["name"]}
        raise ValueError(f"the inline program calls {args.token}, which this check does not answer")


pulumi.runtime.set_mocks(PlannedCloud(), project="hubspoke-bench-inline", stack="bench", preview=False)


@pulumi.runtime.test
def declare():
    runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "inline", "__main__.py"))


def normal(value):
    """JSON-like values with numbers as floats and absent (None) properties dropped."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [normal(v) for v in value]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return float(value)


declare()
problems = []
for key in sorted(set(planned) - set(declared)):
    problems.append(f"missing: {key[0]} {key[1]} (the component deploys it)")
for key in sorted(set(declared) - set(planned)):
    problems.append(f"extra: {key[0]} {key[1]} (the component does not deploy it)")
for key in sorted(set(planned) & set(declared)):
    want, got = normal(planned[key].get("inputs", {})), normal(declared[key])
    for prop in sorted(set(want) | set(got)):
        if want.get(prop) != got.get(prop):
            problems.append(f"{key[1]}.{prop}: component {json.dumps(want.get(prop))}, inline {json.dumps(got.get(prop))}")
print(f"{len(declared)} resources declared inline, {len(planned)} deployed by the component")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
