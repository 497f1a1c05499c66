"""Writes a standalone Maven project for the generated Java SDK from its Gradle build file.

Usage: python3 sdk-pom.py SDK_JAVA_DIR OUT_DIR      then e.g. mvn -f OUT_DIR/pom.xml install
The generated build.gradle names the coordinates (groupId, artifactId, default version) and the
`implementation` dependencies; the pom compiles SDK_JAVA_DIR/src/main/java with exactly those, for
the Java release the Gradle toolchain names. Like the Gradle task genPulumiResources, it also
writes version.txt and plugin.json into OUT_DIR/resources (the SDK reads version.txt at run
time). tools/sdk-check.sh builds the SDK this way; docs/sdks.md offers it to users without
Gradle. Prints "groupId artifactId version".
"""

import json
import os
import re
import sys

# Pinned so that a build does not depend on the Maven version's defaults.
PLUGINS = [
    ("maven-compiler-plugin", "3.13.0"),
    ("maven-resources-plugin", "3.3.1"),
    ("maven-jar-plugin", "3.4.2"),
    ("maven-surefire-plugin", "3.5.2"),
    ("maven-install-plugin", "3.1.3"),
]


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
    # Present when the schema names a pluginDownloadURL: where the engine installs the plugin from.
    server = re.search(r'^\s*server "([^"]+)"', gradle, re.MULTILINE)
    dependencies = re.findall(r'implementation\("([^:"]+):([^:"]+):([^"]+)"\)', gradle)
    if not dependencies:
        sys.exit(f"{sdk}/build.gradle names no implementation dependencies")

    deps = "\n".join(
        f"    <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"
        for g, a, v in dependencies
    )
    plugins = "\n".join(
        f"        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>{a}</artifactId>"
        f"<version>{v}</version></plugin>"
        for a, v in PLUGINS
    )
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "pom.xml"), "w") as pom:
        pom.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by tools/sdk-check/java/sdk-pom.py from {sdk}/build.gradle. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <properties>
    <maven.compiler.release>{release}</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.test.skip>true</maven.test.skip>
  </properties>
  <dependencies>
{deps}
  </dependencies>
  <build>
    <sourceDirectory>{sdk}/src/main/java</sourceDirectory>
    <resources><resource><directory>resources</directory></resource></resources>
    <pluginManagement>
      <plugins>
{plugins}
      </plugins>
    </pluginManagement>
  </build>
</project>
""")
    # Gradle's genPulumiResources: <project name with / for .>/version.txt and plugin.json.
    resources = os.path.join(out, "resources", *project.split("."))
    os.makedirs(resources, exist_ok=True)
    with open(os.path.join(resources, "version.txt"), "w") as f:
        f.write(version)
    with open(os.path.join(resources, "plugin.json"), "w") as f:
        plugin = {"resource": True, "name": plugin_name, "version": version}
        if server:
            plugin["server"] = server.group(1)
        json.dump(plugin, f, indent=2)
    print(group, artifact, version)


if __name__ == "__main__":
    main()
