"""`tempo` flags: every bad value is status 2 with one line naming the flag, and
each command's --help lists every flag whose definition names that command.

usage: flags_test.py <path to tempo> <source dir>
"""
import glob
import os
import re
import subprocess
import sys


def run(tempo, args, timeout=20):
    return subprocess.run([tempo] + args, capture_output=True, text=True, timeout=timeout)


BAD = [
    (["analyse", "--depth=abc"], "--depth"),
    (["analyse", "--nodes=18446744073709551616"], "--nodes"),  # overflows int64
    (["analyse", "--tt-mb=99999999999"], "--tt-mb"),  # overflows int
    (["analyse", "--seed=-1"], "--seed"),
    (["perft", "--depth=-3"], "--depth"),
    (["analyse", "--depth"], "--depth"),  # no value
    (["analyse", "--bogus=1"], "--bogus"),  # unknown
    (["analyse", "--depth", "2", "--no-such-flag"], "--no-such-flag"),
    (["analyse", "--divide=maybe"], "--divide"),
    (["dxp", "--dxp-listen", "--dxp-port=70000"], "--dxp-port"),
    (["dxp", "--dxp-listen", "--dxp-port=-1"], "--dxp-port"),
    (["dxp", "--dxp-listen", "--dxp-timeout=-1"], "--dxp-timeout"),
    (["dxp", "--dxp-listen", "--dxp-timeout=99999999"], "--dxp-timeout"),
    (["selfplay", "--out=/dev/null", "--games=-1"], "--games"),
    (["match", "--games=99999999999"], "--games"),
    (["match", "--concurrency=0"], "--concurrency"),
    (["match", "--match-movetime=-0.5"], "--match-movetime"),
    (["fit", "--epochs=1e3"], "--epochs"),
]


def main():
    tempo, source = sys.argv[1], sys.argv[2]
    failures = []
    for args, flag in BAD:
        p = run(tempo, args)
        lines = p.stderr.strip().splitlines()
        if p.returncode != 2 or len(lines) != 1 or flag not in lines[0] or p.stdout:
            failures.append(f"tempo {' '.join(args)}: status {p.returncode}, stderr {p.stderr!r}, stdout {p.stdout[:200]!r}")
    # Good values still pass: a dashed flag, a bool flag alone and negated, `--` ending the flags.
    p = run(tempo, ["perft", "--depth", "2", "--divide", "--nodivide"])
    if p.returncode != 0 or "perft 2 81 " not in p.stdout:
        failures.append(f"perft --depth 2 --divide --nodivide: {p.returncode} {p.stdout!r} {p.stderr!r}")

    # Help: every flag defined in cli/ is listed by the commands its help names,
    # and every flag is listed somewhere (a flag without commands would be missing).
    p = run(tempo, ["match", "--help"])
    if p.returncode != 0 or "--ponder" not in p.stdout:
        failures.append(f"tempo match --help does not list --ponder:\n{p.stdout}")
    full = run(tempo, ["--helpfull"]).stdout
    sections = re.split(r"\nusage: tempo ", full)
    listed = {}
    for sec in sections[1:]:
        command = sec.split()[0]
        listed[command] = set(re.findall(r"^  --([a-z0-9-]+)", sec, re.M))
    defined = {}
    for path in glob.glob(os.path.join(source, "cli", "*.cc")):
        with open(path, encoding="utf-8") as f:
            for m in re.finditer(r'ABSL_FLAG\(\s*[^,]+,\s*(\w+),\s*(?:"[^"]*"|[^,]*),\s*"((?:[^"\\]|\\.)*)"', f.read()):
                defined[m.group(1).replace("_", "-")] = m.group(2)
    if len(defined) < 40:
        failures.append(f"only {len(defined)} flag definitions found under {source}/cli")
    for name, help_text in defined.items():
        commands = [item.split()[0] for item in help_text.split(": ", 1)[0].split(", ")] if ": " in help_text else []
        if not commands:
            failures.append(f"--{name}: its help does not start with the commands that take it")
        for c in commands:
            if name not in listed.get(c, set()):
                failures.append(f"--{name}: its help names {c}, but tempo {c} --help does not list it")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"flags: ok ({len(BAD)} bad values, {len(defined)} flags in the help)")


if __name__ == "__main__":
    main()
