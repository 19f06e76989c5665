"""search(): results, the caller's table buffer used in place, GIL release, callbacks, errors."""
import hashlib
import os
import threading
import time

import numpy as np
import pytest
import tempo

pytestmark = pytest.mark.skipif(not hasattr(tempo, "search"), reason="module built without tt/ and search/ implementations")

MIB = 1 << 20
MIDGAME = "W:W27,28,31,32,33,34,35,36,37,38,39,40,42,43,45:B6,7,8,9,11,12,13,14,15,16,17,19,20,21,24"


def test_basic_result():
    pos = tempo.Position.start()
    r = tempo.search(pos, depth=4)
    assert r.best_move in pos.legal_moves()
    assert r.depth == 4 and r.nodes > 0 and r.time_ms >= 0
    assert r.pv and r.pv[0] == r.best_move
    assert r.tt_status == "fresh" and r.tt_reason == "none"
    assert r.position == pos and isinstance(r.score, int) and r.score_text
    assert not r.cancelled
    # The pv is a legal line.
    p = pos
    for m in r.pv:
        p = p.play(m)


def test_forced_and_lost_positions():
    only = tempo.Position.from_fen("W:W32:B27")
    infos = []
    r = tempo.search(only, depth=6, on_info=infos.append)
    assert str(r.best_move) == "32x21"
    # Under a depth a forced move is searched like any other (analysis) and
    # reported; it wins at once: the score text is on the scale GUIs read, a
    # win in 1 ply just below 100 men.
    assert infos and infos[-1].pv[0] == r.best_move
    assert r.win_in == 1 and r.score_text == "+99.99"
    lost = tempo.Position.from_fen("B:W21:B")
    r = tempo.search(lost, depth=3)
    assert r.best_move is None and r.pv == []
    assert r.win_in is None and r.loss_in == 0  # lost now
    assert r.score_text == "-100.00"
    assert [tempo.score_text(s) for s in (25, -100, 30000 - 7, -(30000 - 4), 29000)] == \
        ["+0.25", "-1.00", "+99.93", "-99.96", "+90.00"]


def test_buffer_used_in_place_and_reused():
    big = bytearray(2 * MIB)
    view = memoryview(big)[MIB:]  # the table is the second half of `big`
    r1 = tempo.search(tempo.Position.start(), depth=6, tt=view)
    assert r1.tt_status == "fresh"
    assert not any(big[:MIB]), "bytes outside the buffer were touched"
    assert any(big[MIB:]), "the search did not write into the caller's buffer"
    snapshot = bytes(big)
    r2 = tempo.search(tempo.Position.start(), depth=6, tt=view)
    assert r2.tt_status == "reused"
    assert bytes(big) != snapshot, "the second search did not write into the same buffer"
    assert r2.nodes <= r1.nodes
    info = tempo.table_info(big[MIB:])  # a copy is fine for reading
    assert info["status"] == "reused" and info["bytes"] <= MIB and info["generation"] >= 2


def test_numpy_and_bytearray_buffers():
    arr = np.zeros(MIB, dtype=np.uint8)
    assert tempo.search(tempo.Position.start(), depth=5, tt=arr).tt_status == "fresh"
    assert arr.any()
    assert tempo.search(tempo.Position.start(), depth=5, tt=arr).tt_status == "reused"
    buf = bytearray(tempo.TABLE_MIN_BYTES)
    assert tempo.search(tempo.Position.start(), depth=3, tt=buf).tt_status == "fresh"
    assert tempo.search(tempo.Position.start(), depth=3, tt=buf).tt_status == "reused"
    tempo.clear_table(buf)
    assert tempo.table_info(buf)["status"] == "fresh"


def test_garbage_buffer_is_reset_not_trusted():
    buf = bytearray(os.urandom(MIB))
    r = tempo.search(tempo.Position.from_fen(MIDGAME), depth=5, tt=buf)
    assert r.tt_status == "reset" and r.tt_reason != "none"
    assert r.best_move in tempo.Position.from_fen(MIDGAME).legal_moves()


