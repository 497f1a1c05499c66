"""Runs program.py under Pulumi mocks and writes one JSON line per registered resource
(type, name, inputs) to the file named by HUBSPOKE_REGISTRATIONS. Every resource's state is its
inputs plus the fixed outputs in HUBSPOKE_MOCK_OUTPUTS, so components can be wired together."""

import json
import os
from typing import Any

import pulumi

MOCK_OUTPUTS: dict[str, Any] = json.load(open(os.environ["HUBSPOKE_MOCK_OUTPUTS"]))


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        with open(os.environ["HUBSPOKE_REGISTRATIONS"], "a") as out:
            out.write(json.dumps({"type": args.typ, "name": args.name, "inputs": args.inputs}) + "\n")
        return f"{args.name}-id", {**args.inputs, **MOCK_OUTPUTS}

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        return {}, []


pulumi.runtime.set_mocks(Mocks(), project="sdk-check", stack="test", preview=False)

import program  # noqa: E402  (the mocks must be set before any resource is created)


@pulumi.runtime.test  # type: ignore[untyped-decorator]  # pulumi leaves it unannotated
def run() -> pulumi.Output[list[str]]:
    return pulumi.Output.all(*[resource.urn for resource in program.main()])


run()
