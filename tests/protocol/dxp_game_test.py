"""Two `tempo dxp` processes play a full game on 127.0.0.1 and agree on it.

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


if __name__ == "__main__":
    main()
    raw_peer(sys.argv[1])
