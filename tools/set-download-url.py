"""Sets the schema's pluginDownloadURL inside a copy of the provider jar (make dist PLUGIN_DOWNLOAD_URL=URL).

Usage: python3 tools/set-download-url.py JAR URL

The provider serves the schema.json it carries (GetSchema). With pluginDownloadURL in it, an SDK
generated from the installed plugin (`pulumi package add`) tells the engine where to install the
plugin from, as the SDKs of `make sdks PLUGIN_DOWNLOAD_URL=URL` do. Rewrites JAR in place, every
other entry byte for byte.
"""

import json
import os
import re
import shutil
import sys
import tempfile
import zipfile

SCHEMA = "dev/hubspoke/schema/schema.json"


def main() -> None:
    jar, url = sys.argv[1], sys.argv[2]
    if not re.fullmatch(r"https?://\S+", url):
        sys.exit(f"set-download-url: PLUGIN_DOWNLOAD_URL must be an http(s) URL, not '{url}'")
    fd, tmp = tempfile.mkstemp(suffix=".jar", dir=os.path.dirname(os.path.abspath(jar)))
    os.close(fd)
    with zipfile.ZipFile(jar) as src, zipfile.ZipFile(tmp, "w") as dst:
        names = src.namelist()
        if SCHEMA not in names:
            sys.exit(f"set-download-url: {jar} has no {SCHEMA}")
        for info in src.infolist():
            data = src.read(info)
            if info.filename == SCHEMA:
                schema = json.loads(data)
                schema["pluginDownloadURL"] = url
                data = (json.dumps(schema, indent=2) + "\n").encode()
            dst.writestr(info, data)
    shutil.move(tmp, jar)
    print(f"set-download-url: {jar} serves pluginDownloadURL {url}")


if __name__ == "__main__":
    main()
