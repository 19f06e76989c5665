"""Every file or stream `tempo` reads is bounded: /dev/zero (endless, no
newline) and over-long input are refused with a message, never read into
memory without limit (the process would die or hang).

usage: input_bounds_test.py <path to tempo>
"""
import os
import resource
import subprocess
import sys


def limited():
    # 1 GiB of address space: reading /dev/zero whole would fail, a bounded reader never gets near it.
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


SANITIZED = False  # AddressSanitizer reserves terabytes of address space: no limit then (the timeout remains)


def run(args, stdin=None, timeout=30):
    return subprocess.run(args, input=stdin, capture_output=True, timeout=timeout,
                          preexec_fn=None if SANITIZED else limited)


def main():
    global SANITIZED
    tempo = sys.argv[1]
    with open(tempo, "rb") as f:
        SANITIZED = b"__asan_init" in f.read() or "LD_PRELOAD" in os.environ
    failures = []
    cases = [
        ([tempo, "match", "--engine1=x", "--engine2=x", "--match-depth=1", "--openings=/dev/zero"], b"longer than"),
        ([tempo, "match", "--engine1=x", "--engine2=x", "--match-depth=1", "--pdn=/dev/zero", "--resume"],
         b"longer than"),
        ([tempo, "selfplay", "--out=/dev/null", "--openings=/dev/zero"], b"longer than"),
        ([tempo, "bench", "--depth=1", "/dev/zero"], b"longer than"),
        ([tempo, "fit", "--data=/dev/zero", "--out=/dev/null"], b"not a regular file"),
        ([tempo, "analyse", "--depth=1", "--egdb=/dev/zero"], b"not a regular file"),
    ]
    for args, want in cases:
        p = run(args)
        if p.returncode not in (1, 2) or want not in p.stderr:
            failures.append(f"{' '.join(args[1:])}: status {p.returncode}, stderr {p.stderr[-300:]!r}")
    # The Hub: a 3 MB line is dropped with an error, the session goes on.
    p = run([tempo, "hub"], stdin=b"hub\n" + b"x" * (3 << 20) + b"\nping\nquit\n")
    if p.returncode != 0 or b"line longer than" not in p.stdout or b"pong" not in p.stdout:
        failures.append(f"hub long line: status {p.returncode}, stdout {p.stdout[-300:]!r}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"input bounds: ok ({len(cases) + 1} inputs)")


if __name__ == "__main__":
    main()
