#!/usr/bin/env python3
"""Turns the key=value results of bench/upload.sh into a Markdown table, prints it and, with
--write FILE, inserts it into BENCHMARKS.md below the runs marker (newest run first).

Usage: report.py RESULTS.env [--label TEXT] [--write BENCHMARKS.md]
"""
import argparse
import pathlib
import statistics

MARKER = "<!-- bench/upload.sh inserts runs below this line, newest first -->"
HEADER = f"""# Benchmarks

Produced by `bench/upload.sh` (see the script's header for options).

## Runs

{MARKER}
"""


def load(path):
    res = {}
    for line in pathlib.Path(path).read_text().splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            res[k] = v
    return res


def num(res, key, default=None):
    try:
        return float(res[key])
    except (KeyError, ValueError):
        return default


def fmt_s(x):
    return "n/a" if x is None else f"{x:.2f} s"


def yes(ok):
    return "**yes**" if ok else "**no**"


def build(res, label):
    reps = int(res.get("reps", "0"))
    small_reps = int(res.get("small_reps", "0"))
    big_mib = num(res, "big_mib", 1024)
    small_files = int(res.get("small_files", "1000"))
    rows, loads, notes = [], [], []

    a = [num(res, f"a{i}_wall") for i in range(1, reps + 1)]
    a = [x for x in a if x is not None]
    b_all = [(num(res, f"b{i}_wall"), res.get(f"b{i}_done"), res.get(f"b{i}_rc")) for i in range(1, reps + 1)]
    b = [w for w, d, rc in b_all if w is not None and d == "1" and rc == "0"]
    if len(b) < len(b_all):
        notes.append(f"{len(b_all) - len(b)} of {len(b_all)} vodesk runs of (b) failed and are left out.")
    rss = [num(res, f"b{i}_rss_kib") for i in range(1, reps + 1)]
    rss = [x for x in rss if x is not None]
    for i in range(1, reps + 1):
        loads.append((f"(a) curl #{i}", res.get(f"a{i}_load", "?"), res.get(f"a{i}_busy", "?")))
        loads.append((f"(b) vodesk #{i}", res.get(f"b{i}_load", "?"), res.get(f"b{i}_busy", "?")))

    size = f"{big_mib / 1024:g} GiB" if big_mib >= 1024 else f"{big_mib:g} MiB"
    verdicts = {}
    if a:
        ab, am = min(a), statistics.median(a)
        rows.append((f"(a) `curl -T` {size} to a pre-signed URL, best / median of {len(a)}",
                     f"{fmt_s(ab)} / {fmt_s(am)} ({big_mib / ab:.0f} / {big_mib / am:.0f} MiB/s)", "reference", ""))
    if b:
        bb, bm = min(b), statistics.median(b)
        rows.append((f"(b) `vodesk upload` {size} (create, multipart, confirm), best / median of {len(b)}",
                     f"{fmt_s(bb)} / {fmt_s(bm)} ({big_mib / bb:.0f} / {big_mib / bm:.0f} MiB/s)", "", ""))
    if a and b:
        ratio_med, ratio_best = am / bm, ab / bb
        ok = ratio_med >= 0.6
        verdicts["speed"] = ok
        rows.append(("(b) speed ÷ (a) speed, median / best",
                     f"{ratio_med:.2f}× / {ratio_best:.2f}×", "≥ 0.6×", yes(ok)))
    if rss:
        peak = max(rss) / 1024
        ok = peak <= 100
        verdicts["rss"] = ok
        rows.append(("(b) peak RSS of `vodesk upload` (max over runs)", f"{peak:.1f} MiB", "≤ 100 MiB", yes(ok)))

    vfs, rfs = [], []
    for i in range(1, small_reps + 1):
        vw, vd = num(res, f"c{i}_vodesk_wall"), int(res.get(f"c{i}_vodesk_done", "0") or 0)
        rw, rd = num(res, f"c{i}_rclone_wall"), int(res.get(f"c{i}_rclone_done", "0") or 0)
        if vw:
            vfs.append((vd / vw, vw, vd))
        if rw:
            rfs.append((rd / rw, rw, rd))
        loads.append((f"(c) vodesk #{i}", res.get(f"c{i}_vodesk_load", "?"), res.get(f"c{i}_vodesk_busy", "?")))
        loads.append((f"(c) rclone #{i}", res.get(f"c{i}_rclone_load", "?"), res.get(f"c{i}_rclone_busy", "?")))
    if vfs and rfs:
        v = max(vfs)
        r = max(rfs)
        ok = v[0] >= r[0] and v[2] == small_files
        verdicts["files"] = ok
        rows.append((f"(c) `vodesk upload` of {small_files} × 256 KiB (best of {len(vfs)})",
                     f"{v[0]:.1f} files/s ({v[1]:.2f} s, {v[2]} uploaded)", "≥ rclone", yes(ok)))
        rows.append((f"(c) `rclone copy` of the same folder (best of {len(rfs)})",
                     f"{r[0]:.1f} files/s ({r[1]:.2f} s, {r[2]} objects)", "reference", ""))
        rss_c = num(res, "c1_vodesk_rss_kib")
        if rss_c:
            notes.append(f"(c) peak RSS: vodesk {rss_c / 1024:.1f} MiB, rclone "
                         f"{(num(res, 'c1_rclone_rss_kib') or 0) / 1024:.1f} MiB.")

    # (e) / (f) and (g) / (h): the same files through the Tencent and Alibaba personalities.
    for big, small, profile, cloud, flow in (
        ("e", "f", "Local-Tencent", "tencent", "ApplyUpload, COS multipart, CommitUpload"),
        ("g", "h", "Local-Alibaba", "aliyun", "CreateUploadVideo, OSS multipart with the STS key"),
    ):
        walls = [num(res, f"{big}{i}_wall") for i in range(1, reps + 1)
                 if res.get(f"{big}{i}_done") == "1" and res.get(f"{big}{i}_rc") == "0"]
        walls = [x for x in walls if x is not None]
        for i in range(1, reps + 1):
            if f"{big}{i}_load" in res:
                loads.append((f"({big}) vodesk {profile} #{i}", res.get(f"{big}{i}_load", "?"),
                              res.get(f"{big}{i}_busy", "?")))
        if walls:
            wb, wm = min(walls), statistics.median(walls)
            rows.append((f"({big}) `vodesk --profile {profile} upload` {size} ({flow}), best / median of {len(walls)}",
                         f"{fmt_s(wb)} / {fmt_s(wm)} ({big_mib / wb:.0f} / {big_mib / wm:.0f} MiB/s)", "", ""))
            if a:
                ok = am / wm >= 0.6
                verdicts[f"{cloud}_speed"] = ok
                rows.append((f"({big}) speed ÷ (a) speed, median / best", f"{am / wm:.2f}× / {ab / wb:.2f}×",
                             "≥ 0.6×", yes(ok)))
            rss = [num(res, f"{big}{i}_rss_kib") for i in range(1, reps + 1)]
            rss = [x for x in rss if x is not None]
            if rss:
                peak = max(rss) / 1024
                ok = peak <= 100
                verdicts[f"{cloud}_rss"] = ok
                rows.append((f"({big}) peak RSS (max over runs)", f"{peak:.1f} MiB", "≤ 100 MiB", yes(ok)))
        rates = []
        for i in range(1, small_reps + 1):
            w, d = num(res, f"{small}{i}_wall"), int(res.get(f"{small}{i}_done", "0") or 0)
            if w:
                rates.append((d / w, w, d))
            if f"{small}{i}_load" in res:
                loads.append((f"({small}) vodesk {profile} #{i}", res.get(f"{small}{i}_load", "?"),
                              res.get(f"{small}{i}_busy", "?")))
        if rates:
            best = max(rates)
            ok = bool(rfs) and best[0] >= max(rfs)[0] and best[2] == small_files
            verdicts[f"{cloud}_files"] = ok
            rows.append((f"({small}) `vodesk --profile {profile} upload` of {small_files} × 256 KiB (best of {len(rates)})",
                         f"{best[0]:.1f} files/s ({best[1]:.2f} s, {best[2]} uploaded)", "≥ rclone", yes(ok)))

    if res.get("throttled") == "1":
        files = int(res.get("throttled_files", "2000"))
        limit = num(res, "d_limit_per_min", 1500)
        full = res.get("d_bucket_starts_full") == "1"
        calls = 2 * files  # create asset + confirm, both in the "UploadA" budget
        rate = limit / 60.0
        bound = max(0.0, calls - (limit if full else 0)) / rate
        wall = num(res, "d_wall")
        done = int(res.get("d_done", "0") or 0)
        failed = int(res.get("d_failed", "0") or 0)
        shown = int(res.get("d_429_lines", "0") or 0)
        ok = wall is not None and (bound == 0 or wall <= 1.1 * bound) and shown == 0 and done == files
        verdicts["throttled"] = ok
        rows.append((f"(d) minimum the limits allow for {files} files ({calls} UploadA calls, "
                     f"{limit:.0f}/min bucket{' starting full' if full else ''})",
                     f"{bound:.1f} s", "", ""))
        rows.append((f"(d) `vodesk upload` of {files} × 4 KiB, throttling on",
                     f"{fmt_s(wall)}" + (f" = {wall / bound:.2f}× the bound" if wall and bound else "") + "; "
                     f"{done} uploaded, {failed} failed; {shown} lines with 429/APIGW.0308",
                     "≤ 1.1× bound, no 429 shown, all uploaded", yes(ok)))
        if res.get("d_429_sample"):
            notes.append(f"(d) first throttling line shown to the user: `{res['d_429_sample']}`")
        loads.append(("(d) vodesk throttled", res.get("d_load", "?"), res.get("d_busy", "?")))

    dirty = int(res.get("dirty", "0") or 0)
    commit = res.get("commit", "?") + (f" (+ {dirty} uncommitted changed files in src/, crates/)" if dirty else "")
    out = [f"### {label} — {res.get('date', '?')} — commit {commit}", ""]
    out.append(f"- Command: `{res.get('command', 'bench/upload.sh')}` (in the repo root)")
    out.append(f"- Machine: {res.get('nproc', '?')} cores ({res.get('cpu', '?')}), memory {res.get('mem', '?')}; "
               f"scratch files on {res.get('fs', '?')}")
    out.append(f"- Tools: {res.get('vodesk_version', 'vodesk')}, {res.get('curl_version', 'curl')}, "
               f"{res.get('rclone_version', 'rclone')}")
    out.append("")
    out.append("| Figure | Result | Target | Met |")
    out.append("|---|---|---|---|")
    for r in rows:
        out.append("| " + " | ".join(r) + " |")
    out.append("")
    out.append("Load average (1/5/15 min) and compiler processes at the start of each measurement "
               "(shared machine; figures are indicative):")
    out.append("")
    out.append("| Measurement | Load average | Busy |")
    out.append("|---|---|---|")
    for name, la, busy in loads:
        out.append(f"| {name} | {la} | {busy} |")
    out.append("")
    for n in notes:
        out.append(f"- {n}")
    if notes:
        out.append("")
    return "\n".join(out) + "\n", verdicts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--label", default="Run")
    ap.add_argument("--write")
    args = ap.parse_args()
    res = load(args.results)
    section, _ = build(res, args.label)
    print(section)
    if args.write:
        path = pathlib.Path(args.write)
        text = path.read_text() if path.exists() else HEADER
        if MARKER not in text:
            text = text.rstrip("\n") + "\n\n## Runs\n\n" + MARKER + "\n"
        head, tail = text.split(MARKER, 1)
        text = head + MARKER + "\n\n" + section + tail.lstrip("\n")
        if not text.endswith("\n"):
            text += "\n"
        path.write_text(text)
        print(f"(inserted into {path})")


if __name__ == "__main__":
    main()
