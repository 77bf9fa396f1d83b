"""Copy the pinned browser runtimes from node_modules into docs/assets/vendor/ (git-ignored), ready to ship.

Run by `make vendor` after `npm ci`. Nothing is downloaded: every file comes from the npm packages pinned in
package.json. Apache Arrow ships only a UMD bundle that a browser module cannot import, so this script wraps it
into an ES module (`arrow.mjs`) and points DuckDB-WASM's bare `apache-arrow` import at it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
OUT = ROOT / "docs" / "assets" / "vendor"

FILES = {
    "pyodide": (
        "pyodide",
        ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"],
    ),
    "duckdb": ("@duckdb/duckdb-wasm/dist", ["duckdb-browser-eh.worker.js", "duckdb-eh.wasm"]),
    "editor": ("prismjs/components", ["prism-core.min.js", "prism-sql.min.js", "prism-python.min.js"]),
}
PACKAGES = ("pyodide", "@duckdb/duckdb-wasm", "apache-arrow", "codejar", "prismjs")
"""The npm packages whose files are shipped; their versions and licenses go into versions.json."""


def package_version(name: str) -> str:
    """The installed version of an npm package."""
    return json.loads((NODE / name / "package.json").read_text())["version"]


def arrow_module() -> str:
    """Apache Arrow's UMD bundle as an ES module exporting every name the bundle defines."""
    source = (NODE / "apache-arrow" / "Arrow.es2015.min.js").read_text(encoding="utf-8")
    source = re.sub(r"//# sourceMappingURL=.*$", "", source, flags=re.M)
    names = json.loads(
        subprocess.run(
            ["node", "-e", "console.log(JSON.stringify(Object.keys(require('./apache-arrow/Arrow.es2015.min.js'))))"],
            cwd=NODE,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    exports = [name for name in names if re.fullmatch(r"[A-Za-z_$][\w$]*", name)]
    return (
        f"// Apache Arrow {package_version('apache-arrow')} (Apache-2.0), UMD bundle wrapped as an ES module.\n"
        "const arrow = {};\n"
        f"(function (exports, module) {{\n{source}\n}})(arrow, {{ exports: arrow }});\n"
        f"export const {{ {', '.join(exports)} }} = arrow;\n"
        "export default arrow;\n"
    )


def main() -> int:
    if not NODE.is_dir():
        print("node_modules/ is missing: run `npm ci` first (make does this for you).", file=sys.stderr)
        return 1
    if OUT.exists():
        shutil.rmtree(OUT)
    for folder, (package_dir, names) in FILES.items():
        (OUT / folder).mkdir(parents=True)
        for name in names:
            shutil.copy2(NODE / package_dir / name, OUT / folder / name)
    shutil.copy2(NODE / "codejar" / "dist" / "codejar.js", OUT / "editor" / "codejar.js")
    browser = (NODE / "@duckdb/duckdb-wasm/dist/duckdb-browser.mjs").read_text(encoding="utf-8")
    browser = browser.replace('from"apache-arrow"', 'from"./arrow.mjs"')
    browser = re.sub(r"//# sourceMappingURL=.*$", "", browser, flags=re.M)
    if 'from"apache-arrow"' in browser:
        print("duckdb-browser.mjs still imports apache-arrow by a form this script does not rewrite", file=sys.stderr)
        return 1
    (OUT / "duckdb" / "duckdb-browser.mjs").write_text(browser, encoding="utf-8")
    (OUT / "duckdb" / "arrow.mjs").write_text(arrow_module(), encoding="utf-8")
    (OUT / "LICENSES").mkdir()
    for name in PACKAGES:
        for license_file in (NODE / name).glob("LICENSE*"):
            target = OUT / "LICENSES" / f"{name.replace('/', '_')}-{license_file.name}"
            shutil.copy2(license_file, target)
    versions = {name: package_version(name) for name in PACKAGES}
    licenses = {name: json.loads((NODE / name / "package.json").read_text()).get("license") for name in PACKAGES}
    manifest = {name: {"version": versions[name], "license": licenses[name]} for name in PACKAGES}
    (OUT / "versions.json").write_text(json.dumps(manifest, indent=2) + "\n")
    size = sum(path.stat().st_size for path in OUT.rglob("*") if path.is_file())
    summary = ", ".join(f"{name} {version}" for name, version in versions.items())
    print(f"vendored {summary} into {OUT.relative_to(ROOT)} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
