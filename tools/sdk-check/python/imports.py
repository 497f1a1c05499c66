"""Imports the installed pulumi_hubspoke and checks that it has a class for everything in the
schema: each component and its Args class, each object type's Args class and TypedDict, each
enum with its values; and that the installed distribution carries the schema's version.

Usage: python imports.py SCHEMA   (with the venv's python)
"""

import importlib.metadata
import json
import sys
from importlib import resources

import pulumi
import pulumi_hubspoke


def main() -> None:
    schema = json.load(open(sys.argv[1]))
    missing = []

    def need(name, base=None):
        cls = getattr(pulumi_hubspoke, name, None)
        if cls is None:
            missing.append(f"{name} is missing")
        elif base is not None and not issubclass(cls, base):
            missing.append(f"{name} is not a {base.__name__}")
        return cls

    for token, spec in schema["resources"].items():
        name = token.split(":")[-1]
        need(name, pulumi.ComponentResource if spec.get("isComponent") else pulumi.CustomResource)
        need(name + "Args")
    for token, spec in schema["types"].items():
        name = token.split(":")[-1]
        if "enum" in spec:
            enum = need(name)
            if enum is not None:
                values = {member.value for member in enum}
                for case in spec["enum"]:
                    if case["value"] not in values:
                        missing.append(f"{name} has no member for {case['value']!r}")
        else:
            need(name + "Args")
            need(name + "ArgsDict")

    version = importlib.metadata.version("pulumi_hubspoke")
    if version != schema["version"]:
        missing.append(f"installed version {version}, schema says {schema['version']}")
    plugin = json.loads(resources.files("pulumi_hubspoke").joinpath("pulumi-plugin.json").read_text())
    if plugin.get("name") != schema["name"] or plugin.get("version") != schema["version"]:
        missing.append(f"pulumi-plugin.json names {plugin}, want {schema['name']} {schema['version']}")

    for problem in missing:
        print(problem)
    if missing:
        sys.exit(1)
    print(f"{len(schema['resources'])} components and {len(schema['types'])} types importable; "
          f"pulumi_hubspoke {version}, pulumi {importlib.metadata.version('pulumi')}")


if __name__ == "__main__":
    main()
