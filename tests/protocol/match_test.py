"""`tempo match`: a 2-game mini match of Tempo against itself at a tiny depth.

usage: match_test.py <path to tempo> <openings file>
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    tempo, openings = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="tempo-match-")
    pdn = os.path.join(tmp, "games.pdn")
    engine = "%s hub" % tempo
    out = subprocess.run([tempo, "match", "--engine1=" + engine, "--engine2=" + engine, "--params1=level=expert",
                          "--params2=level=easy,seed=3", "--name1=Expert", "--name2=Easy", "--games=2",
                          "--match-depth=2", "--openings=" + openings, "--pdn=" + pdn, "--concurrency=2"],
                         capture_output=True, text=True, timeout=50)
    assert out.returncode == 0, out.stderr + out.stdout
    text = out.stdout
    games = re.findall(r"^game (\d)/2: (\S+) - (\S+) (2-0|0-2|1-1) \((.+)\)", text, re.M)
    assert len(games) == 2, text
    # Both colours: Expert is white in game 1, black in game 2, same opening.
    by_number = {g[0]: g for g in games}
    assert by_number["1"][1:3] == ("Expert", "Easy") and by_number["2"][1:3] == ("Easy", "Expert"), games
    m = re.search(r"^result: Expert vs Easy: \+(\d+) =(\d+) -(\d+), score ([\d.]+)/2 \(([\d.]+)%\), Elo (\S+) \[(\S+), (\S+)\]",
                  text, re.M)
    assert m, text
    w, d, l = map(int, m.group(1, 2, 3))
    assert w + d + l == 2
    # One game with each colour, and the split adds up to the total.
    c = re.search(r"^colours: Expert with White \+(\d+) =(\d+) -(\d+) \(([\d.]+)/1\), "
                  r"with Black \+(\d+) =(\d+) -(\d+) \(([\d.]+)/1\)$", text, re.M)
    assert c, text
    cw = [int(c.group(i)) for i in (1, 2, 3)]
    cb = [int(c.group(i)) for i in (5, 6, 7)]
    assert [x + y for x, y in zip(cw, cb)] == [w, d, l], (cw, cb, w, d, l)
    assert float(m.group(4)) == w + d / 2
    with open(pdn) as f:
        games_pdn = f.read()
    assert games_pdn.count("[Event ") == 2, games_pdn
    assert games_pdn.count('[Opening "1. 32-28 18-23 2. 38-32 12-18"]') == 2, games_pdn
    for r in re.findall(r'\[Result "([^"]*)"\]', games_pdn):
        assert r in ("2-0", "0-2", "1-1"), r

    # Bad input: a missing engine command, and an engine that does not exist (it forfeits, the runner survives).
    bad = subprocess.run([tempo, "match", "--engine2=" + engine, "--match-depth=1", "--openings=" + openings],
                         capture_output=True, text=True, timeout=10)
    assert bad.returncode == 2 and "--engine1 is required" in bad.stderr, bad.stderr
    ghost = subprocess.run([tempo, "match", "--engine1=/nonexistent/engine", "--engine2=" + engine, "--games=2",
                            "--match-depth=1", "--openings=" + openings, "--pdn=" + os.path.join(tmp, "g.pdn")],
                           capture_output=True, text=True, timeout=30)
    assert ghost.returncode == 0, ghost.stderr
    assert re.search(r"result: engine1 vs engine2: \+0 =0 -2", ghost.stdout), ghost.stdout
    print("match: ok")


if __name__ == "__main__":
    main()
