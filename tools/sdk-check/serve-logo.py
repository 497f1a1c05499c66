"""Serves a logo on loopback so the dotnet SDK generator can "download" it offline.

The dotnet generator fetches the schema's logoUrl (or a default on the internet) with a plain
HTTP GET and puts the bytes into the NuGet package as logo.png. This serves LOGO on 127.0.0.1 and,
once listening, writes a copy of SCHEMA whose logoUrl points at it to SCHEMA_COPY (written whole
at once, so a caller can wait for the file to appear). The URL appears nowhere in the generated
SDK; only the logo's bytes do.

Usage: python3 serve-logo.py LOGO SCHEMA SCHEMA_COPY [SECONDS]
Answers every GET with LOGO and stops by itself after SECONDS (default 600) in case its caller
dies without stopping it.
"""

import http.server
import json
import os
import sys
import threading


def main() -> None:
    logo, schema, schema_copy = sys.argv[1:4]
    lifetime = float(sys.argv[4]) if len(sys.argv) > 4 else 600.0
    body = open(logo, "rb").read()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    timer = threading.Timer(lifetime, server.shutdown)
    timer.daemon = True
    timer.start()

    spec = json.load(open(schema))
    spec["logoUrl"] = f"http://127.0.0.1:{server.server_port}/logo.png"
    with open(schema_copy + ".tmp", "w") as out:
        json.dump(spec, out, indent=2)
    os.replace(schema_copy + ".tmp", schema_copy)
    server.serve_forever()


if __name__ == "__main__":
    main()