def test_read_only_and_bad_buffers_refused():
    pos = tempo.Position.start()
    with pytest.raises(TypeError, match="read-only"):
        tempo.search(pos, depth=2, tt=bytes(MIB))
    with pytest.raises(TypeError, match="read-only"):
        tempo.search(pos, depth=2, tt=memoryview(bytearray(MIB)).toreadonly())
    frozen = np.zeros(MIB, dtype=np.uint8)
    frozen.flags.writeable = False
    with pytest.raises(TypeError, match="read-only"):
        tempo.search(pos, depth=2, tt=frozen)
    with pytest.raises(TypeError, match="contiguous"):
        tempo.search(pos, depth=2, tt=np.zeros(2 * MIB, dtype=np.uint8)[::2])
    with pytest.raises(TypeError, match="buffer"):
        tempo.search(pos, depth=2, tt=12345)
    with pytest.raises(ValueError):
        tempo.search(pos, depth=2, tt=bytearray(100))  # below TABLE_MIN_BYTES


def test_buffer_cannot_be_resized_during_a_search():
    buf = bytearray(MIB)
    started = threading.Event()
    token = tempo.CancelToken()
    result = {}

    def run():
        result["r"] = tempo.search(tempo.Position.from_fen(MIDGAME), movetime_ms=20000, tt=buf, cancel=token,
                                   on_info=lambda info: started.set())

    t = threading.Thread(target=run)
    t.start()
    try:
        assert started.wait(10)
        with pytest.raises(BufferError):
            buf.extend(b"x")  # the search holds the buffer: no reallocation under it
    finally:
        token.cancel()
        t.join(30)
    assert not t.is_alive() and result["r"].cancelled
    assert len(buf) == MIB


def timed_search(nodes, spans=None):
    t0 = time.perf_counter()
    tempo.search(tempo.Position.from_fen(MIDGAME), nodes=nodes, tt=bytearray(4 * MIB))
    t1 = time.perf_counter()
    if spans is not None:
        spans.append((t0, t1))
    return t1 - t0


