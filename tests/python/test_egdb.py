"""tempo.egdb and search(..., egdb=): a small database built by `tempo egdb build`, and bad buffers."""
import mmap
import os
import subprocess

import pytest

import tempo

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("TEMPO_BUILD_DIR", os.path.join(REPO, "build"))
BINARY = os.environ.get("TEMPO_BINARY", os.path.join(BUILD, "tempo"))


@pytest.fixture(scope="module")
def db_dir(tmp_path_factory):
    if not os.path.exists(BINARY):
        pytest.skip(f"no {BINARY}")
    out = tmp_path_factory.mktemp("egdb")
    subprocess.run([BINARY, "egdb", "build", "--pieces", "3", "--out", str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def db(db_dir):
    return (db_dir / "tempo.egdb").read_bytes()


def test_open_maps_the_file(db_dir, db):
    for path in (db_dir, db_dir / "tempo.egdb", str(db_dir / "tempo.egdb")):
        m = tempo.egdb.open(path)
        try:
            assert isinstance(m, mmap.mmap) and len(m) == len(db) and m[:] == db
            assert memoryview(m).readonly  # shared pages are never written
            p = tempo.Position.from_fen("W:WK28,K33:BK3")
            assert tempo.egdb.probe(p, m) == "draw" and tempo.egdb.info(m)["status"] == "ok"
            r = tempo.search(p, depth=6, egdb=m)
            assert r.egdb_status == "ok" and r.egdb_value == "draw"
        finally:
            m.close()


def test_open_refuses_what_is_no_database_file(tmp_path):
    with pytest.raises(ValueError, match="not a regular file"):
        tempo.egdb.open("/dev/zero")  # read to the end, this never ends
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match="not a regular file"):
        tempo.egdb.open(fifo)  # no writer: opening must not wait for one
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    with pytest.raises(ValueError, match="empty"):
        tempo.egdb.open(empty)
    huge = tmp_path / "huge"
    with open(huge, "wb") as f:
        f.truncate(tempo.egdb.MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(ValueError, match="more than any endgame database"):
        tempo.egdb.open(huge)
    with pytest.raises(FileNotFoundError):
        tempo.egdb.open(tmp_path / "missing")


def test_probe(db):
    assert tempo.egdb.probe(tempo.Position.from_fen("W:WK28,K33:BK3"), db) == "draw"
    assert tempo.egdb.probe(tempo.Position.from_fen("W:WK46,K50:BK5"), db) == "win"
    assert tempo.egdb.probe(tempo.Position.start(), db) is None  # 40 pieces


def test_info(db):
    info = tempo.egdb.info(db, verify=True)
    assert info["status"] == "ok" and info["max_pieces"] == 3 and info["verified"]
    assert len(info["slices"]) == 16 and sum(s["bytes"] for s in info["slices"]) < len(db)
    damaged = bytearray(db)
    damaged[-10] ^= 0xFF
    bad = tempo.egdb.info(damaged, verify=True)
    assert bad["status"] == "ok" and not bad["verified"] and "checksum" in bad["damage"]


def test_search_uses_it(db):
    p = tempo.Position.from_fen("W:WK28,K33:BK3")
    r = tempo.search(p, depth=6, egdb=db)
    assert r.egdb_status == "ok" and r.egdb_value == "draw" and r.egdb_hits > 0
    plain = tempo.search(p, depth=6)
    assert plain.egdb_status == "none" and plain.egdb_value is None and plain.egdb_hits == 0


def test_bad_buffers(db):
    p = tempo.Position.from_fen("W:WK28,K33:BK3")
    for buf, why in ((b"x" * 100, "bad-magic"), (db[:50], "truncated"), (db[: len(db) // 2], "truncated")):
        # A session refuses it, naming what is wrong (the C ABI's stateless call searches on without it).
        with pytest.raises(ValueError, match=f"egdb: not a usable endgame database \\({why}\\)"):
            tempo.search(p, depth=4, egdb=buf)
        with pytest.raises(ValueError, match=why):
            tempo.egdb.probe(p, buf)
    with pytest.raises(TypeError):
        tempo.search(p, depth=2, egdb=12)
