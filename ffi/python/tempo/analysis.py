"""Analysis at scale: many positions or whole games, on local processes or a Dask cluster.

A batch is a list of tasks: one position (`Task(id, fen=...)`) or one game
(`Task(id, pdn=...)`, every position before each of its moves, searched with
the game's history). ``run()`` hands them to local processes
(``multiprocessing``) or, given ``scheduler=``, to a Dask ``distributed``
cluster (an address such as ``tcp://host:8786``, a ``distributed.Client`` or
a cluster object such as ``LocalCluster``), and yields one JSON-ready record
per position as tasks finish. With ``output=`` the records are appended to a
JSON Lines file as they arrive, and a second run with the same file skips
what is there (resumable after Ctrl-C or a crash).

Each task gets its own table buffer (``tt_mb``), cleared when the task
starts and kept across the positions of its game: the results do not depend
on which worker ran what or in which order, so a local run and a cluster run
give the same records (search with fixed limits: depth or nodes). On a Dask
cluster, ``run()`` registers a worker plugin that undoes Dask's malloc
setting which slows searches down (see ``keep_search_memory``).
"""
import json
import multiprocessing
import os
import sys
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Optional

from . import _tempo

__all__ = ["Task", "positions_from_file", "games_from_pdn", "analyse_task", "run", "done_ids", "keep_search_memory",
           "parse_position_line"]


@dataclass(frozen=True)
class Task:
    """One unit of work: a position (fen) or a whole game (pdn text). `id` names its records."""

    id: str
    fen: Optional[str] = None
    pdn: Optional[str] = None

    def size(self) -> int:
        """Positions the task analyses (for the progress bar)."""
        if self.pdn is None:
            return 1
        try:
            return max(_tempo.Game.from_pdn(self.pdn).ply, 1)
        except ValueError:
            return 1

    def record_ids(self) -> List[str]:
        """Ids of the records the task writes."""
        if self.pdn is None:
            return [self.id]
        n = self.size()
        return [f"{self.id}/{ply}" for ply in range(n)]


def _strip_comment(text):
    """The line without a `#` comment (a `#` inside double quotes is text)."""
    quoted = False
    for i, c in enumerate(text):
        if c == '"':
            quoted = not quoted
        elif c == "#" and not quoted:
            return text[:i]
    return text


def parse_position_line(line: str, number: int):
    """(id, fen) for a line of a positions file, or None for a blank or comment line.

    A line is a FEN, optionally followed by EPD-like `; id "name"` fields and
    a `# comment`. The id is the `id` field, or `line<number>`."""
    text = _strip_comment(line).strip()
    if not text:
        return None
    fields = [f.strip() for f in text.split(";")]
    fen = fields[0].strip().strip('"')
    ident = f"line{number}"
    for field in fields[1:]:
        key, _, value = field.partition(" ")
        if key == "id" and value.strip():
            ident = value.strip().strip('"')
    return ident, fen


def positions_from_file(path) -> List[Task]:
    """One Task per position of a positions file (FEN or EPD-like lines, `#` comments); ids made unique."""
    out, seen = [], set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            parsed = parse_position_line(line, number)
            if parsed is None:
                continue
            ident, fen = parsed
            if ident in seen:
                ident = f"{ident}#line{number}"
            seen.add(ident)
            out.append(Task(ident, fen=fen))
    return out


def games_from_pdn(path, on_error=None) -> List[Task]:
    """One Task per good game of a PDN file (ids game1, game2... by position in the file, bad games counted).

    Bad games are reported through on_error as tempo.read_games() does."""
    from .pdn_stream import read_games

    errors = []
    tasks = []
    games = read_games(path, on_error=lambda e: (errors.append(e.game), on_error(e) if on_error else None))
    number = 0
    for game in games:
        number += 1
        while number in errors:
            number += 1
        tasks.append(Task(f"game{number}", pdn=game.pdn()))
    return tasks


def _result_fields(r) -> Dict[str, Any]:
    out = {
        "best_move": str(r.best_move) if r.best_move is not None else None,
        "score": r.score,
        "score_text": r.score_text,
        "depth": r.depth,
        "nodes": r.nodes,
        "time_ms": r.time_ms,
        "pv": " ".join(str(m) for m in r.pv),
    }
    if len(r.multipv) > 1:
        out["multipv"] = [{"move": str(line.move), "score": line.score} for line in r.multipv]
    return out


_OVER = {"best_move": None, "score": -30000, "score_text": "loss in 0", "depth": 0, "nodes": 0, "time_ms": 0, "pv": ""}


def analyse_task(task: Task, options: Dict[str, Any], tt_bytes: int = 16 << 20) -> List[Dict[str, Any]]:
    """The records of one task: searches with tempo.search(**options) and a table of tt_bytes.

    A position gives one record (id, fen, best_move, score, score_text,
    depth, nodes, time_ms, pv[, multipv]); a game gives one per position
    before each move (id `<task id>/<ply>`, plus game, ply and the move
    played). A bad FEN or PDN gives a record with `error` instead."""
    table = bytearray(tt_bytes)  # all zeros: an empty table, kept for the whole game
    if task.pdn is None:
        record = {"id": task.id, "fen": task.fen}
        try:
            pos = _tempo.Position.from_fen(task.fen)
            record.update(_OVER if pos.is_game_over() else _result_fields(_tempo.search(pos, tt=table, **options)))
        except ValueError as e:
            record["error"] = str(e)
        return [record]
    try:
        record_game = _tempo.Game.from_pdn(task.pdn)
    except ValueError as e:
        return [{"id": f"{task.id}/0", "game": task.id, "ply": 0, "error": str(e)}]
    game = _tempo.Game(record_game.start)
    records = []
    for ply, played in enumerate(record_game.moves):
        record = {"id": f"{task.id}/{ply}", "game": task.id, "ply": ply, "fen": game.position.fen(),
                  "played": str(played)}
        record.update(_result_fields(_tempo.search(game, tt=table, **options)))
        records.append(record)
        try:
            game.play(played)
        except ValueError:  # the record goes on past a draw rule: go on from the position alone
            game = _tempo.Game(played.after())
    if not records:  # a game without moves: its start position
        record = {"id": f"{task.id}/0", "game": task.id, "ply": 0, "fen": game.position.fen(), "played": None}
        pos = game.position
        record.update(_OVER if pos.is_game_over() else _result_fields(_tempo.search(game, tt=table, **options)))
        records.append(record)
    return records


