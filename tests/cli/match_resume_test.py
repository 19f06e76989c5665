"""`tempo match --resume`: a match played in two sessions equals one played in
one go (fixed depth and seeds play the same games); a game cut off mid-write
is played again; a file of another match, or a damaged one, is refused with
status 2 and one line saying what differs; the file is only ever appended to.

usage: match_resume_test.py <path to tempo> <openings file>
"""
import os
import re
import subprocess
import sys
import tempfile

CUT_NOTE = "% tempo match --resume: the game above was cut off; it is played again below"


def main():
    tempo, openings = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="tempo-resume-")
    engine = "%s hub" % tempo
    base = ["--engine1=" + engine, "--engine2=" + engine, "--params1=level=easy,seed=1",
            "--params2=level=easy,seed=2", "--name1=A", "--name2=B", "--openings=" + openings, "--concurrency=2"]

    def match(pdn, *extra, depth=2, resume=False):
        args = [tempo, "match"] + base + ["--match-depth=%d" % depth, "--pdn=" + pdn] + list(extra)
        if resume:
            args.append("--resume")
        return subprocess.run(args, capture_output=True, text=True, timeout=50)

    def result(out):
        m = re.search(r"^result: A vs B: \+(\d+) =(\d+) -(\d+), score ([\d.]+)/(\d+) \(([\d.]+)%\), Elo (.*), \d+ s",
                      out.stdout, re.M)
        assert m, out.stdout + out.stderr
        c = re.search(r"^colours: .*$", out.stdout, re.M)
        return m.groups(), c.group(0)

    def read(path):
        with open(path) as f:
            return f.read()

    # The reference: 8 games in one go.
    one = os.path.join(tmp, "one.pdn")
    ref = match(one, "--games=8")
    assert ref.returncode == 0, ref.stderr + ref.stdout
    ref_result = result(ref)
    ref_text = read(one)
    assert ref_text.count('[Event "tempo match"]') == 8, ref_text
    # Game n carries its place in the match and the settings.
    assert '[Round "8"]' in ref_text and '[TimeControl "depth=2"]' in ref_text, ref_text
    assert '[MatchSettings "params1=level=easy,seed=1; params2=level=easy,seed=2; max-plies=400"]' in ref_text

    # --resume without a file starts the match; a second session extends it
    # from 3 to 8 games: the same file, byte for byte, and the same result.
    two = os.path.join(tmp, "two.pdn")
    first = match(two, "--games=3", resume=True)
    assert first.returncode == 0 and "resume: 0 games" in first.stdout, first.stdout + first.stderr
    before = read(two)
    second = match(two, "--games=8", resume=True)
    assert second.returncode == 0, second.stderr + second.stdout
    assert "resume: 3 games of this match" in second.stdout and "5 to play" in second.stdout, second.stdout
    assert len(re.findall(r"^game \d/8: ", second.stdout, re.M)) == 5, second.stdout  # only the missing ones
    text = read(two)
    assert text.startswith(before), "the games already there were rewritten"
    assert text == ref_text, "resumed file differs from the one-go file"
    assert result(second) == ref_result, (result(second), ref_result)
    # Nothing left to play: the same result, the file untouched; a smaller
    # --games reports its first games.
    again = match(two, "--games=8", resume=True)
    assert again.returncode == 0 and "0 to play" in again.stdout and result(again) == ref_result, again.stdout
    assert read(two) == ref_text
    fewer = match(two, "--games=3", resume=True)
    assert fewer.returncode == 0 and result(fewer)[0] == result(first)[0], fewer.stdout + first.stdout
    assert read(two) == ref_text

    # A last game cut off while being written (in its move text, in its tags,
    # in its first line): it is kept (append only), closed by an escape line
    # and played again; the games read back equal the one-go match.
    games = ref_text.split('[Event "tempo match"]')
    prefix = '[Event "tempo match"]'.join(games[:6])  # games 1..5
    sixth = '[Event "tempo match"]' + games[6]
    for cut in (sixth[:sixth.index("\n\n") + 40], sixth[:sixth.index("[Opening") + 12], sixth[:5]):
        path = os.path.join(tmp, "cut.pdn")
        with open(path, "w") as f:
            f.write(prefix + cut)
        out = match(path, "--games=8", resume=True)
        assert out.returncode == 0, out.stderr + out.stdout
        assert "resume: 5 games" in out.stdout and "cut off" in out.stdout and "3 to play" in out.stdout, out.stdout
        assert result(out) == ref_result, (result(out), ref_result)
        text = read(path)
        assert text.startswith(prefix + cut), "the cut-off text was not kept"
        rest = text[len(prefix + cut):]
        assert rest.lstrip("\n").startswith(CUT_NOTE + "\n\n"), rest[:200]
        assert prefix + rest.lstrip("\n")[len(CUT_NOTE) + 2:] == ref_text, "replayed games differ"
        # The cut-off game, played again just after it, is no damage to a later resume.
        later = match(path, "--games=8", resume=True)
        assert later.returncode == 0 and "resume: 8 games" in later.stdout, later.stdout + later.stderr
        assert result(later) == ref_result

    # Refused, status 2, one line naming what differs; the file untouched.
    def refused(path, want, *extra, depth=2):
        before = read(path)
        out = match(path, *extra, depth=depth, resume=True)
        lines = out.stderr.strip().splitlines()
        assert out.returncode == 2 and len(lines) == 1 and want in lines[0], (want, out.returncode, out.stderr)
        assert "result:" not in out.stdout, out.stdout
        assert read(path) == before, "a refused resume changed the file"
        return lines[0]

    refused(two, "TimeControl 'depth=2' there, 'depth=3' here", "--games=8", depth=3)
    refused(two, "MatchSettings 'params2=level=easy,seed=2' there, 'params2=level=easy,seed=9' here", "--games=8",
            "--params2=level=easy,seed=9")
    refused(two, "White 'A' there, 'C' here", "--games=8", "--name1=C")
    refused(two, "max-plies=400", "--games=8", "--match-max-plies=300")
    other = os.path.join(tmp, "other-openings.txt")
    with open(other, "w") as f:
        f.write("1. 33-28 17-22\n")
    refused(two, "Opening", "--games=8", "--openings=" + other)
    # Damage: an unreadable game with more games after it; text that is no
    # match game; a file written without the match tags.
    damaged = os.path.join(tmp, "damaged.pdn")
    with open(damaged, "w") as f:
        f.write(ref_text.replace(" 3. ", " 3. 99-98 ", 1))
    refused(damaged, "damaged: game 1", "--games=8")
    notes = os.path.join(tmp, "notes.txt")
    with open(notes, "w") as f:
        f.write("my notes\n")
    refused(notes, "not a tempo match game", "--games=8")
    old = os.path.join(tmp, "old.pdn")
    with open(old, "w") as f:
        f.write(re.sub(r'\[(TimeControl|MatchSettings) "[^"]*"\]\n', "", ref_text))
    refused(old, "has no TimeControl tag", "--games=8")
    bad = subprocess.run([tempo, "match"] + base + ["--match-depth=1", "--pdn=", "--resume"],
                         capture_output=True, text=True, timeout=10)
    assert bad.returncode == 2 and "--resume needs --pdn" in bad.stderr, bad.stderr
    # Without --resume an existing file is replaced, as before.
    fresh = match(two, "--games=2")
    assert fresh.returncode == 0 and read(two).count("[Event ") == 2
    print("match resume: ok")


if __name__ == "__main__":
    main()
