"""Two `tempo dxp` processes play a full game on 127.0.0.1 and agree on it;
a hand-written peer exercises the messages; scripted opponents that never
send GAMEEND end games by the rules with their own move, in both roles.

usage: dxp_game_test.py <path to tempo>
"""
import os
import re
import subprocess
import sys
import tempfile
import time


def main():
    tempo = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="tempo-dxp-")
    pdn_server, pdn_client = os.path.join(tmp, "server.pdn"), os.path.join(tmp, "client.pdn")
    common = ["--depth=3", "--dxp-timeout=20"]
    # Port 0: the OS picks a free port and the server prints it.
    server = subprocess.Popen([tempo, "dxp", "--dxp-listen", "--dxp-host=127.0.0.1", "--dxp-port=0",
                               "--dxp-name=Tempo server", "--dxp-pdn=" + pdn_server] + common,
                              stdout=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()
        m = re.match(r"listening 127\.0\.0\.1:(\d+)", first)
        assert m, first
        port = m.group(1)
        t0 = time.monotonic()
        client = subprocess.run([tempo, "dxp", "--dxp-connect=127.0.0.1", "--dxp-port=" + port, "--dxp-color=black",
                                 "--dxp-minutes=1", "--dxp-name=Tempo client", "--dxp-pdn=" + pdn_client] + common,
                                capture_output=True, text=True, timeout=40)
        server_out, _ = server.communicate(timeout=20)
    finally:
        if server.poll() is None:
            server.kill()
    assert client.returncode == 0, client.stderr
    assert server.returncode == 0, server_out
    print("game took %.1f s" % (time.monotonic() - t0))

    # The handshake: the server follows and plays white (the client asked for black).
    assert "game Tempo client (we play white), 1 min / 0 moves" in server_out, server_out
    assert "game accepted by Tempo server (we play black)" in client.stdout, client.stdout

    def result(out):
        m = re.search(r"^result (2-0|0-2|1-1) \((.*)\) vs (.*), (\d+) plies$", out, re.M)
        assert m, out
        return m.group(1), int(m.group(4))

    def moves(out):
        return [line.split()[2] for line in out.splitlines() if line.startswith("move ")]

    assert result(server_out) == result(client.stdout), (server_out[-300:], client.stdout[-300:])
    assert moves(server_out) == moves(client.stdout)
    assert len(moves(server_out)) == result(server_out)[1]
    assert len(moves(server_out)) > 10
    # Each side's own moves alternate with the other's, white first.
    colours = [line.split()[1] for line in server_out.splitlines() if line.startswith("move ")]
    assert colours[:4] == ["white", "black", "white", "black"], colours[:4]
    # Both sides recorded the same game.
    with open(pdn_server) as a, open(pdn_client) as b:
        ga, gb = a.read(), b.read()
    body = lambda g: g[g.index("\n\n"):]
    assert body(ga) == body(gb), (ga, gb)
    assert '[White "Tempo server"]' in ga and '[Black "Tempo client"]' in ga, ga
    print("dxp game: ok,", result(server_out))


def raw_peer(tempo):
    """A hand-written DXP peer (not Tempo) against `tempo dxp --dxp-listen`:
    GAMEREQ/GAMEACC, CHAT, a garbled message, moves, BACKREQ/BACKACC, GAMEEND."""
    import socket
    server = subprocess.Popen([tempo, "dxp", "--dxp-listen", "--dxp-port=0", "--depth=2", "--dxp-timeout=10"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.match(r"listening 127\.0\.0\.1:(\d+)", server.stdout.readline()).group(1))
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        buf = b""

        def send(msg):
            s.sendall(msg.encode() + b"\0")

        def recv():
            nonlocal buf
            while b"\0" not in buf:
                chunk = s.recv(4096)
                assert chunk, "tempo closed the connection"
                buf += chunk
            msg, buf = buf.split(b"\0", 1)
            return msg.decode()

        send("R01" + "Raw peer".ljust(32) + "W" + "002" + "000" + "A")  # Tempo follows with white
        acc = recv()
        assert acc == "A" + "Tempo".ljust(32) + "0", acc
        send("Chello from the raw peer")
        send("Qgarbage")  # unknown type: Tempo ignores it
        first = recv()
        assert re.match(r"^M\d{4}(3[1-5])(2[6-9]|30)00$", first), first  # a quiet first move from 31-35
        send("M0001182300")   # 18-23: always legal after one white move
        reply = recv()
        assert reply.startswith("M"), reply
        send("B001Z")         # take back to move 1, black to move
        assert recv() == "K0"
        send("M0001192300")   # 19-23 instead
        assert recv().startswith("M")
        send("E10")           # I give up
        end = recv()
        assert end == "E31", end   # Tempo: I win, stop
        s.close()
        out, err = server.communicate(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, err
    assert "chat from Raw peer: hello from the raw peer" in err, err
    assert "ignoring bad message" in err, err
    assert "takeback to move 1 (black): accepted" in out, out
    assert re.search(r"^result 2-0 \(unfinished; opponent gave up\) vs Raw peer, 3 plies$", out, re.M), out
    print("dxp raw peer: ok")


def session(tempo):
    """Several games on one connection (--dxp-games): the initiator asks for 2
    with alternating colours; the follower would play 3 but stops when the
    initiator's last GAMEEND says stop."""
    tmp = tempfile.mkdtemp(prefix="tempo-dxp-session-")
    pdn_server, pdn_client = os.path.join(tmp, "server.pdn"), os.path.join(tmp, "client.pdn")
    common = ["--depth=2", "--dxp-timeout=20"]
    server = subprocess.Popen([tempo, "dxp", "--dxp-listen", "--dxp-port=0", "--dxp-games=3", "--dxp-name=Server",
                               "--dxp-pdn=" + pdn_server] + common, stdout=subprocess.PIPE, text=True)
    try:
        port = re.match(r"listening 127\.0\.0\.1:(\d+)", server.stdout.readline()).group(1)
        client = subprocess.run([tempo, "dxp", "--dxp-connect=127.0.0.1", "--dxp-port=" + port, "--dxp-color=black",
                                 "--dxp-games=2", "--dxp-name=Client", "--dxp-pdn=" + pdn_client] + common,
                                capture_output=True, text=True, timeout=60)
        server_out, _ = server.communicate(timeout=20)
    finally:
        if server.poll() is None:
            server.kill()
    assert client.returncode == 0 and server.returncode == 0, (client.stderr, server_out)
    assert re.findall(r"^game accepted by Server \(we play (\w+)\)", client.stdout, re.M) == ["black", "white"], client.stdout
    assert re.findall(r"^game Client \(we play (\w+)\)", server_out, re.M) == ["white", "black"], server_out
    results = lambda out: re.findall(r"^result (2-0|0-2|1-1) ", out, re.M)
    assert len(results(client.stdout)) == 2 and results(client.stdout) == results(server_out), (client.stdout, server_out)
    tally = re.search(r"^match \+(\d+) =(\d+) -(\d+) in 2 games vs Server$", client.stdout, re.M)
    assert tally and sum(map(int, tally.groups())) == 2, client.stdout
    assert re.search(r"^match \+%s =%s -%s in 2 games vs Client$" % (tally.group(3), tally.group(2), tally.group(1)),
                     server_out, re.M), server_out
    with open(pdn_client) as f:
        games = f.read()
    assert games.count("[Event ") == 2 and games.index('[White "Server"]') < games.index('[White "Client"]'), games
    print("dxp session: ok")


class Peer:
    """Our end of a DXP connection: NUL-terminated ASCII messages."""

    def __init__(self, sock):
        self.sock, self.buf = sock, b""

    def send(self, msg):
        self.sock.sendall(msg.encode() + b"\0")

    def recv(self):
        """The next message, or None once Tempo has closed the connection."""
        while b"\0" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                return None
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return msg.decode()


def square_rc(sq):
    """Square 1..50 -> (row, column), both 0..9, row 0 at Black's side."""
    row = (sq - 1) // 5
    col = 2 * ((sq - 1) % 5) + (1 if row % 2 == 0 else 0)
    return row, col


def rc_square(row, col):
    if not (0 <= row < 10 and 0 <= col < 10) or (row + col) % 2 == 0:
        return None
    return row * 5 + col // 2 + 1


def king_captures(king, target, occupied):
    """Whether a flying king on `king` can capture a piece on `target`."""
    r0, c0 = square_rc(king)
    for dr, dc in ((-1, -1), (-1, 1), (1, -1), (1, 1)):
        r, c = r0 + dr, c0 + dc
        while rc_square(r, c) is not None and rc_square(r, c) not in occupied:
            r, c = r + dr, c + dc
        if rc_square(r, c) == target:
            beyond = rc_square(r + dr, c + dc)
            if beyond is not None and beyond not in occupied:
                return True
    return False


def scripted_opponent(peer, scenario):
    """Plays White against Tempo (Black) from the scenario's position and never
    sends GAMEEND. 'win': White's first move takes Black's last piece.
    'draw': two white kings shuttle on edge squares (1-6 and 45-50, where no
    piece can be taken) against Tempo's lone king; White's 5th move draws by
    the 5-move rule (Black moves first). Returns Tempo's GAMEEND and the moves."""
    moves = []
    if scenario == "win":
        peer.send("M0000" "28" "19" "01" "23")  # 28x19, taking 23
        moves.append("28x19")
    else:
        whites = {"a": 1, "b": 45}
        pairs = {1: 6, 6: 1, 45: 50, 50: 45}
        order = ["a", "b"]
        black = 28
        for _ in range(5):
            reply = peer.recv()
            assert reply and reply.startswith("M") and reply[9:11] == "00", reply  # a quiet king move
            assert int(reply[5:7]) == black, (reply, black)
            black = int(reply[7:9])
            moves.append("%d-%d" % (int(reply[5:7]), black))
            occupied = set(whites.values()) | {black}
            assert not any(king_captures(k, black, occupied) for k in whites.values()), \
                "Tempo left its king to be taken: %s" % moves
            # The next king in turn, unless Tempo's king stands on its target.
            name = next(n for n in order if pairs[whites[n]] != black)
            order = [n for n in order if n != name] + [name]
            frm, to = whites[name], pairs[whites[name]]
            whites[name] = to
            peer.send("M0000%02d%02d00" % (frm, to))
            moves.append("%d-%d" % (frm, to))
    end = peer.recv()
    return end, moves


SCENARIOS = {
    # start FEN, DXP start position (side to move and 50 squares), Tempo's
    # expected GAMEEND, result line, plies
    "win": ("W:W28:B23", "W" + "".join("w" if s == 28 else "z" if s == 23 else "e" for s in range(1, 51)),
            "E11", r"result 2-0 \(white wins \(black has no legal move\); game over by the rules, GAMEEND sent\)", 1),
    "draw": ("B:WK1,K45:BK28", "Z" + "".join("W" if s in (1, 45) else "Z" if s == 28 else "e" for s in range(1, 51)),
             "E21", r"result 1-1 \(draw \(5-move rule\); game over by the rules, GAMEEND sent\)", 10),
}


def check_tempo_end(name, out, pdn_path, scenario, end, moves, t0):
    fen, _, want_end, want_result, plies = SCENARIOS[scenario]
    assert end == want_end, (name, end, out)
    assert re.search("^" + want_result + r" vs Script, %d plies$" % plies, out, re.M), (name, out)
    assert len(moves) == plies, (name, moves)
    with open(pdn_path) as f:
        pdn = f.read()
    assert ('"%s"' % fen) in pdn and moves[-1] in pdn, (name, pdn)
    assert pdn.rstrip().endswith({"win": "2-0", "draw": "1-1"}[scenario]), (name, pdn)
    print("dxp %s: ok (%.1f s)" % (name, time.monotonic() - t0))


def scripted_follower(tempo, scenario, tmp):
    """Tempo listens (follower, Black); the script requests the game and, in
    'win', stays silent after Tempo's GAMEEND until Tempo hangs up."""
    import socket
    pdn_path = os.path.join(tmp, "follower-%s.pdn" % scenario)
    t0 = time.monotonic()
    server = subprocess.Popen([tempo, "dxp", "--dxp-listen", "--dxp-port=0", "--depth=3", "--dxp-timeout=3",
                               "--dxp-pdn=" + pdn_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.match(r"listening 127\.0\.0\.1:(\d+)", server.stdout.readline()).group(1))
        peer = Peer(socket.create_connection(("127.0.0.1", port), timeout=20))
        peer.send("R01" + "Script".ljust(32) + "Z" + "001" + "000" + "B" + SCENARIOS[scenario][1])
        acc = peer.recv()
        assert acc == "A" + "Tempo".ljust(32) + "0", acc
        end, moves = scripted_opponent(peer, scenario)
        if scenario == "win":
            assert peer.recv() is None  # Tempo hangs up after its bounded wait for our GAMEEND
        peer.sock.close()
        out, err = server.communicate(timeout=20)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, err
    check_tempo_end("follower " + scenario, out, pdn_path, scenario, end, moves, t0)


def scripted_initiator(tempo, scenario, tmp):
    """The script listens; Tempo requests the game (initiator, Black, from
    --fen), and gets no GAMEEND from the script either."""
    import socket
    pdn_path = os.path.join(tmp, "initiator-%s.pdn" % scenario)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.settimeout(20)
    t0 = time.monotonic()
    client = subprocess.Popen([tempo, "dxp", "--dxp-connect=127.0.0.1", "--dxp-port=%d" % port, "--dxp-color=black",
                               "--dxp-minutes=1", "--fen=" + SCENARIOS[scenario][0], "--depth=3", "--dxp-timeout=3",
                               "--dxp-pdn=" + pdn_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        conn, _ = listener.accept()
        conn.settimeout(20)
        peer = Peer(conn)
        req = peer.recv()
        assert req == "R01" + "Tempo".ljust(32) + "W" + "001" + "000" + "B" + SCENARIOS[scenario][1], req
        peer.send("A" + "Script".ljust(32) + "0")
        end, moves = scripted_opponent(peer, scenario)
        if scenario == "win":
            assert peer.recv() is None
        conn.close()
        out, err = client.communicate(timeout=20)
    finally:
        listener.close()
        if client.poll() is None:
            client.kill()
    assert client.returncode == 0, err
    check_tempo_end("initiator " + scenario, out, pdn_path, scenario, end, moves, t0)


if __name__ == "__main__":
    main()
    raw_peer(sys.argv[1])
    session(sys.argv[1])
    scratch = tempfile.mkdtemp(prefix="tempo-dxp-scripted-")
    for role in (scripted_follower, scripted_initiator):
        for name in ("win", "draw"):
            role(sys.argv[1], name, scratch)