def run_two(nodes):
    spans = []
    threads = [threading.Thread(target=timed_search, args=(nodes, spans)) for _ in range(2)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, spans


def test_gil_released_two_threads_in_parallel():
    # Calibrate a search of roughly 0.3 s.
    nodes = 100_000
    while timed_search(nodes) < 0.15 and nodes < 50_000_000:
        nodes *= 2

    # Load-independent proof that the GIL is released: the two calls overlap in
    # time. (Holding the GIL, the second could only start once the first ended.)
    _, spans = run_two(nodes)
    (a0, a1), (b0, b1) = spans
    overlap = min(a1, b1) - max(a0, b0)
    assert overlap > 0.5 * min(a1 - a0, b1 - b0), f"searches did not overlap: {spans}"

    # Parallel execution, measured in CPU time: with the GIL released both threads
    # compute at once, so the process burns about two CPU-seconds per wall-clock
    # second; holding the GIL, the waiting thread sleeps and it burns about one.
    # The wall-clock speed-up is reported but not asserted: it depends on the
    # hardware (two hyperthreads of one core, shared cache and memory bandwidth,
    # a sanitizer build) more than on us. CI measured 1.7-1.86x one search there.
    if (os.cpu_count() or 1) < 2:
        pytest.skip("needs two cores for the parallelism check")
    seen = []
    for _ in range(3):
        one = timed_search(nodes)
        c0 = time.process_time()
        two, _ = run_two(nodes)
        cpu = time.process_time() - c0
        seen.append(f"{cpu / two:.2f} CPUs busy, {two / one:.2f}x one search")
        if cpu > 1.5 * two:
            print("two threads:", seen[-1])
            return
    # Control: can two threads get two CPUs at all right now? hashlib releases
    # the GIL on large inputs; if even it gets less, the machine is busy.
    control = two_thread_cpus(lambda: hashlib.sha256(bytes(64 << 20)).digest())
    if control < 1.5:
        pytest.skip(f"machine busy: two hashlib threads got {control:.2f} CPUs; ours {seen}; overlap was checked")
    pytest.fail(f"two searches in two threads did not run in parallel: {seen} (want > 1.5 CPUs busy; "
                f"two hashlib threads got {control:.2f})")


def two_thread_cpus(work):
    """CPU-seconds per wall-second while `work` runs in two threads at once."""
    threads = [threading.Thread(target=work) for _ in range(2)]
    c0, t0 = time.process_time(), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return (time.process_time() - c0) / (time.perf_counter() - t0)


def test_multipv():
    pos = tempo.Position.from_fen(MIDGAME)
    r = tempo.search(pos, depth=5, multipv=3)
    assert len(r.multipv) == 3
    scores = [line.score for line in r.multipv]
    assert scores == sorted(scores, reverse=True)
    assert r.multipv[0].move == r.best_move
    assert len({line.move for line in r.multipv}) == 3
    assert all(line.pv and line.pv[0] == line.move for line in r.multipv)


def test_on_info_and_callback_errors():
    infos = []
    r = tempo.search(tempo.Position.start(), depth=5, on_info=infos.append)
    assert infos and infos[-1].depth == r.depth
    assert [i.depth for i in infos] == sorted(i.depth for i in infos)
    assert all(isinstance(m, tempo.Move) for i in infos for m in i.pv)

    def boom(info):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        tempo.search(tempo.Position.start(), depth=8, on_info=boom)


def test_lost_position_is_a_loss_in_0():
    r = tempo.search(tempo.Position.from_fen("B:W21:B"), depth=3)
    assert r.best_move is None
    assert r.score_text == "-100.00" and r.loss_in == 0 and r.win_in is None
    won = tempo.search(tempo.Position.from_fen("W:WK46:B5"), depth=8)
    assert won.win_in == 3 and won.loss_in is None and won.score_text == "+99.97"
    assert tempo.search(tempo.Position.start(), depth=2).win_in is None


def test_forced_move_is_searched_for_analysis():
    # 28x19 is forced: a depth asks for analysis, so the score is a search's.
    forced = tempo.Position.start().play("32-28").play("19-23")
    r = tempo.search(forced, depth=10)
    assert str(r.best_move) == "28x19" and r.depth == 10 and len(r.pv) > 1
    game_move = tempo.search(forced, movetime_ms=60000)  # a game's move: played at once
    assert game_move.depth == 0 and str(game_move.best_move) == "28x19"


def test_infinite_ponders_until_cancelled_at_every_level():
    tt = bytearray(MIB)
    token = tempo.CancelToken()
    depths = []
    timer = threading.Timer(0.5, token.cancel)
    timer.start()
    t0 = time.perf_counter()
    r = tempo.search(tempo.Position.from_fen(MIDGAME), level="hard", max_depth=3, infinite=True, cancel=token,
                     tt=tt, on_info=lambda i: depths.append(i.depth))
    assert time.perf_counter() - t0 >= 0.45
    assert r.cancelled and max(depths) > 3  # the level's depth cap does not apply
    assert r.tt_status == "fresh" and r.nodes > 0
    # The next search finds the pondered table.
    assert tempo.search(tempo.Position.from_fen(MIDGAME), depth=4, tt=tt).tt_status == "reused"
    with pytest.raises(ValueError, match="cancel"):
        tempo.search(tempo.Position.start(), infinite=True)


def test_fresh_table_clears_the_buffer_first():
    tt = bytearray(MIB)
    first = tempo.search(tempo.Position.start(), depth=8, tt=tt)
    again = tempo.search(tempo.Position.start(), depth=8, tt=tt)
    assert again.tt_status == "reused" and again.nodes < first.nodes
    fresh = tempo.search(tempo.Position.start(), depth=8, tt=tt, fresh_table=True)
    assert fresh.tt_status == "fresh" and fresh.nodes == first.nodes


def test_cancel_from_another_thread():
    token = tempo.CancelToken()
    timer = threading.Timer(0.2, token.cancel)
    timer.start()
    t0 = time.perf_counter()
    r = tempo.search(tempo.Position.from_fen(MIDGAME), movetime_ms=30000, cancel=token)
    assert time.perf_counter() - t0 < 10
    assert r.cancelled and token.cancelled and r.best_move is not None
    token.reset()
    assert not token.cancelled


def test_game_history_and_levels():
    game = tempo.Game()
    for move in ("32-28", "19-23", "28x19", "14x23"):
        game.play(move)
    r = tempo.search(game, depth=4)
    assert r.position == game.position and r.best_move in game.position.legal_moves()
    a = tempo.search(tempo.Position.start(), level="easy", seed=7, nodes=20000)
    b = tempo.search(tempo.Position.start(), level="easy", seed=7, nodes=20000)
    assert a.best_move == b.best_move and a.score == b.score, "same seed, same search"


def test_argument_errors():
    pos = tempo.Position.start()
    with pytest.raises(ValueError, match="level"):
        tempo.search(pos, depth=2, level="grandmaster")
    with pytest.raises(ValueError, match="depth"):
        tempo.search(pos, depth=0)
    with pytest.raises(ValueError, match="multipv"):
        tempo.search(pos, depth=2, multipv=0)
    with pytest.raises(ValueError, match="nodes"):
        tempo.search(pos, nodes=-5)
    with pytest.raises(ValueError, match="movetime_ms"):
        tempo.search(pos, movetime_ms=-1)
    with pytest.raises(TypeError, match="Position or tempo.Game"):
        tempo.search("W:W31-50:B1-20", depth=2)
    with pytest.raises(TypeError):
        tempo.search(pos, 3)  # limits are keyword-only


def test_level_parameters_one_by_one():
    pos = tempo.Position.from_fen(MIDGAME)
    # Easy with its randomness, weaker evaluation, depth and time caps taken
    # away is Expert without table and killers: every override got through.
    easy = dict(level="easy", seed=3, depth=4)
    tamed = tempo.search(pos, **easy, max_depth=4, time_limit_ms=0, eval_noise=0, blunder_probability=0,
                         feature_scale=1.0, max_nodes=0, capture_horizon=127)
    bare = tempo.search(pos, depth=4, seed=3)
    assert (tamed.best_move, tamed.score, tamed.nodes, tamed.pv) == (bare.best_move, bare.score, bare.nodes, bare.pv)
    easy_schema = {p["field"]: p["levels"]["easy"] for p in tempo.PARAMS}
    capped = tempo.search(pos, **easy)
    assert capped.depth <= easy_schema["max_depth"], "without an override the level's max_depth holds"
    assert capped.nodes <= easy_schema["max_nodes"], "and its node budget"
    # strength applies first, whatever the keywords' order: a budget given with it wins.
    assert tempo.search(pos, max_nodes=30, strength=easy_schema["strength"]).nodes <= 30
    assert tempo.search(pos, seed=3, depth=4, strength=easy_schema["strength"]).nodes == capped.nodes

    assert tempo.search(pos, depth=6, max_depth=2).depth == 2
    # Material only: the start position is level at depth 1.
    assert tempo.search(tempo.Position.start(), depth=1, feature_scale=0.0).score == 0
    # The positional weights move the score off plain material.
    assert tempo.search(pos, depth=1, feature_scale=0.0).score != tempo.search(pos, depth=1).score
    noisy = [tempo.search(pos, depth=4, eval_noise=300, seed=1) for _ in range(2)]
    assert noisy[0].nodes == noisy[1].nodes and noisy[0].score == noisy[1].score, "same seed, same noise"
    quiet = tempo.search(pos, depth=4, seed=1)
    assert (noisy[0].nodes, noisy[0].score) != (quiet.nodes, quiet.score)
    assert tempo.search(pos, depth=3, blunder_probability=1.0, blunder_margin=10000).blunder
    assert not any(tempo.search(pos, depth=3, level="easy", blunder_probability=0, seed=s).blunder for s in range(20))
    assert tempo.search(pos, depth=7, use_killers=False).nodes != tempo.search(pos, depth=7).nodes
    buf = bytearray(tempo.TABLE_MIN_BYTES)
    tempo.search(pos, depth=5, tt=buf, use_table=False)
    assert not any(buf), "use_table=False wrote into the table"
    t0 = time.perf_counter()
    assert tempo.search(pos, time_limit_ms=100).depth > 1  # Expert has no limit of its own
    assert time.perf_counter() - t0 < 10


def test_threads():
    pos = tempo.Position.from_fen(MIDGAME)
    buf = bytearray(4 * MIB)
    caller = threading.get_ident()
    seen = []
    r = tempo.search(pos, depth=8, threads=3, tt=buf, on_info=lambda i: seen.append((threading.get_ident(), i.depth)))
    assert r.best_move in pos.legal_moves() and r.depth == 8
    assert seen and all(t == caller for t, _ in seen), "on_info ran on a helper thread"
    assert [d for _, d in seen] == sorted({d for _, d in seen}) and seen[-1][1] == 8
    # The node limit counts every thread's nodes.
    assert tempo.search(pos, nodes=30000, threads=4, tt=buf).nodes <= 30000
    # A cancel stops every thread.
    token = tempo.CancelToken()
    threading.Timer(0.1, token.cancel).start()
    t0 = time.perf_counter()
    r = tempo.search(pos, tt=buf, threads=2, cancel=token, max_depth=127, time_limit_ms=0)
    assert r.cancelled and r.best_move in pos.legal_moves() and time.perf_counter() - t0 < 10


def test_parameter_errors():
    pos = tempo.Position.start()
    for name, bad in (("max_depth", 0), ("max_depth", 128), ("max_depth", 1 << 40), ("time_limit_ms", -1),
                      ("eval_noise", -1), ("eval_noise", 10001), ("blunder_probability", 1.5),
                      ("blunder_margin", -1), ("feature_scale", 4.5), ("feature_scale", float("nan"))):
        with pytest.raises(ValueError, match=name):
            tempo.search(pos, depth=2, **{name: bad})
    with pytest.raises(TypeError):
        tempo.search(pos, depth=2, feature_scale="high")


@pytest.mark.parametrize("kind", ["movetime", "on_info", "infinite"])
def test_ctrl_c_stops_any_search_at_once(kind):
    """SIGINT during a search: KeyboardInterrupt within 100 ms, table intact."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    import signal

    table = bytearray(4 * MIB)
    pos = tempo.Position.from_fen(MIDGAME)
    assert tempo.search(pos, depth=5, tt=table).tt_status == "fresh"
    token = tempo.CancelToken()
    kwargs = {"movetime": dict(movetime_ms=8000),
              "on_info": dict(movetime_ms=8000, on_info=lambda info: None),
              "infinite": dict(infinite=True, cancel=token)}[kind]
    sent = []

    def interrupt():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timers = [threading.Timer(0.3, interrupt), threading.Timer(6.0, token.cancel)]  # the second: no hang if broken
    try:
        for t in timers:
            t.start()
        with pytest.raises(KeyboardInterrupt):
            tempo.search(pos, tt=table, **kwargs)
        latency = time.monotonic() - sent[0]
    finally:
        for t in timers:
            t.cancel()
        signal.signal(signal.SIGINT, previous)
    print(f"{kind}: KeyboardInterrupt {latency * 1000:.1f} ms after SIGINT")
    assert latency < 0.1, f"{kind}: {latency * 1000:.0f} ms from SIGINT to KeyboardInterrupt"
    assert tempo.table_info(table)["status"] == "reused"
    r = tempo.search(pos, depth=5, tt=table)
    assert r.tt_status == "reused" and r.best_move in pos.legal_moves()


def test_an_aligned_buffer_serves_two_searches_at_once():
    """ffi/python/README.md, after tt/FORMAT.md: an 8-byte-aligned buffer may be shared."""
    table = bytearray(4 * MIB)
    pos = tempo.Position.from_fen(MIDGAME)
    results = [None, None]

    def run(i):
        results[i] = tempo.search(pos, depth=7, tt=table, seed=i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r is not None and r.best_move in pos.legal_moves() for r in results)
    assert tempo.table_info(table)["status"] == "reused"
    assert tempo.search(pos, depth=7, tt=table).tt_status == "reused"
