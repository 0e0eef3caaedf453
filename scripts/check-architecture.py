#!/usr/bin/env python3
"""The module rules of README's "How it is built", checked so they stay true (run by scripts/test.sh).

Reads the package graph from `swift package dump-package` and the sources' `import` lines and fails, naming each
broken rule, when: a pure target (no I/O) reaches an I/O library even through its dependencies; more than one
target uses CCurl, or another than TrotterTUI uses CNcurses; the sandbox links the client; a file imports a module
its target does not declare; there is a second fold of status events, a second JSON tree, a second seeded
generator, a hidden shared I/O client, or a file over the size limits.
`--self-test` feeds each rule a broken input and fails unless every rule catches it.
"""
import json
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Targets that hold values and pure functions only: not even their dependencies may do I/O.
PURE = {"TrotterSupport", "Orchestration", "DashboardModel", "DashboardViews"}
# Modules every target may import: the toolchain's own.
TOOLCHAIN = {"Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Glibc", "Synchronization", "Testing", "XCTest",
             "PackageDescription"}
# A product's module names, where they differ from the product's name.
PRODUCT_MODULES = {"GRDBSQLite": {"GRDBSQLite", "SQLite3"}}
# The emulator never links the client: its wire format is written from the published documents.
CLIENT = {"TrotterSupport", "CurlHTTP", "AtlasAPI", "AWSAPI", "Orchestration", "TrotterStore", "OrchestrationEngine",
          "DashboardModel", "Manager", "TeamClient"}


def load_graph():
    out = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, capture_output=True, text=True, check=True)
    package = json.loads(out.stdout)
    graph = {}
    for target in package["targets"]:
        targets, products = set(), set()
        for dep in target["dependencies"]:
            if "byName" in dep:
                targets.add(dep["byName"][0])
            elif "target" in dep:
                targets.add(dep["target"][0])
            elif "product" in dep:
                products.add(dep["product"][0])
        graph[target["name"]] = {"targets": targets, "products": products, "type": target["type"],
                                 "path": target.get("path") or
                                 ("Tests/" if target["type"] == "test" else "Sources/") + target["name"]}
    return graph


def closure(graph, name):
    seen, stack = set(), [name]
    while stack:
        for dep in graph[stack.pop()]["targets"]:
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return seen


def graph_problems(graph):
    problems = []
    for name in sorted(PURE & graph.keys()):
        reach = closure(graph, name) | {name}
        impure = sorted(reach - PURE)
        products = sorted(p for t in reach for p in graph[t]["products"])
        if impure or products:
            problems.append(f"{name} must not do I/O, but reaches {', '.join(impure + products)}")
    curl = sorted(n for n, t in graph.items() if "CCurl" in t["targets"] and t["type"] != "test")
    if curl != ["CurlHTTP"]:
        problems.append(f"exactly one target may use CCurl (CurlHTTP); found {curl}")
    curses = sorted(n for n, t in graph.items() if "CNcurses" in t["targets"])
    if curses not in ([], ["TrotterTUI"]):
        problems.append(f"only TrotterTUI may use CNcurses; found {curses}")
    if "AtlasSandbox" in graph and closure(graph, "AtlasSandbox") & CLIENT:
        problems.append("AtlasSandbox must not link the client: " + ", ".join(sorted(closure(graph, "AtlasSandbox") & CLIENT)))
    return problems


def swift_files(path):
    for folder, _, names in os.walk(os.path.join(ROOT, path)):
        for name in names:
            if name.endswith(".swift"):
                full = os.path.join(folder, name)
                yield os.path.relpath(full, ROOT), open(full, encoding="utf-8").read()


def import_problems(graph, sources):
    """`sources`: {target: [(path, text)]}. A file may import its target's declared dependencies only."""
    problems = []
    for name, files in sources.items():
        allowed = set(TOOLCHAIN) | graph[name]["targets"]
        for product in graph[name]["products"]:
            allowed |= PRODUCT_MODULES.get(product, {product})
        for path, text in files:
            for module in re.findall(r"^(?:@testable\s+|@preconcurrency\s+|public\s+|package\s+|internal\s+)*import\s+(\w+)",
                                     text, re.M):
                if module not in allowed:
                    problems.append(f"{path} imports {module}, which {name} does not depend on")
    return problems


def source_problems(files):
    """`files`: [(path, text)] of every non-test source."""
    problems = []
    own = [(p, t) for p, t in files if not p.startswith("Sources/AtlasSandbox/")]
    folds = [p for p, t in own if re.search(r"func apply\(_ \w+: StatusEvent\b", t)]
    if len(folds) != 1 or not folds[0].startswith("Sources/Orchestration/Fold/"):
        problems.append(f"one fold of status events (RunState.apply in Orchestration/Fold), found {folds or 'none'}")
    for path, text in own:
        for type_name in re.findall(r"\b(?:struct|enum|class|actor)\s+(\w*Fold\w*)", text):
            problems.append(f"{path}: {type_name} looks like a second fold; use RunState.apply / RunInspector")
    trees = [p for p, t in own if re.search(r"^\s*case object\(\[String:", t, re.M)]
    if len(trees) != 1:
        problems.append(f"one JSON tree (JSONValue in TrotterSupport), found {trees}")
    for path, text in own:
        if "JSONSerialization" in re.sub(r"//.*", "", text):
            problems.append(f"{path}: JSONSerialization; read JSON with JSONValue / JSONBytesParser")
    generators = [p for p, t in own if re.search(r"(struct|class)\s+\w+\s*:[^{]*\bRandomNumberGenerator\b", t)]
    if len(generators) != 1:
        problems.append(f"one seeded generator outside the sandbox (SeededRandom), found {generators}")
    for path, text in own:
        if re.search(r"static\s+(let|var)\s+(shared\b|\w+\s*=\s*(HTTPClient|CurlWebhookSender|AWSClient|Store)\()", text):
            problems.append(f"{path}: a shared static instance; pass the client in instead")
    sizes = [t.count("\n") for _, t in files]
    for path, text in files:
        if text.count("\n") > 600:
            problems.append(f"{path} has {text.count(chr(10))} lines (at most 600)")
    if sizes and statistics.median(sizes) >= 150:
        problems.append(f"the median source file has {statistics.median(sizes)} lines (under 150)")
    return problems


