"""tempo.analysis: games and positions on local processes and on a Dask LocalCluster, same records."""
import json
import os

import pytest

import tempo
from tempo import analysis

needs_search = pytest.mark.skipif(not hasattr(tempo, "search"), reason="search not built")

GAMES = """[Event "a"]
1. 32-28 19-23 2. 28x19 14x23 3. 37-32 10-14 *

[Event "b"]
1. 33-28 18-23 2. 39-33 12-18 *

[Event "broken"]
1. 32-28 19-25 *

[Event "c"]
[FEN "W:W32,45:B5,17,27"]
1. 32x12 5-10 *
"""


def by_id(records):
    return {r["id"]: {k: v for k, v in r.items() if k != "time_ms"} for r in records}


def test_positions_file_lines():
    assert analysis.parse_position_line("W:W31-50:B1-20 # start", 4) == ("line4", "W:W31-50:B1-20")
    assert analysis.parse_position_line('W:W32:B27 ; id "ex #3" # note', 1) == ("ex #3", "W:W32:B27")
    assert analysis.parse_position_line("   # only a comment", 1) is None
    assert analysis.parse_position_line("", 1) is None


@needs_search
def test_games_locally(tmp_path):
    pdn = tmp_path / "games.pdn"
    pdn.write_text(GAMES)
    errors = []
    tasks = analysis.games_from_pdn(pdn, on_error=errors.append)
    assert [t.id for t in tasks] == ["game1", "game2", "game4"]
    assert [e.game for e in errors] == [3]
    records = list(analysis.run(tasks, jobs=1, depth=4))
    ids = by_id(records)
    assert len(ids) == 6 + 4 + 2
    first = ids["game1/0"]
    assert first["ply"] == 0 and first["played"] == "32-28" and first["fen"] == "W:W31-50:B1-20"
    assert first["depth"] == 4 and first["best_move"]
    assert ids["game1/3"]["played"] == "14x23"
    # The game's history is searched: its positions come from the moves played.
    assert ids["game4/0"]["best_move"] == "32x12" and ids["game4/1"]["fen"] == "B:W12,45:B5"
    # Two processes give the same records.
    assert by_id(analysis.run(tasks, jobs=2, depth=4)) == ids


@needs_search
def test_resume_and_bad_options(tmp_path):
    positions = tmp_path / "p.fen"
    positions.write_text("W:W31-50:B1-20 # start\nW:W32:B27 ; id \"forced\"\nW:W31-51\n")
    out = tmp_path / "out.jsonl"
    tasks = analysis.positions_from_file(positions)
    first = list(analysis.run(tasks, output=out, jobs=2, depth=3))
    assert len(first) == 3 and len(out.read_text().splitlines()) == 3
    assert list(analysis.run(tasks, output=out, jobs=2, depth=3)) == []
    lines = out.read_text().splitlines(keepends=True)
    out.write_text(lines[0] + lines[1][:5])
    again = list(analysis.run(tasks, output=out, jobs=1, depth=3))
    assert len(again) == 2 and len(out.read_text().splitlines()) == 3
    with pytest.raises(ValueError, match="max_depth"):
        list(analysis.run(tasks, depth=3, max_depth=0))
    with pytest.raises(TypeError):
        list(analysis.run(tasks, depth=3, no_such_option=1))


@needs_search
def test_dask_local_cluster_matches_local(tmp_path, games_dir):
    distributed = pytest.importorskip("distributed")
    pdn = tmp_path / "games.pdn"
    pdn.write_text(GAMES)
    tasks = analysis.games_from_pdn(pdn, on_error=lambda e: None)
    tasks += analysis.positions_from_file(os.path.join(os.path.dirname(games_dir), "bench.fen"))[:3]
    local = by_id(analysis.run(tasks, jobs=1, depth=4, tt_mb=1))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "dask.jsonl"
        remote = list(analysis.run(tasks, scheduler=cluster.scheduler_address, output=out, depth=4, tt_mb=1))
        # Each task ran on one of the two workers.
        with distributed.Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    assert by_id(remote) == local
    assert by_id(json.loads(line) for line in out.read_text().splitlines()) == local
