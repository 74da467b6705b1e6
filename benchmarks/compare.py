#!/usr/bin/env python3
"""Helper of compare.sh: classifies merge outputs against the committed results and prints tables.

  compare.py runs [--details FILE] LABEL RESULTS_TSV SECONDS [LABEL RESULTS_TSV SECONDS ...]
      RESULTS_TSV lines: SCENARIO_DIR<TAB>EXIT_CODE<TAB>OUTPUT_FILE (EXIT_CODE "timeout" or "missing"
      for a run that gave none). Prints one column per run: classes (count and %), scenarios,
      wall time, MB/s of input (base + ours + theirs).
  compare.py languages DETAILS_TSV MANIFEST_TSV
      From the per-scenario classes that `runs --details` wrote (the first column git's), a view per
      file extension (manifest: ID<TAB>COMMIT<TAB>PATH, ID relative to the corpus): of the merges
      git leaves in conflict, how many each other run settles, and how many of those as committed.
  compare.py jmh JMH_JSON
      Prints a JMH result file (throughput mode, secondary result inputBytes) as ms/op, bytes/op, MB/s.

Classes, as the corpus's score.py defines them: exit 0 and byte-equal to `result` CLEAN_CORRECT;
exit 0 and equal once all whitespace is removed CLEAN_CORRECT_WS; other exit 0 CLEAN_WRONG;
exit 1..127 CONFLICT; anything else (exit > 127, killed, timed out, no output) ERROR.
"""
import json, os, re, sys

CLASSES = ["CLEAN_CORRECT", "CLEAN_CORRECT_WS", "CLEAN_WRONG", "CONFLICT", "ERROR"]
WS = re.compile(rb"\s+")  # the same pattern as score.py


def classify(rc, out, result):
    """score.py's classification: rc None means no exit code (timed out, not run)."""
    if rc is None or rc < 0 or rc > 127:
        return "ERROR"
    if rc > 0:
        return "CONFLICT"
    if out == result:
        return "CLEAN_CORRECT"
    if WS.sub(b"", out) == WS.sub(b"", result):
        return "CLEAN_CORRECT_WS"
    return "CLEAN_WRONG"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def load_run(tsv):
    rows = []
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            scenario, rc, out = line.split("\t")
            rc = int(rc) if re.fullmatch(r"-?\d+", rc) else None
            result = read(os.path.join(scenario, "result"))
            output = read(out) if rc is not None and os.path.isfile(out) else b""
            if rc == 0 and not os.path.isfile(out):
                rc = None  # claimed clean but wrote nothing
            size = sum(os.path.getsize(os.path.join(scenario, k)) for k in ("base", "ours", "theirs"))
            rows.append((scenario, classify(rc, output, result), size))
    return rows


def runs(argv):
    details = None
    if argv[:1] == ["--details"]:
        details, argv = argv[1], argv[2:]
    if not argv or len(argv) % 3:
        sys.exit("usage: compare.py runs [--details FILE] LABEL RESULTS_TSV SECONDS ...")
    cols = []
    for i in range(0, len(argv), 3):
        label, tsv, seconds = argv[i], argv[i + 1], float(argv[i + 2])
        cols.append((label, load_run(tsv), seconds))
    width = max(16, *(len(label) + 2 for label, _, _ in cols))
    print(f"{'':18}" + "".join(f"{label:>{width}}" for label, _, _ in cols))
    for c in CLASSES:
        cells = []
        for _, rows, _ in cols:
            n = sum(1 for r in rows if r[1] == c)
            cells.append(f"{n:d} ({100 * n / max(len(rows), 1):5.1f}%)")
        print(f"{c:18}" + "".join(f"{x:>{width}}" for x in cells))
    print(f"{'scenarios':18}" + "".join(f"{len(rows):>{width}d}" for _, rows, _ in cols))
    print(f"{'wall time':18}" + "".join(f"{s:>{width - 2}.2f} s" for _, _, s in cols))
    print(f"{'ms / scenario':18}" + "".join(f"{1000 * s / max(len(rows), 1):>{width}.1f}" for _, rows, s in cols))
    mbs = [sum(r[2] for r in rows) / s / 1e6 if s > 0 else 0.0 for _, rows, s in cols]
    print(f"{'MB/s of input':18}" + "".join(f"{m:>{width}.2f}" for m in mbs))
    if details:
        by_scenario = {}
        for label, rows, _ in cols:
            for scenario, cls, _ in rows:
                by_scenario.setdefault(scenario, {})[label] = cls
        with open(details, "w", encoding="utf-8") as f:
            f.write("scenario\t" + "\t".join(label for label, _, _ in cols) + "\n")
            for scenario in sorted(by_scenario):
                f.write(scenario + "\t" + "\t".join(by_scenario[scenario].get(label, "-") for label, _, _ in cols)
                        + "\n")


