"""Writes the Maven pom of the generated Java SDK from its Gradle build file.

Usage: python3 sdk-pom.py SDK_JAVA_DIR OUT_DIR
The generated build.gradle names the coordinates (groupId, artifactId, default version) and the
`implementation` dependencies; the pom compiles sdk/java/src/main/java with exactly those, for the
Java release the Gradle toolchain names. Like the Gradle task genPulumiResources, it also writes
version.txt and plugin.json into the SDK's resources. Prints "groupId artifactId version".
"""

import json
import os
import re
import sys


def main() -> None:
    sdk, out = sys.argv[1], sys.argv[2]
    gradle = open(os.path.join(sdk, "build.gradle")).read()
    settings = open(os.path.join(sdk, "settings.gradle")).read()

    def one(pattern: str, text: str = gradle) -> str:
        found = re.search(pattern, text)
        if not found:
            sys.exit(f"build files of {sdk}: nothing matches {pattern}")
        return found.group(1)

    group = one(r'groupId = "([^"]+)"')
    artifact = one(r'artifactId = "([^"]+)"')
    version = one(r'\? "([^"]+)"\s*:\s*project\.version')
    release = one(r"JavaLanguageVersion\.of\((\d+)\)")
    project = one(r'rootProject\.name = "([^"]+)"', settings)
    plugin_name = one(r'name "([^"]+)"')
    dependencies = re.findall(r'implementation\("([^:"]+):([^:"]+):([^"]+)"\)', gradle)
    if not dependencies:
        sys.exit(f"{sdk}/build.gradle names no implementation dependencies")

    deps = "\n".join(
        f"    <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"
        for g, a, v in dependencies
    )
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "pom.xml"), "w") as pom:
        pom.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by tools/sdk-check/java/sdk-pom.py from {sdk}/build.gradle. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>dev.hubspoke.sdkcheck</groupId>
    <artifactId>sdk-check</artifactId>
    <version>0</version>
  </parent>
  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <properties>
    <maven.compiler.release>{release}</maven.compiler.release>
  </properties>
  <dependencies>
{deps}
  </dependencies>
  <build>
    <sourceDirectory>{sdk}/src/main/java</sourceDirectory>
    <resources><resource><directory>resources</directory></resource></resources>
  </build>
</project>
""")
    # Gradle's genPulumiResources: <project name with / for .>/version.txt and plugin.json.
    resources = os.path.join(out, "resources", *project.split("."))
    os.makedirs(resources, exist_ok=True)
    with open(os.path.join(resources, "version.txt"), "w") as f:
        f.write(version)
    with open(os.path.join(resources, "plugin.json"), "w") as f:
        json.dump({"resource": True, "name": plugin_name, "version": version}, f, indent=2)
    print(group, artifact, version)


if __name__ == "__main__":
    main()