def done_ids(path) -> set:
    """Record ids already in a JSON Lines output; a half-written last line is cut off first."""
    if not os.path.exists(path):
        return set()
    ids, good_end = set(), 0
    with open(path, "rb") as f:
        data = f.read()
    for raw in data.splitlines(keepends=True):
        if not raw.endswith(b"\n"):
            break
        try:
            ids.add(json.loads(raw)["id"])
        except (ValueError, KeyError, TypeError):
            break
        good_end += len(raw)
    if good_end != len(data):
        with open(path, "r+b") as f:
            f.truncate(good_end)
    return ids


def _local_worker(args):
    return analyse_task(*args)


def _progress_bar(total, initial, enabled):
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        print("tempo.analysis: no progress bar (install python3-tqdm)", file=sys.stderr)
        return None
    return tqdm(total=total, initial=initial, unit="pos", dynamic_ncols=True, smoothing=0.1)


def keep_search_memory():
    """Lets glibc keep freed memory for the next search, in this process.

    Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also fixes
    glibc's mmap threshold at 128 KiB: every search then gets its working
    memory (the move-ordering tables, hundreds of KiB) from fresh pages and
    runs 30-40 times slower at depth 4 (measured: 100 searches of the start
    position, 0.06 s without, 1.7 s with). Raising both thresholds (mmap to
    32 MiB, trim to 64 MiB) restores the speed. No-op without glibc."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # <malloc.h>
    return bool(mallopt(m_mmap_threshold, 32 << 20)) and bool(mallopt(m_trim_threshold, 64 << 20))


def _dask_plugin():
    from distributed.diagnostics.plugin import WorkerPlugin

    class KeepSearchMemory(WorkerPlugin):
        """Runs keep_search_memory() on every worker, present and future."""

        name = "tempo-keep-search-memory"

        def setup(self, worker):
            keep_search_memory()

    return KeepSearchMemory()


def _results_dask(scheduler, todo, options, tt_bytes):
    from distributed import Client, as_completed

    if isinstance(scheduler, Client):
        client, own = scheduler, False
    else:
        client, own = Client(scheduler), True
    try:
        client.register_worker_plugin(_dask_plugin())
        futures = [client.submit(analyse_task, t, options, tt_bytes, pure=False) for t in todo]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.cancel(futures)
    finally:
        if own:
            client.close()


def _results_local(jobs, todo, options, tt_bytes):
    if jobs == 1 or len(todo) <= 1:
        for t in todo:
            yield analyse_task(t, options, tt_bytes)
        return
    ctx = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    pool = ctx.Pool(jobs)
    try:
        yield from pool.imap_unordered(_local_worker, [(t, options, tt_bytes) for t in todo])
    finally:
        pool.terminate()
        pool.join()


def run(tasks: Iterable[Task], *, output=None, jobs: Optional[int] = None, scheduler=None, progress: bool = False,
        tt_mb: int = 16, **options) -> Iterator[Dict[str, Any]]:
    """Analyses tasks and yields their records as each task finishes (in no fixed order).

    options: tempo.search() keywords (depth, movetime_ms, nodes, multipv,
    level, seed and the level parameters of tempo.PARAMS); checked once
    before any work starts (ValueError / TypeError). jobs: local processes
    (default: CPUs), ignored with scheduler. scheduler: a Dask scheduler
    address (`tcp://host:8786`), a distributed.Client or a cluster object.
    output: a JSON Lines file the records are appended to (flushed task by
    task); records already there are skipped, and so are tasks all of
    whose records are there. progress: a tqdm bar on stderr (rate, ETA).
    """
    tasks = list(tasks)
    probe = dict(options, depth=1, movetime_ms=None, nodes=None, time_left_ms=None)
    _tempo.search(_tempo.Position.start(), **probe)  # a bad option fails here, before any work
    if tt_mb < 1:
        raise ValueError(f"tt_mb = {tt_mb} must be at least 1")
    tt_bytes = tt_mb << 20
    done = done_ids(output) if output is not None else set()
    sizes = {t.id: t.size() for t in tasks}
    todo = [t for t in tasks if not done.issuperset(t.record_ids())]
    total = sum(sizes.values())
    bar = _progress_bar(total, total - sum(sizes[t.id] for t in todo), progress)
    if scheduler is not None:
        results = _results_dask(scheduler, todo, options, tt_bytes)
    else:
        results = _results_local(jobs or os.cpu_count() or 1, todo, options, tt_bytes)
    out = open(output, "a", encoding="utf-8") if output is not None else None
    try:
        for records in results:
            fresh = [r for r in records if r["id"] not in done]
            if out is not None:
                out.write("".join(json.dumps(r) + "\n" for r in fresh))
                out.flush()
            if bar is not None:
                bar.update(len(records))
            yield from fresh
    finally:
        if hasattr(results, "close"):
            results.close()
        if out is not None:
            out.close()
        if bar is not None:
            bar.close()
