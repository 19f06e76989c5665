"""The endgame database found without --egdb (docs/egdb.md, "Where Tempo looks
for the database"): TEMPO_EGDB, then $XDG_DATA_HOME/tempo/egdb (or
~/.local/share/tempo/egdb), then egdb/ next to the program. The Hub's `param
name=egdb` line shows the one in use, a search shows it is used, an empty
--egdb / set-param / TEMPO_EGDB turns it off, and a damaged one is said once
on stderr while the engine plays without it.

usage: egdb_default_test.py <path to tempo>

The program is copied into a temporary directory, so that "next to the
program" is a place of the test's own; every run gets an environment with
HOME, XDG_DATA_HOME and TEMPO_EGDB set by the test.
"""
import os
import shutil
import subprocess
import sys
import tempfile

from engine_pipe import Engine, parse

# White kings on 46 and 33, Black's king on 5 and man on 28: White must take
# (33x6), leaving two kings against one that are a database win. The search
# alone proves the catch (+99.97, a win in 3 plies); with the database the
# captures end in known wins, shown as +90.00 (rules/score.h: a database win
# is beyond every evaluation and below every forced win).
FEN = "W:WK46,K33:BK5,28"
KNOWN_WIN = "+90.00"


def hub_pos(fen):
    """A PDN FEN of kings and men -> the Hub's 51-character position."""
    side, *parts = fen.split(":")
    board = ["e"] * 50
    for part in parts:
        colour = part[0]  # W or B
        for item in part[1:].split(","):
            king = item.startswith("K")
            board[int(item.lstrip("K")) - 1] = colour if king else colour.lower()
    return side + "".join(board)


def announce(engine):
    engine.send("hub")
    params = {}
    while True:
        cmd, args = parse(engine.read())
        if cmd == "wait":
            return params
        if cmd == "param":
            params[args["name"]] = args


def best_score(engine):
    """Searches FEN to depth 6; returns the last info line's score."""
    engine.send("pos pos=" + hub_pos(FEN))
    engine.send("level depth=6")
    engine.send("go think")
    score = None
    while True:
        cmd, args = parse(engine.read(20))
        if cmd == "info":
            score = args["score"]
        elif cmd == "done":
            assert args.get("move", "").startswith("33x6"), args  # Hub form: 33x6x28
            return score
        else:
            raise AssertionError("unexpected %r\n%s" % (cmd, "\n".join(engine.log)))


class Case:
    def __init__(self, tempo, env):
        self.tempo, self.env = tempo, env

    def hub(self, *flags, commands=()):
        """Runs a Hub session: announce, the commands, a search. Returns
        (egdb param value, score, stderr, the params after the commands)."""
        e = Engine([self.tempo, "hub", *flags], env=self.env, stderr=subprocess.PIPE)
        try:
            first = announce(e)["egdb"]
            assert first["type"] == "string", first
            for c in commands:
                e.send(c)
            after = announce(e)["egdb"]["value"] if commands else first["value"]
            e.send("init")
            assert parse(e.read())[0] == "ready", e.log
            score = best_score(e)
            e.send("quit")
            rc = e.close(10)
            assert rc == 0, rc
            return first["value"], after, score, e.stderr_text()
        except BaseException:
            e.proc.kill()
            raise

    def run(self, *args):
        return subprocess.run([self.tempo, *args], env=self.env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=60)


