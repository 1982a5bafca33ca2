#!/usr/bin/env python3
"""Refresh model/*.json from the botocore wheel on PyPI.

Keeps shapes, constraints (required, min, max, pattern, enum), error lists and protocol
metadata; drops documentation. Usage: python3 model/refresh.py [BOTOCORE_VERSION]
"""
import gzip
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

VERSION = sys.argv[1] if len(sys.argv) > 1 else "1.44.8"
SERVICES = {
    "servicecatalog": "servicecatalog/2015-12-10",
    "organizations": "organizations/2016-11-28",
    "sts": "sts/2011-06-15",
}
DROP = {"documentation", "documentationUrl", "deprecatedMessage", "examples"}


def trim(node):
    if isinstance(node, dict):
        return {k: trim(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [trim(v) for v in node]
    return node


def main():
    here = pathlib.Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             f"botocore=={VERSION}", "-d", tmp],
            check=True,
        )
        wheel = next(pathlib.Path(tmp).glob("botocore-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            for name, path in SERVICES.items():
                raw = zf.read(f"botocore/data/{path}/service-2.json.gz")
                model = trim(json.loads(gzip.decompress(raw)))
                out = here / f"{name}.json"
                out.write_text(json.dumps(model, indent=1) + "\n")
                print(f"wrote {out.name}: {len(model['operations'])} operations")
    (here / "VERSION").write_text(VERSION + "\n")


if __name__ == "__main__":
    main()
