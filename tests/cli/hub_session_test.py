"""Scripted Hub session against `tempo hub`: every reply is checked.

usage: hub_session_test.py <path to tempo>
"""
import re
import subprocess
import sys
import time

from engine_pipe import Engine, parse

START = "W" + "b" * 20 + "e" * 10 + "w" * 20
MOVE = re.compile(r"^\d{1,2}(-\d{1,2}|(x\d{1,2})+)$")


def expect(engine, command, timeout=5.0):
    line = engine.read(timeout)
    cmd, args = parse(line)
    assert cmd == command, "expected %r, got %r\n%s" % (command, line, "\n".join(engine.log))
    return args


def search(engine, timeout=10.0):
    """Reads info lines until done; returns (infos, done args)."""
    infos = []
    while True:
        cmd, args = parse(engine.read(timeout))
        if cmd == "info":
            for key in ("depth", "mean-depth", "score", "nodes", "time", "nps", "pv"):
                assert key in args, "info without %s: %r" % (key, args)
            float(args["score"]); float(args["time"]); float(args["nps"]); int(args["nodes"]); int(args["depth"])
            # A real mean: positive, and lines end around the nominal depth.
            assert 0 < float(args["mean-depth"]) < int(args["depth"]) + 30, args
            for m in args["pv"].split():
                assert MOVE.match(m), args["pv"]
            infos.append(args)
        elif cmd == "done":
            assert MOVE.match(args["move"]), args
            if "ponder" in args:
                assert MOVE.match(args["ponder"]), args
            # Whatever the search plays, its last best-line info shows it
            # (when the caller has not read the info lines itself).
            best = [i for i in infos if i.get("multipv", "1") == "1"]
            assert not best or best[-1]["pv"].split()[0] == args["move"], (best[-1], args)
            return infos, args
        else:
            raise AssertionError("unexpected %s %r during search\n%s" % (cmd, args, "\n".join(engine.log)))


def announce(engine):
    """Sends hub; returns the id line's args and the params by name."""
    engine.send("hub")
    ident = expect(engine, "id")
    params = {}
    while True:
        cmd, args = parse(engine.read())
        if cmd == "wait":
            return ident, params
        assert cmd == "param", cmd
        params[args["name"]] = args


