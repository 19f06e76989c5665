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

    # Bad input: a missing engine command.
    bad = subprocess.run([tempo, "match", "--engine2=" + engine, "--match-depth=1", "--openings=" + openings],
                         capture_output=True, text=True, timeout=10)
    assert bad.returncode == 2 and "--engine1 is required" in bad.stderr, bad.stderr
    # An engine that cannot start is no game: status 2, the reason, no game or
    # result line (one missing engine, or both).
    for e1, e2, who in (("/nonexistent/engine", engine, "engine1"), ("/nonexistent/a", "/nonexistent/b", "engine")):
        ghost = subprocess.run([tempo, "match", "--engine1=" + e1, "--engine2=" + e2, "--games=2",
                                "--match-depth=1", "--openings=" + openings, "--pdn=" + os.path.join(tmp, "g.pdn")],
                               capture_output=True, text=True, timeout=30)
        assert ghost.returncode == 2, (ghost.returncode, ghost.stdout, ghost.stderr)
        assert re.search(who + r"\d? did not start", ghost.stderr), ghost.stderr
        assert "result:" not in ghost.stdout and not re.search(r"^game ", ghost.stdout, re.M), ghost.stdout
    zero = subprocess.run([tempo, "match", "--engine1=" + engine, "--engine2=" + engine, "--match-depth=1",
                           "--openings=" + openings, "--concurrency=0"], capture_output=True, text=True, timeout=10)
    assert zero.returncode == 2 and "--concurrency" in zero.stderr, zero.stderr
    # An engine that crashes mid-game (its input cut after 8 lines by `sed -u 8q`: at its
    # second move) loses that game, with either colour; the other engine never
    # does, and the reason names the one that crashed.
    crash = subprocess.run([tempo, "match", "--engine1=sed -u 8q | " + engine, "--engine2=" + engine,
                            "--name1=Crasher", "--name2=Steady", "--games=2", "--match-depth=1",
                            "--openings=" + openings, "--pdn=", "--concurrency=1"],
                           capture_output=True, text=True, timeout=30)
    assert crash.returncode == 0, crash.stderr + crash.stdout
    lines = re.findall(r"^game \d/2: .*$", crash.stdout, re.M)
    assert len(lines) == 2, crash.stdout
    assert "Crasher (white) crashed" in lines[0] and " 0-2 " in lines[0], lines
    assert "Crasher (black) crashed" in lines[1] and " 2-0 " in lines[1], lines
    assert re.search(r"^result: Crasher vs Steady: \+0 =0 -2", crash.stdout, re.M), crash.stdout
    # --ponder=1: engine 1 gets `go ponder` on the position its opponent must
    # move from, and `stop` once the opponent has moved; engine 2 never.
    logs = [os.path.join(tmp, "in1.txt"), os.path.join(tmp, "in2.txt")]
    out = subprocess.run([tempo, "match", "--engine1=tee %s | %s" % (logs[0], engine),
                          "--engine2=tee %s | %s" % (logs[1], engine), "--name1=P", "--name2=Q", "--games=2",
                          "--match-depth=3", "--openings=" + openings, "--pdn=", "--concurrency=1", "--ponder=1"],
                         capture_output=True, text=True, timeout=50)
    assert out.returncode == 0, out.stderr + out.stdout
    assert "engine 1 ponders" in out.stdout and re.search(r"^result: P vs Q: ", out.stdout, re.M), out.stdout
    with open(logs[0]) as f:
        sent1 = f.read().splitlines()
    with open(logs[1]) as f:
        sent2 = f.read().splitlines()
    ponders = [i for i, line in enumerate(sent1) if line == "go ponder"]
    assert len(ponders) >= 4, sent1
    for i in ponders:
        assert sent1[i - 1].startswith("pos "), sent1[i - 1]
        assert sent1[i + 1:i + 2] in (["stop"], []), sent1[i:i + 3]  # nothing after it: the match ended
    assert "go ponder" not in sent2 and sent2.count("go think") > 0, sent2
    bad_ponder = subprocess.run([tempo, "match", "--engine1=" + engine, "--engine2=" + engine, "--match-depth=1",
                                 "--openings=" + openings, "--ponder=3"], capture_output=True, text=True, timeout=10)
    assert bad_ponder.returncode == 2 and "--ponder" in bad_ponder.stderr, bad_ponder.stderr
    print("match: ok")


if __name__ == "__main__":
    main()
