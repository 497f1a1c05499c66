"""Static check of the generated .NET SDK (no .NET SDK and no NuGet here to build it).

Usage: python3 dotnet.py SCHEMA SDK_DOTNET_DIR
Checks that the project file names the package, the schema's version and the Pulumi package
reference; that version.txt, pulumi-plugin.json and the icon are there; that every component has
its class (right type token, remote) and Args class with every input and output of the schema,
every object type its Inputs/<Name>Args class, and every enum its struct with every value, all in
the namespace of the assembly. Prints one line per problem; exits 1 if there is any.
"""

import glob
import json
import os
import re
import sys


def main() -> None:
    schema = json.load(open(sys.argv[1]))
    sdk = sys.argv[2]
    version = schema["version"]
    problems = []

    def read(path: str) -> str:
        full = os.path.join(sdk, path)
        if not os.path.isfile(full):
            problems.append(f"{path} is missing")
            return ""
        return open(full, encoding="utf-8").read()

    projects = glob.glob(os.path.join(sdk, "*.csproj"))
    if len(projects) != 1:
        sys.exit(f"want one project file in {sdk}, found {len(projects)}")
    project_file = os.path.basename(projects[0])
    project = read(project_file)
    # Without <PackageId>, the NuGet package id is the project (assembly) name.
    package = re.search(r"<PackageId>([^<]+)</PackageId>", project)
    package_id = package.group(1) if package else project_file[: -len(".csproj")]
    namespace = project_file[: -len(".csproj")]
    if f"<Version>{version}</Version>" not in project:
        problems.append(f"{project_file} has no <Version>{version}</Version>")
    if not re.search(r'<PackageReference Include="Pulumi" Version="[^"]+"', project):
        problems.append(f"{project_file} has no PackageReference to Pulumi")
    if read("version.txt").strip() != version:
        problems.append(f"version.txt does not say {version}")
    plugin = json.loads(read("pulumi-plugin.json") or "{}")
    if plugin.get("name") != schema["name"] or plugin.get("version") != version:
        problems.append(f"pulumi-plugin.json is {plugin}, want name {schema['name']} version {version}")
    if "<PackageIcon>logo.png</PackageIcon>" in project:
        with open(os.path.join(sdk, "logo.png"), "rb") as logo:
            if logo.read(8) != b"\x89PNG\r\n\x1a\n":
                problems.append("logo.png is not a PNG")

    def has_members(path: str, text: str, attribute: str, names) -> None:
        for name in names:
            if not re.search(rf'\[{attribute}\("{re.escape(name)}"', text):
                problems.append(f"{path}: no [{attribute}(\"{name}\")]")

    classes = 0
    for token, spec in schema["resources"].items():
        name = token.split(":")[-1]
        path = f"{name}.cs"
        text = read(path)
        if not text:
            continue
        base = "ComponentResource" if spec.get("isComponent") else "CustomResource"
        checks = {
            f"namespace {namespace}": f"namespace {namespace}\n",
            f"class {name} : {base}": f"public partial class {name} : global::Pulumi.{base}",
            f"class {name}Args": f"public sealed class {name}Args : global::Pulumi.ResourceArgs",
            f'base("{token}", ..., remote: true)': f'base("{token}", name, args ?? new {name}Args(), '
            f'MakeResourceOptions(options, ""), remote: {"true" if spec.get("isComponent") else "false"})',
        }
        for what, needle in checks.items():
            if needle not in text:
                problems.append(f"{path}: no {what}")
        has_members(path, text, "Input", spec.get("inputProperties", {}))
        has_members(path, text, "Output", spec.get("properties", {}))
        classes += 2
    enums = read("Enums.cs") if any("enum" in t for t in schema["types"].values()) else ""
    for token, spec in schema["types"].items():
        name = token.split(":")[-1]
        if "enum" in spec:
            if f"public readonly struct {name} : IEquatable<{name}>" not in enums:
                problems.append(f"Enums.cs: no struct {name}")
            for case in spec["enum"]:
                if f'new {name}("{case["value"]}")' not in enums:
                    problems.append(f"Enums.cs: {name} has no value {case['value']!r}")
        else:
            path = f"Inputs/{name}Args.cs"
            text = read(path)
            if text and f"public sealed class {name}Args : global::Pulumi.ResourceArgs" not in text:
                problems.append(f"{path}: no class {name}Args")
            if text and f"namespace {namespace}.Inputs\n" not in text:
                problems.append(f"{path}: not in namespace {namespace}.Inputs")
            has_members(path, text, "Input", spec.get("properties", {}))
        classes += 1

    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"NuGet package {package_id} {version}, namespace {namespace}: {classes} classes with every "
          f"schema property; not compiled (no .NET SDK here)")


if __name__ == "__main__":
    main()
