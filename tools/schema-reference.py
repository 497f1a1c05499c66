#!/usr/bin/env python3
"""Writes the component reference of docs/reference.md from schema.json, between the two markers.

    tools/schema-reference.py          rewrite docs/reference.md in place
    tools/schema-reference.py --check  exit 1 (and say why) when docs/reference.md is stale
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN = "<!-- reference:begin (generated from schema.json by tools/schema-reference.py) -->"
END = "<!-- reference:end -->"


def type_name(spec, types):
    if "$ref" in spec:
        ref = spec["$ref"].split("/")[-1]
        target = types.get(ref, {})
        if "enum" in target:
            return " \\| ".join(f'`"{e["value"]}"`' for e in target["enum"])
        return ref.split(":")[-1]
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {type_name(spec.get('items', {}), types)}"
    if kind == "object" and "additionalProperties" in spec:
        return f"map of {type_name(spec['additionalProperties'], types)}"
    return kind


ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.")


def first_sentence(text):
    """The text up to the first full stop that ends a sentence (not one ending e.g. or i.e.)."""
    text = " ".join(text.split())
    start = 0
    while True:
        end = text.find(". ", start)
        if end < 0:
            return text
        if not any(text[: end + 1].endswith(a) for a in ABBREVIATIONS):
            return text[: end + 1]
        start = end + 1


def table(props, required, types, default_column):
    header = "| property | type | required | description |" if default_column else "| output | type | always set | description |"
    rows = [header, "|---|---|---|---|"]
    for name, spec in props.items():
        description = first_sentence(spec.get("description", "")).replace("|", "\\|")
        flag = "yes" if name in required else "no"
        rows.append(f"| `{name}` | {type_name(spec, types)} | {flag} | {description} |")
    return "\n".join(rows)


def render(schema):
    types = schema.get("types", {})
    out = []
    for token, resource in schema["resources"].items():
        name = token.split(":")[-1]
        out.append(f"#### {name} (`{token}`)\n")
        out.append(first_sentence(resource.get("description", "")) + "\n")
        out.append("Inputs:\n")
        out.append(table(resource.get("inputProperties", {}), resource.get("requiredInputs", []), types, True) + "\n")
        out.append("Outputs:\n")
        out.append(table(resource.get("properties", {}), resource.get("required", []), types, False) + "\n")
    for token, spec in types.items():
        if spec.get("type") == "object":
            out.append(f"#### {token.split(':')[-1]} (type `{token}`)\n")
            out.append(first_sentence(spec.get("description", "")) + "\n")
            out.append(table(spec.get("properties", {}), spec.get("required", []), types, True) + "\n")
    return "\n".join(out)


def main():
    readme = ROOT / "docs" / "reference.md"
    text = readme.read_text()
    start, stop = text.find(BEGIN), text.find(END)
    if start < 0 or stop < 0:
        sys.exit(f"docs/reference.md lacks the markers {BEGIN!r} and {END!r}")
    schema = json.loads((ROOT / "schema.json").read_text())
    fresh = text[: start + len(BEGIN)] + "\n\n" + render(schema) + "\n" + text[stop:]
    if "--check" in sys.argv[1:]:
        if fresh != text:
            sys.exit("docs/reference.md is stale: run `make docs` and commit docs/reference.md")
        print("docs/reference.md matches schema.json")
        return
    readme.write_text(fresh)


if __name__ == "__main__":
    main()
