"""The scripts in scripts/: PDN analysis (table, CSV, PNG), batch analysis (resume), perft, a training round."""
import csv
import glob
import json
import re
import os
import subprocess
import sys

import pytest
import tempo

needs_search = pytest.mark.skipif(not hasattr(tempo, "search"), reason="module built without search")


@pytest.fixture(scope="module")
def env(repo):
    e = dict(os.environ)
    module_dir = os.path.dirname(os.path.abspath(tempo.__file__))
    e["PYTHONPATH"] = os.pathsep.join([module_dir, e.get("PYTHONPATH", "")])
    e["MPLBACKEND"] = "Agg"
    return e


def run(repo, env, script, *args, check=True):
    cmd = [sys.executable, os.path.join(repo, "scripts", script), *args]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    if check and p.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


@needs_search
def test_analyse_pdn_table_csv_png(repo, env, games_dir, tmp_path):
    pdn = sorted(glob.glob(os.path.join(games_dir, "*.pdn")))[0]
    with open(pdn, encoding="utf-8") as f:
        plies = tempo.read_pdn(f.read())[0].ply
    out_csv, out_png = tmp_path / "a.csv", tmp_path / "a.png"
    p = run(repo, env, "analyse_pdn.py", pdn, "--depth", "3", "--csv", str(out_csv), "--png", str(out_png))
    assert "before" in p.stdout and "blunders" in p.stdout
    table_lines = [line for line in p.stdout.splitlines() if re.match(r"\s*\d+\s+\d+\.(\.\.)? (white|black) ", line)]
    assert len(table_lines) == plies
    with open(out_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == plies
    assert rows[0]["ply"] == "1" and rows[0]["side"] in ("white", "black")
    assert all(r["flag"] in ("", "mistake", "blunder") for r in rows)
    for r in rows:
        if r["best"]:
            int(r["score_before"]), int(r["score_after"])
    data = out_png.read_bytes()
    assert len(data) > 1000 and data[:8] == b"\x89PNG\r\n\x1a\n"


@needs_search
def test_analyse_pdn_flags_a_blunder(repo, env, tmp_path):
    # 28-22?? lets Black take three men (17x30) for one: the depth-6 score
    # drops by about 1.5 men, flagged with the threshold at one man.
    pdn = tmp_path / "blunder.pdn"
    pdn.write_text('[Event "test"]\n[FEN "W:W28,32,33,34,35,40,44,45,50:B6,7,8,9,11,13,14,15,17,19"]\n1. 28-22 17x30 *\n')
    p = run(repo, env, "analyse_pdn.py", str(pdn), "--depth", "6", "--blunder", "100", "--csv", str(tmp_path / "b.csv"))
    with open(tmp_path / "b.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["move"] == "28-22" and rows[0]["flag"] == "blunder", p.stdout


@needs_search
def test_losses_finds_the_turning_point(repo, env, tmp_path):
    # The same 28-22?? (three men for one): White's only move of a game it
    # lost, so the turning point is ply 1, a move the deep search would not
    # have played ("missed").
    pdn = tmp_path / "lost.pdn"
    pdn.write_text('[Event "test"]\n[White "weak engine"]\n[Black "strong"]\n'
                   '[FEN "W:W28,32,33,34,35,40,44,45,50:B6,7,8,9,11,13,14,15,17,19"]\n1. 28-22 17x30 0-2\n')
    out_csv = tmp_path / "l.csv"
    p = run(repo, env, "losses.py", str(pdn), "--player", "WEAK", "--depth", "6", "--csv", str(out_csv))
    with open(out_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1, p.stdout
    assert rows[0]["turning_ply"] == "1" and rows[0]["played"] == "28-22" and rows[0]["verdict"] == "missed", p.stdout
    assert rows[0]["player_men"] == "9" and rows[0]["opponent_men"] == "10", p.stdout
    assert "1 losses: turning point at median ply 1" in p.stdout
    # The winner has no losses; bad arguments are refused with status 2.
    p = run(repo, env, "losses.py", str(pdn), "--player", "strong", "--depth", "4")
    assert "no lost game of 'strong'" in p.stdout
    p = run(repo, env, "losses.py", str(pdn), "--player", "weak", "--depth", "2", "--shallow-depth", "2", check=False)
    assert p.returncode == 2 and "shallow-depth" in p.stderr


@needs_search
def test_analyse_pdn_errors(repo, env, tmp_path):
    bad = tmp_path / "bad.pdn"
    bad.write_text("1. 32-29 *\n")
    p = run(repo, env, "analyse_pdn.py", str(bad), "--depth", "2", check=False)
    assert p.returncode != 0 and "bad.pdn" in p.stderr


@needs_search
def test_batch_analyse_resumes(repo, env, tmp_path):
    positions = tmp_path / "positions.epd"
    positions.write_text(
        "# a comment\n"
        "W:W31-50:B1-20 ; id \"start\"\n"
        "B:W27,28,32:B12,13,17\n"
        "\n"
        "W:W32:B27 ; id \"forced\"\n"
        "W:W31-51 ; id \"broken\"\n"
        "W:W28,32,33:B17,19 ; id \"hang\"\n"
    )
    out = tmp_path / "out.jsonl"
    run(repo, env, "batch_analyse.py", str(positions), "-o", str(out), "--depth", "3", "--jobs", "2")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == {"start", "line3", "forced", "broken", "hang"}
    assert "error" in by_id["broken"] and "FEN" in by_id["broken"]["error"]
    assert by_id["forced"]["best_move"] == "32x21"
    assert by_id["start"]["depth"] == 3 and by_id["start"]["best_move"]

    # Nothing left to do: nothing appended.
    run(repo, env, "batch_analyse.py", str(positions), "-o", str(out), "--depth", "3", "--jobs", "2")
    assert len(out.read_text().splitlines()) == 5

    # Interrupted mid-line: the half line is dropped and only the missing ids are redone.
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:2]) + lines[2][: len(lines[2]) // 2])
    run(repo, env, "batch_analyse.py", str(positions), "-o", str(out), "--depth", "3", "--jobs", "1")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(by_id)


@needs_search
def test_batch_analyse_games_and_parameters(repo, env, tmp_path):
    pdn = tmp_path / "games.pdn"
    pdn.write_text('[Event "a"]\n1. 32-28 19-23 2. 28x19 14x23 *\n[Event "bad"]\n1. 32-28 19-25 *\n'
                   '[Event "c"]\n1. 33-28 18-23 1-0\n')
    out = tmp_path / "out.jsonl"
    p = run(repo, env, "batch_analyse.py", str(pdn), "-o", str(out), "--depth", "3", "--jobs", "2",
            "--max-depth", "2", "--use-killers", "false")
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert sorted(records) == ["game1/0", "game1/1", "game1/2", "game1/3", "game3/0", "game3/1"]
    assert records["game1/2"]["played"] == "28x19" and records["game3/0"]["played"] == "33-28"
    # --max-depth caps the depth (a forced move is played without searching: depth 0).
    assert all(r["depth"] <= 2 for r in records.values()) and records["game1/0"]["depth"] == 2
    assert "skipped: " in p.stderr and "PDN game 2, line 4" in p.stderr
    p = run(repo, env, "batch_analyse.py", str(pdn), "-o", str(out), "--depth", "3", "--max-depth", "0", check=False)
    assert p.returncode != 0 and "max_depth" in p.stderr


def test_perft_script(repo, env):
    p = run(repo, env, "perft.py", "--reference")
    assert "BAD" not in p.stdout and p.stdout.count("ok") >= 10
    p = run(repo, env, "perft.py", "--depth", "4", "--walk")
    assert "perft 4 4265" in p.stdout and "MISMATCH" not in p.stdout
    p = run(repo, env, "perft.py", "--divide", "3")
    assert "total 658" in p.stdout
    p = run(repo, env, "perft.py", "--fen", "W:W31-51", check=False)
    assert p.returncode != 0 and "--fen" in p.stderr


def test_train_round_selfplay_and_fit_resume(repo, tmp_path):
    """scripts/train-round.sh: a round's games and weights go to DATA; run again, the
    self-play file grows and the fit runs again, with nothing new it is kept; a bad
    round or step exits 2 naming it."""
    build = os.environ.get("TEMPO_BUILD_DIR", os.path.join(repo, "build"))
    program = os.environ.get("TEMPO_BINARY", os.path.join(build, "tempo"))
    if not os.access(program, os.X_OK):
        pytest.skip(f"no tempo program at {program}")
    script = os.path.join(repo, "scripts", "train-round.sh")
    e = dict(os.environ, TEMPO=program, DATA=str(tmp_path), NODES="300", THREADS="1", EPOCHS="1", GAMES="3")

    def train(*args, **settings):
        return subprocess.run(["bash", script, *args], env=dict(e, **settings), capture_output=True, text=True,
                              timeout=240)

    p = train("3", "selfplay", "fit")
    assert p.returncode == 0, p.stdout + p.stderr
    games, weights = tmp_path / "round3.games", tmp_path / "round3.weights.txt"
    assert weights.read_text().count("\n") > 100
    size = games.stat().st_size
    p = train("3", "selfplay", "fit", GAMES="5")
    assert p.returncode == 0, p.stdout + p.stderr
    assert games.stat().st_size > size and "kept" not in p.stdout
    p = train("3", "fit")
    assert p.returncode == 0 and "kept" in p.stdout, p.stdout + p.stderr
    p = train("three")
    assert p.returncode == 2 and "usage" in p.stderr
    p = train("3", "match-it")
    assert p.returncode == 2 and "unknown step 'match-it'" in p.stderr