def languages(argv):
    if len(argv) != 2:
        sys.exit("usage: compare.py languages DETAILS_TSV MANIFEST_TSV")
    details, manifest = argv
    paths = {}
    with open(manifest, encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 3:
                paths[cells[0]] = cells[2]
    with open(details, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    labels = header[2:]
    stats = {}
    for row in rows:
        scenario_id = next((k for k in paths if row[0].endswith("/" + k)), None)
        if scenario_id is None:
            continue
        name = paths[scenario_id].rsplit("/", 1)[-1]
        ext = name.rsplit(".", 1)[-1] if "." in name.lstrip(".") else "(none)"
        s = stats.setdefault(ext, {"scenarios": 0, "git conflicts": 0, **{l: [0, 0, 0] for l in labels}})
        s["scenarios"] += 1
        if row[1] != "CONFLICT":
            continue
        s["git conflicts"] += 1
        for label, cls in zip(labels, row[2:]):
            if cls.startswith("CLEAN"):
                s[label][0] += 1
                s[label][1] += cls == "CLEAN_CORRECT"
                s[label][2] += cls == "CLEAN_WRONG"
    print("Of the merges git leaves in conflict, per file extension: settled by each run (as committed, wrong)")
    print(f"{'extension':12}{'scenarios':>10}{'git conflicts':>15}" + "".join(f"{l:>36}" for l in labels))
    for ext in sorted(stats, key=lambda e: -stats[e]["scenarios"]):
        s = stats[ext]
        cells = "".join(f"{f'{s[l][0]} ({s[l][1]} as committed, {s[l][2]} wrong)':>36}" for l in labels)
        print(f"{ext:12}{s['scenarios']:>10}{s['git conflicts']:>15}" + cells)


def jmh(argv):
    if len(argv) != 1:
        sys.exit("usage: compare.py jmh JMH_JSON")
    with open(argv[0], encoding="utf-8") as f:
        results = json.load(f)
    header = f"{'benchmark':34}{'config':>9}{'ops/s':>12}{'± (99.9%)':>12}{'ms/op':>10}{'bytes/op':>12}{'MB/s':>9}"
    print(header)
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        name = f"{name[-2]}.{name[-1]}"
        config = r.get("params", {}).get("config", "-")
        pm = r["primaryMetric"]
        ops = pm["score"]
        err = pm.get("scoreError")
        err = f"{err:.2f}" if isinstance(err, (int, float)) and err == err else "n/a"
        bps = r.get("secondaryMetrics", {}).get("inputBytes", {}).get("score", 0.0)
        per_op = bps / ops if ops else 0.0
        ms = 1000.0 / ops if ops else float("inf")
        print(f"{name:34}{config:>9}{ops:>12.2f}{err:>12}{ms:>10.2f}{per_op:>12.0f}{bps / 1e6:>9.1f}")


def main():
    commands = {"runs": runs, "languages": languages, "jmh": jmh}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