def main():
    built = sys.argv[1]
    failures = []

    def check(what, ok, detail=""):
        if not ok:
            failures.append("%s: %s" % (what, detail))

    with tempfile.TemporaryDirectory() as tmp:
        # The program in a directory of our own ("next to the program").
        bindir = os.path.join(tmp, "bin")
        os.makedirs(bindir)
        tempo = os.path.join(bindir, "tempo")
        shutil.copy2(built, tempo)
        db = os.path.join(tmp, "db")
        p = subprocess.run([tempo, "egdb", "build", "--pieces", "3", "--out", db], capture_output=True, text=True,
                           timeout=120, env=dict(os.environ, TEMPO_EGDB=""))
        assert p.returncode == 0, p.stderr
        file = os.path.join(db, "tempo.egdb")

        home = os.path.join(tmp, "home")  # HOME: nothing in it at first
        os.makedirs(home)
        base = {k: v for k, v in os.environ.items() if k not in ("TEMPO_EGDB", "XDG_DATA_HOME")}
        base["HOME"] = home

        def place(path):
            """A copy of the database in a directory `path` (created)."""
            os.makedirs(path, exist_ok=True)
            shutil.copy2(file, os.path.join(path, "tempo.egdb"))
            return path

        def case(**env):
            return Case(tempo, dict(base, **env))

        # No database anywhere: none, and the search proves the catch itself.
        first, _, score, err = case().hub()
        check("nothing found", first == "" and score != KNOWN_WIN and err == "", (first, score, err))
        p = case().run("egdb", "info")
        check("egdb info, nothing found", p.returncode == 2 and "no database found" in p.stderr
              and os.path.join(home, ".local", "share", "tempo", "egdb") in p.stderr
              and os.path.join(bindir, "egdb") in p.stderr, p.stderr)

        # TEMPO_EGDB: a directory, or the file.
        for value in (db, file):
            first, _, score, err = case(TEMPO_EGDB=value).hub()
            check("TEMPO_EGDB=%s" % value, first == value and score == KNOWN_WIN and err == "", (first, score, err))
        p = case(TEMPO_EGDB=db).run("analyse", "--fen", FEN, "--depth", "4")
        check("analyse with TEMPO_EGDB", p.returncode == 0 and "info egdb ok hits" in p.stdout, p.stdout + p.stderr)
        p = case(TEMPO_EGDB=db).run("egdb", "info")
        check("egdb info with TEMPO_EGDB", p.returncode == 0 and '(TEMPO_EGDB)' in p.stdout and "verify ok" in p.stdout,
              p.stdout + p.stderr)

        # Next to the program.
        nextto = place(os.path.join(bindir, "egdb"))
        first, _, score, err = case().hub()
        check("next to the program", first == nextto and score == KNOWN_WIN and err == "", (first, score, err))

        # ~/.local/share/tempo/egdb comes before it; an empty or relative
        # XDG_DATA_HOME means that one.
        homedb = place(os.path.join(home, ".local", "share", "tempo", "egdb"))
        for xdg in (None, "", "relative/dir"):
            env = {} if xdg is None else {"XDG_DATA_HOME": xdg}
            first, _, score, err = case(**env).hub()
            check("~/.local/share (XDG_DATA_HOME=%r)" % xdg, first == homedb and score == KNOWN_WIN and err == "",
                  (first, score, err))

        # $XDG_DATA_HOME/tempo/egdb before that; a directory there without
        # tempo.egdb is passed over.
        xdg = os.path.join(tmp, "xdg")
        os.makedirs(os.path.join(xdg, "tempo", "egdb"))
        first, _, _, _ = case(XDG_DATA_HOME=xdg).hub()
        check("empty XDG directory passed over", first == nextto, first)  # XDG_DATA_HOME set: HOME's not looked at
        xdgdb = place(os.path.join(xdg, "tempo", "egdb"))
        first, _, score, err = case(XDG_DATA_HOME=xdg).hub()
        check("XDG_DATA_HOME", first == xdgdb and score == KNOWN_WIN and err == "", (first, score, err))

        # TEMPO_EGDB before everything; set empty, it turns the default off.
        first, _, _, _ = case(XDG_DATA_HOME=xdg, TEMPO_EGDB=file).hub()
        check("TEMPO_EGDB first", first == file, first)
        first, _, score, err = case(XDG_DATA_HOME=xdg, TEMPO_EGDB="").hub()
        check("TEMPO_EGDB empty", first == "" and score != KNOWN_WIN and err == "", (first, score, err))

        # An empty --egdb or set-param turns the default off; an explicit
        # path still wins over it.
        first, _, score, err = case(XDG_DATA_HOME=xdg).hub("--egdb=")
        check("--egdb=", first == "" and score != KNOWN_WIN and err == "", (first, score, err))
        first, after, score, err = case(XDG_DATA_HOME=xdg).hub(commands=["set-param name=egdb value="])
        check("set-param egdb empty", first == xdgdb and after == "" and score != KNOWN_WIN and err == "",
              (first, after, score, err))
        first, _, score, _ = case(XDG_DATA_HOME=xdg).hub("--egdb=" + file)
        check("--egdb=FILE", first == file and score == KNOWN_WIN, (first, score))
        p = case(XDG_DATA_HOME=xdg).run("analyse", "--fen", FEN, "--depth", "4", "--egdb=")
        check("analyse --egdb=", p.returncode == 0 and "info egdb" not in p.stdout, p.stdout)
        p = case(XDG_DATA_HOME=xdg).run("analyse", "--fen", FEN, "--depth", "4")
        check("analyse, XDG default", p.returncode == 0 and "info egdb ok hits" in p.stdout and p.stderr == "",
              p.stdout + p.stderr)

        # A damaged default (truncated; not a database at all; a path that is
        # not there): said once on stderr, and the engine plays without it.
        with open(file, "rb") as f:
            head = f.read(1000)
        bad = os.path.join(tmp, "bad")
        os.makedirs(bad)
        with open(os.path.join(bad, "truncated.egdb"), "wb") as f:
            f.write(head)
        with open(os.path.join(bad, "garbage.egdb"), "wb") as f:
            f.write(b"not an endgame database\n" * 10)
        with open(os.path.join(xdgdb, "tempo.egdb"), "wb") as f:  # the XDG place's file, damaged
            f.write(head)
        for env, path in (({"XDG_DATA_HOME": xdg}, os.path.join(xdgdb, "tempo.egdb")),
                          ({"TEMPO_EGDB": os.path.join(bad, "truncated.egdb")}, "truncated.egdb"),
                          ({"TEMPO_EGDB": os.path.join(bad, "garbage.egdb")}, "garbage.egdb"),
                          ({"TEMPO_EGDB": os.path.join(bad, "missing")}, "missing")):
            first, _, score, err = case(**env).hub()
            lines = err.strip().splitlines()
            check("damaged %s" % path, first == "" and score != KNOWN_WIN and len(lines) == 1 and path in lines[0]
                  and "not used" in lines[0], (first, score, err))
            p = case(**env).run("analyse", "--fen", FEN, "--depth", "4")
            check("analyse, damaged %s" % path, p.returncode == 0 and "bestmove 33x6" in p.stdout
                  and "info egdb" not in p.stdout and len(p.stderr.strip().splitlines()) == 1 and path in p.stderr,
                  p.stdout + p.stderr)
        # An explicit bad --egdb is still the user's error: status 2.
        p = case().run("hub", "--egdb=" + os.path.join(bad, "garbage.egdb"))
        check("hub --egdb=garbage", p.returncode == 2 and "bad-magic" in p.stderr, p.stderr)
        p = case().run("analyse", "--depth", "1", "--egdb=" + os.path.join(bad, "truncated.egdb"))
        check("analyse --egdb=truncated", p.returncode == 2 and "truncated" in p.stderr, p.stderr)
        p = case().run("dxp", "--dxp-connect", "127.0.0.1", "--egdb=" + os.path.join(bad, "missing"))
        check("dxp --egdb=missing", p.returncode == 2 and "--egdb" in p.stderr, p.stderr)

    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("egdb default: ok")


if __name__ == "__main__":
    main()
