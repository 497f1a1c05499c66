"""Static check that examples/csharp registers what examples/yaml does (no .NET SDK here to run it).

Usage: python3 tests/e2e/check-csharp-example.py [--self-test]   (exit 0: same; 1: differences, one per line)

Compares examples/csharp/Program.cs with the reference program examples/yaml/Pulumi.yaml: the same
components (type, name) in the same order, each with exactly the YAML's inputs and values (literals,
enum values, references to another component's output or to a variable), the same variables, and
exactly the YAML's stack outputs with the same values. --self-test also checks that the comparison
fails on copies of Program.cs with a component, an input or an output removed or renamed.
Needs PyYAML (make test-e2e runs it through tools/python-with-yaml.sh, which provides it).
"""

import os
import re
import sys

try:
    import yaml
except ImportError:
    sys.exit("check-csharp-example: needs PyYAML (pip install pyyaml)")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
YAML_PROGRAM = os.path.join(ROOT, "examples", "yaml", "Pulumi.yaml")
CSHARP_PROGRAM = os.path.join(ROOT, "examples", "csharp", "Program.cs")
REFERENCE = re.compile(r"^\$\{(\w+)(?:\.(\w+))?(?:\[(\d+)\])?\}$")


def pascal(name: str) -> str:
    return name[0].upper() + name[1:]


def split_top_level(text: str) -> list:
    """Splits text at commas outside brackets and strings; drops empty parts."""
    parts, depth, current, quoted = [], 0, [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "({[":
            depth += 1
        elif not quoted and ch in ")}]":
            depth -= 1
        if ch == "," and depth == 0 and not quoted:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def braced(text: str, start: int) -> str:
    """The text between the brace at start and its partner."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i]
    raise ValueError(f"unbalanced brace at offset {start}")


def initializer(body: str, key_pattern: str) -> dict:
    """Entries `key = value` of an object or dictionary initializer, by key."""
    entries = {}
    for part in split_top_level(body):
        found = re.fullmatch(key_pattern + r"\s*=\s*(.+)", part, re.S)
        if not found:
            raise ValueError(f"cannot read the initializer entry {part!r}")
        entries[found.group(1)] = " ".join(found.group(2).split())
    return entries


class CSharpProgram:
    """What Program.cs registers, read with regular expressions (its shape is fixed by the example)."""

    def __init__(self, source: str):
        self.source = re.sub(r"//[^\n]*", "", source)
        self.variables = {}  # C# variable -> {key: value}
        for found in re.finditer(r"var\s+(\w+)\s*=\s*new\s+Dictionary<string,\s*string>\s*(?=\{)", self.source):
            body = braced(self.source, found.end())
            self.variables[found.group(1)] = initializer(body, r'\["([^"]+)"\]')
        self.components = []  # (C# variable, class, name, {Input: value})
        pattern = r'var\s+(\w+)\s*=\s*new\s+(\w+)\(\s*"([^"]+)"\s*,\s*new\s+(\w+)\s*(?=\{)'
        for found in re.finditer(pattern, self.source):
            variable, cls, name, args = found.groups()
            if args != cls + "Args":
                raise ValueError(f"{name}: {cls} built with {args}")
            inputs = initializer(braced(self.source, found.end()), r"(\w+)")
            self.components.append((variable, cls, name, inputs))
        found = re.search(r"return\s+new\s+Dictionary<string,\s*object\?>\s*(?=\{)", self.source)
        self.outputs = initializer(braced(self.source, found.end()), r'\["([^"]+)"\]') if found else {}


def expected_csharp(value, variable_of: dict, where: str, problems: list):
    """The C# expression(s) a YAML value must be written as: a list of accepted spellings."""
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, str):
        ref = REFERENCE.match(value)
        if not ref:
            # A string literal, or an enum value (NatGatewayMode.PerAz for "perAz").
            return [f'"{value}"', rf"\w+\.{pascal(value)}"]
        resource, prop, index = ref.groups()
        if resource not in variable_of:
            problems.append(f"{where}: {value} names {resource}, which Program.cs does not define")
            return []
        base = variable_of[resource] + (f".{pascal(prop)}" if prop else "")
        if index is None:
            return [re.escape(base)]
        return [re.escape(base) + rf"\.Apply\(\s*(\w+)\s*=>\s*\1\[{index}\]\s*\)"]
    if isinstance(value, list):
        return [value]
    problems.append(f"{where}: the check cannot compare {value!r}")
    return []


