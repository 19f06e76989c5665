"""A Hub engine under test: lines in, lines out, every read bounded in time."""
import os
import select
import subprocess
import time


class Engine:
    def __init__(self, argv, env=None, stderr=None):
        """`env`: the engine's environment (default ours); `stderr=subprocess.PIPE` keeps
        what it says there for stderr_text() (a little only: the pipe is read at the end)."""
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env,
                                     bufsize=0)
        self.buf = b""
        self.log = []

    def send(self, line):
        self.log.append("> " + line)
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def read(self, timeout=5.0):
        """The next line, or fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("no line within %.1f s; session so far:\n%s" % (timeout, "\n".join(self.log)))
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    raise AssertionError("engine closed its output; session:\n%s" % "\n".join(self.log))
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        text = line.decode().rstrip("\r")
        self.log.append("< " + text)
        return text

    def nothing_for(self, seconds):
        """Asserts the engine says nothing for `seconds`."""
        ready, _, _ = select.select([self.proc.stdout], [], [], seconds)
        if ready or b"\n" in self.buf:
            raise AssertionError("unexpected output: %r\n%s" % (self.read(0.1), "\n".join(self.log)))

    def close(self, timeout=5.0):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        return self.proc.wait(timeout)

    def stderr_text(self):
        """What the engine wrote on stderr (with stderr=subprocess.PIPE), once it has exited."""
        return self.proc.stderr.read().decode() if self.proc.stderr else ""


def parse(line):
    """Hub line -> (command, {name: value}); flags map to None."""
    cmd, _, rest = line.partition(" ")
    args, i = {}, 0
    while i < len(rest):
        if rest[i] == " ":
            i += 1
            continue
        j = i
        while j < len(rest) and rest[j] not in " =":
            j += 1
        name = rest[i:j]
        if j < len(rest) and rest[j] == "=":
            if j + 1 < len(rest) and rest[j + 1] == '"':
                k = rest.index('"', j + 2)
                args[name] = rest[j + 2:k]
                i = k + 1
            else:
                k = j + 1
                while k < len(rest) and rest[k] != " ":
                    k += 1
                args[name] = rest[j + 1:k]
                i = k
        else:
            args[name] = None
            i = j
    return cmd, args