def check():
    graph = load_graph()
    sources = {name: list(swift_files(t["path"])) for name, t in graph.items() if t["type"] in ("regular", "executable", "test")}
    all_sources = [f for name, files in sources.items() if graph[name]["type"] != "test" for f in files]
    return graph_problems(graph) + import_problems(graph, sources) + source_problems(all_sources)


def self_test():
    """Every rule, fed an input that breaks it, must say so."""
    def node(targets=(), products=(), kind="regular"):
        return {"targets": set(targets), "products": set(products), "type": kind, "path": ""}
    good = {"TrotterSupport": node(), "Orchestration": node(["TrotterSupport"]), "CCurl": node(kind="system-target"),
            "CNcurses": node(kind="system-target"), "CurlHTTP": node(["CCurl"]), "DashboardModel": node(["Orchestration"]),
            "DashboardViews": node(["DashboardModel"]), "TrotterTUI": node(["CNcurses", "CurlHTTP", "DashboardViews"]),
            "AtlasSandbox": node(products=["Hummingbird"])}
    assert graph_problems(good) == [], graph_problems(good)
    broken = [
        ("a view reaching libcurl", {"DashboardModel": node(["Orchestration", "CurlHTTP"])}),
        ("a pure target linking GRDB", {"Orchestration": node(["TrotterSupport"], ["GRDB"])}),
        ("a second CCurl user", {"AtlasSandbox": node(["CCurl"])}),
        ("curses outside the TUI", {"DashboardViews": node(["DashboardModel", "CNcurses"])}),
        ("the sandbox linking the client", {"AtlasSandbox": node(["Orchestration"])}),
    ]
    failures = []
    for label, change in broken:
        if not graph_problems({**good, **change}):
            failures.append(f"graph rule missed: {label}")
    if not import_problems(good, {"DashboardViews": [("V.swift", "import Foundation\nimport GRDB\n")]}):
        failures.append("import rule missed an undeclared import")
    if import_problems(good, {"DashboardViews": [("V.swift", "import Foundation\n@testable import DashboardModel\n")]}):
        failures.append("import rule refused a declared import")
    fold = ("Sources/Orchestration/Fold/RunState+Apply.swift", "mutating func apply(_ event: StatusEvent) {}")
    tree = ("Sources/TrotterSupport/JSON/JSONValue.swift", "enum JSONValue {\n    case object([String: JSONValue])\n}")
    rng = ("Sources/TrotterSupport/Random/SeededRandom.swift", "public struct SeededRandom: RandomNumberGenerator {}")
    base = [fold, tree, rng]
    if source_problems(base):
        failures.append(f"source rules refused good sources: {source_problems(base)}")
    for label, extra in [
        ("a second fold", ("Sources/DashboardViews/X.swift", "func apply(_ e: StatusEvent) {}")),
        ("an InspectorFold", ("Sources/DashboardViews/X.swift", "struct InspectorFold {}")),
        ("a second JSON tree", ("Sources/Orchestration/T.swift", "enum JSONTree {\n    case object([String: JSONTree])\n}")),
        ("JSONSerialization", ("Sources/AWSAPI/W.swift", "let o = try JSONSerialization.jsonObject(with: d)")),
        ("a second generator", ("Sources/OrchestrationEngine/S.swift", "struct SplitMix64: RandomNumberGenerator {}")),
        ("a shared client", ("Sources/OrchestrationEngine/C.swift", "public static let shared = Sender()")),
        ("a static HTTP client", ("Sources/TrotterTUI/R.swift", "private static let http = HTTPClient(configuration: c)")),
        ("a 700-line file", ("Sources/Manager/Big.swift", "\n" * 700)),
    ]:
        if not source_problems(base + [extra]):
            failures.append(f"source rule missed: {label}")
    if not source_problems([fold, tree, rng] + [(f"Sources/M/F{i}.swift", "\n" * 200) for i in range(5)]):
        failures.append("size rule missed a median over 150 lines")
    return failures


if __name__ == "__main__":
    if "--self-test" in sys.argv:
        failures = self_test()
        print("\n".join(failures) or "check-architecture self-test: every rule catches its broken input")
        sys.exit(1 if failures else 0)
    problems = check()
    if problems:
        print("architecture rules broken (README, How it is built):", *problems, sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print("architecture: the module graph, imports, one fold, one JSON tree, one generator and file sizes hold")
