"""Runs the NumPy code of every lesson, in both languages, exactly as it is shown.

Each `*-code` message of i18n/{en,ja}/lessons.ftl is run with today's NumPy and
matplotlib (no window: the Agg backend). What the code prints must match the
output written in its comments: the comment at the end of a `print(...)` line, or
the comment lines right below it. The code must be the same in both languages
apart from its comments.

Run from the repository root (needs numpy and matplotlib: pip install numpy matplotlib):
    python3 tests/data/check_code.py
"""
import os
import pathlib
import re
import subprocess
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parents[2]


def code_blocks(path):
    """id -> code of each `*-code` message (Fluent multiline values, dedented)."""
    blocks, current, lines = {}, None, []
    for line in path.read_text(encoding="utf-8").splitlines() + ["end = end"]:
        if current and (not line.strip() or line.startswith(" ")):
            lines.append(line)
            continue
        if current:
            blocks[current] = textwrap.dedent("\n".join(lines)).strip("\n") + "\n"
            current = None
        m = re.match(r"^([a-z]+-code) =\s*$", line)
        if m:
            current, lines = m.group(1), []
    return blocks


def without_comments(code):
    # The lesson code has no '#' inside strings.
    return [re.sub(r"\s*#.*$", "", l) for l in code.splitlines() if not l.lstrip().startswith("#")]


def expected_output(code):
    """What the comments say the prints print, as whitespace-separated words."""
    out, lines = [], code.splitlines()
    for i, line in enumerate(lines):
        if "print(" not in line:
            continue
        if "#" in line:
            out.append(line.split("#", 1)[1])
        for below in lines[i + 1:]:
            if not below.lstrip().startswith("#"):
                break
            out.append(below.lstrip()[1:])
    return " ".join(out).split()


def run(code):
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="ignore")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return done.returncode, done.stdout, done.stderr


def main():
    en = code_blocks(ROOT / "i18n/en/lessons.ftl")
    ja = code_blocks(ROOT / "i18n/ja/lessons.ftl")
    failures = []
    if sorted(en) != sorted(ja):
        failures.append(f"code ids differ: {sorted(en)} vs {sorted(ja)}")
    if len(en) < 7:
        failures.append(f"only {len(en)} code blocks found")
    for lang, blocks in (("en", en), ("ja", ja)):
        for id, code in sorted(blocks.items()):
            if lang == "ja" and id in en and without_comments(code) != without_comments(en[id]):
                failures.append(f"{id}: the Japanese code differs from the English beyond comments")
            status, stdout, stderr = run(code)
            if status != 0:
                failures.append(f"{lang} {id}: exit status {status}\n{stderr}")
                continue
            want = expected_output(code)
            if stdout.split() != want:
                failures.append(f"{lang} {id}: prints {stdout.split()}, comments say {want}")
            print(f"ok  {lang} {id}")
    for f in failures:
        print("FAIL", f)
    import matplotlib
    import numpy
    print(f"numpy {numpy.__version__}, matplotlib {matplotlib.__version__}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