def same_value(value, csharp: str, variable_of: dict, where: str, problems: list, list_form: str) -> None:
    """Adds a problem unless csharp spells the YAML value (lists: list_form with the items)."""
    if isinstance(value, list):
        found = re.fullmatch(list_form, csharp, re.S)
        items = split_top_level(found.group(1)) if found else []
        if len(items) != len(value):
            problems.append(f"{where}: {csharp} is not the list {value}")
            return
        for i, (item, text) in enumerate(zip(value, items)):
            same_value(item, text, variable_of, f"{where}[{i}]", problems, list_form)
        return
    accepted = expected_csharp(value, variable_of, where, problems)
    if accepted and not any(re.fullmatch(a, csharp) for a in accepted):
        problems.append(f"{where}: Program.cs has {csharp}, examples/yaml has {value!r}")


def compare(reference: dict, program: CSharpProgram) -> list:
    problems = []
    variable_of = {}
    for name, entries in (reference.get("variables") or {}).items():
        variable_of[name] = name
        want = {k: str(v) for k, v in entries.items()}
        got = {k: v.strip('"') for k, v in program.variables.get(name, {}).items()}
        if got != want:
            problems.append(f"variable {name}: Program.cs has {got}, examples/yaml has {want}")

    want = [(r["type"].rsplit(":", 1)[1], name) for name, r in reference["resources"].items()]
    got = [(cls, name) for _, cls, name, _ in program.components]
    for cls, name in want:
        if (cls, name) not in got:
            problems.append(f"component {cls} {name!r} is not registered by Program.cs")
    for cls, name in got:
        if (cls, name) not in want:
            problems.append(f"component {cls} {name!r} is registered by Program.cs but not by examples/yaml")
    if not problems and got != want:
        problems.append(f"registration order: Program.cs {got}, examples/yaml {want}")

    for variable, cls, name, inputs in program.components:
        variable_of[name] = variable
    for variable, cls, name, inputs in program.components:
        if name not in reference["resources"]:
            continue
        properties = reference["resources"][name].get("properties") or {}
        for prop, value in properties.items():
            key = pascal(prop)
            if key not in inputs:
                problems.append(f"{name}: input {prop} is missing")
                continue
            same_value(value, inputs[key], variable_of, f"{name}.{prop}", problems, r"\{(.*)\}")
        for key in inputs:
            if key[0].lower() + key[1:] not in properties:
                problems.append(f"{name}: input {key} is not set in examples/yaml")

    outputs = reference.get("outputs") or {}
    for name, value in outputs.items():
        if name not in program.outputs:
            problems.append(f"stack output {name} is missing")
            continue
        same_value(value, program.outputs[name], variable_of, f"output {name}", problems, r"Output\.All\((.*)\)")
    for name in program.outputs:
        if name not in outputs:
            problems.append(f"stack output {name} is not in examples/yaml")
    return problems


def check(source: str, reference: dict) -> list:
    try:
        return compare(reference, CSharpProgram(source))
    except ValueError as e:
        return [f"cannot read Program.cs: {e}"]


def self_test(source: str, reference: dict) -> list:
    """Copies of Program.cs with one thing broken; each must give a problem."""
    broken = {
        "workload2 removed": re.sub(r'\n    var workload2 = .*?\}\);\n', "\n", source, flags=re.S),
        "spoke2 renamed": source.replace('"spoke2"', '"spoke3"'),
        "an input removed": source.replace('        AzCount = 2,\n        NatGateways', '        NatGateways'),
        "a value changed": source.replace('"10.1.0.0/16"', '"10.2.0.0/16"'),
        "a reference changed": source.replace("VpcId = spoke2.VpcId", "VpcId = spoke1.VpcId"),
        "natPublicIps output removed": re.sub(r'\n\s*\["natPublicIps"\] = [^\n]*', "", source),
        "an output renamed": source.replace('["spokeVpcIds"]', '["spokeVpcs"]'),
        "an output list shortened": source.replace("Output.All(spoke1.VpcId, spoke2.VpcId)", "Output.All(spoke1.VpcId)"),
        "a tag changed": source.replace('"hubspoke-seed"', '"seed"'),
    }
    failures = []
    for what, text in broken.items():
        if text == source:
            failures.append(f"self-test: could not make the copy with {what}")
        elif not check(text, reference):
            failures.append(f"self-test: a copy with {what} passed")
    return failures


def main() -> None:
    reference = yaml.safe_load(open(YAML_PROGRAM, encoding="utf-8"))
    source = open(CSHARP_PROGRAM, encoding="utf-8").read()
    problems = check(source, reference)
    if "--self-test" in sys.argv[1:]:
        problems += self_test(source, reference)
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"examples/csharp registers the {len(reference['resources'])} components and "
          f"{len(reference.get('outputs') or {})} outputs of examples/yaml")


if __name__ == "__main__":
    main()