def main():
    tempo = sys.argv[1]
    e = Engine([tempo, "hub"])

    # Start-up: id, params, wait; set-param; init -> ready.
    ident, params = announce(e)
    assert ident["name"] == "Tempo" and ident.get("version") and ident.get("author"), ident
    for name in ("tt-mb", "level", "seed", "multipv", "classic"):
        assert name in params, params
    assert params["level"]["type"] == "enum" and "expert" in params["level"]["values"]
    for name, kind in (("max-depth", "int"), ("eval-noise", "int"), ("blunder-probability", "real"),
                       ("blunder-margin", "int"), ("feature-scale", "real"), ("use-table", "bool"),
                       ("use-killers", "bool")):
        assert params[name]["type"] == kind, params[name]
    e.send("set-param name=level value=expert")
    e.send("set-param name=seed value=7")
    e.send("set-param name=no-such-param value=1")  # ignored
    e.send("init")
    expect(e, "ready")
    e.send("ping")
    expect(e, "pong")

    # Position with moves, each level form.
    e.send('pos pos=%s moves="32-28 18-23"' % START)
    e.send("level depth=5")
    e.send("go think")
    infos, done = search(e)
    assert infos and int(infos[-1]["depth"]) == 5, infos
    first_move = done["move"]
    # The move is legal: the engine accepts it as part of a position.
    e.send('pos pos=%s moves="32-28 18-23 %s"' % (START, first_move))
    e.send("ping")
    expect(e, "pong")

    # One level parameter overridden: max-depth caps `level depth=5`. A bad
    # value is refused and changes nothing; setting `level` drops the override.
    e.send("set-param name=max-depth value=2")
    e.send("set-param name=max-depth value=0")
    assert "max-depth" in expect(e, "error")["message"]
    e.send("set-param name=feature-scale value=high")
    expect(e, "error")
    assert announce(e)[1]["max-depth"]["value"] == "2"
    # From the start (the position above may leave one legal move, answered
    # at once without an iteration to report).
    e.send("pos pos=%s" % START)
    e.send("go think")
    infos, _ = search(e)
    assert int(infos[-1]["depth"]) == 2, infos
    e.send("set-param name=level value=expert")
    assert announce(e)[1]["max-depth"]["value"] == "127"
    e.send("go think")
    infos, _ = search(e)
    assert int(infos[-1]["depth"]) == 5, infos

    e.send('pos pos=%s moves="32-28 18-23"' % START)
    e.send("level nodes=20000")
    e.send("go think")
    infos, _ = search(e)
    assert infos and int(infos[-1]["nodes"]) <= 40000, infos[-1]

    e.send("level move-time=0.3")
    t0 = time.monotonic()
    e.send("go think")
    search(e)
    took = time.monotonic() - t0
    assert took < 2.0, took

    for level in ("level time=5 inc=0.1", "level moves=20 time=3", "level time=2"):
        e.send(level)
        t0 = time.monotonic()
        e.send("go think")
        search(e)
        assert time.monotonic() - t0 < 2.5, level

    # A forced capture in Hub format: from, to, captured squares.
    e.send('pos pos=%s moves="32-28 19-23"' % START)
    e.send("level depth=3")
    e.send("go think")
    _, done = search(e)
    assert done["move"] == "28x19x23", done

    # Wins and losses on the scale GUIs read (Scan's): a win in n plies is
    # 100 - n/100 men. White's 28x19 takes Black's last man: a win in 1 ply.
    # A client built around Scan (pydraughts' Hub client does this) reads
    # hundredths beyond 9000 as a win in 10000 - score plies.
    def client_plies(score):
        hundredths = int(round(float(score) * 100))
        return 10000 - abs(hundredths) if abs(hundredths) > 9000 else None

    win = "W" + "e" * 22 + "b" + "e" * 4 + "w" + "e" * 22  # White man 28, Black man 23
    e.send("pos pos=%s" % win)
    e.send("level depth=5")
    e.send("go think")
    infos, done = search(e)
    assert done["move"] == "28x19x23" and infos[-1]["score"] == "+99.99", (infos, done)
    assert client_plies(infos[-1]["score"]) == 1
    # Black to move in a lost position: 23x32 is forced (37 cannot be taken,
    # 41 is occupied), then White's 37x28 takes the last man: a loss in 2 plies.
    lost = "B" + "".join({23: "b", 28: "w", 37: "w", 41: "w"}.get(sq, "e") for sq in range(1, 51))
    e.send("pos pos=%s" % lost)
    e.send("go think")
    infos, done = search(e)
    assert done["move"] == "23x32x28" and infos[-1]["score"] == "-99.98", (infos, done)
    assert client_plies(infos[-1]["score"]) == 2

    # Infinite analysis: ping answered during the search, stop ends it with done.
    e.send('pos pos=%s' % START)
    e.send("level infinite")
    e.send("go analyze")
    time.sleep(0.3)
    e.send("ping")
    line = e.read()
    while line.startswith("info"):
        line = e.read()
    assert line == "pong", line
    e.send("pos pos=%s" % START)  # not allowed while searching
    line = e.read()
    while line.startswith("info"):
        line = e.read()
    assert line.startswith("error"), line
    e.send("stop")
    search(e)

    # Pondering: no done before ponder-hit, then a move within the real limit.
    e.send("level move-time=0.2")
    e.send('pos pos=%s moves="32-28 18-23"' % START)
    e.send("go ponder")
    deadline = time.monotonic() + 0.6
    while time.monotonic() < deadline:
        try:
            line = e.read(max(0.01, deadline - time.monotonic()))
        except AssertionError:
            break
        assert line.startswith("info"), "ponder answered before ponder-hit: " + line
    e.send("ponder-hit")
    t0 = time.monotonic()
    search(e)
    assert time.monotonic() - t0 < 2.0
    # Ponder then stop: still answers done.
    e.send("go ponder")
    time.sleep(0.2)
    e.send("stop")
    search(e)

    # Errors: bad position, illegal move, bad level; the engine keeps its state and runs on.
    e.send("pos pos=Wxyz")
    assert "message" in expect(e, "error")
    e.send('pos pos=%s moves="32-28 18-24"' % START)
    msg = expect(e, "error")["message"]
    assert "18-24" in msg, msg
    e.send("level depth=abc")
    expect(e, "error")
    e.send("set-param name=tt-mb value=4097")
    expect(e, "error")
    e.send("set-param name=classic value=maybe")
    expect(e, "error")
    e.send("pos moves=\"unterminated")
    expect(e, "error")
    e.send("frobnicate now=1")  # unknown: ignored
    e.send("ping")
    expect(e, "pong")
    # The last good position (32-28 18-23) and level (move-time) still hold.
    e.send("level depth=3")
    e.send("go think")
    _, done = search(e)
    e.send('pos pos=%s moves="32-28 18-23 %s"' % (START, done["move"]))
    e.send("ping")
    expect(e, "pong")

    # A lost position: no move, an error and done.
    e.send("pos pos=Wb" + "e" * 49)  # white has no piece left
    e.send("go think")
    expect(e, "error")
    expect(e, "done")

    # new-game clears the table; the next search still works.
    e.send("new-game")
    e.send("set-param name=tt-mb value=8")
    e.send("pos pos=%s" % START)
    e.send("level depth=4")
    e.send("go think")
    search(e)

    e.send("quit")
    assert e.proc.wait(2) == 0

    # stdin closing during a search: the engine quits at once.
    e2 = Engine([tempo, "hub"])
    e2.send("pos pos=%s" % START)
    e2.send("level infinite")
    e2.send("go analyze")
    time.sleep(0.2)
    t0 = time.monotonic()
    assert e2.close(3) == 0
    assert time.monotonic() - t0 < 2.0

    # Level overrides as start values on the command line, as for analyse.
    e3 = Engine([tempo, "hub", "--level=hard", "--max-depth=3", "--eval-noise=0"])
    _, params = announce(e3)
    assert params["level"]["value"] == "hard" and params["max-depth"]["value"] == "3", params
    assert params["eval-noise"]["value"] == "0", params
    e3.send("init")
    expect(e3, "ready")
    e3.send("pos pos=%s" % START)
    e3.send("level depth=6")
    e3.send("go think")
    infos, _ = search(e3)
    assert max(int(i["depth"]) for i in infos) == 3, infos
    e3.send("quit")
    assert e3.proc.wait(2) == 0
    bad = subprocess.run([tempo, "hub", "--max-depth=0"], input="", capture_output=True, text=True, timeout=10)
    assert bad.returncode == 2 and "max-depth" in bad.stderr, (bad.returncode, bad.stderr)
    print("hub session: ok")


if __name__ == "__main__":
    main()
