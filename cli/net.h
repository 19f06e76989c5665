// Small blocking TCP helpers for `tempo dxp` (POSIX sockets, IPv4).
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace tempo::cli {

// An owned socket descriptor, closed on destruction.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  Socket(Socket&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Socket& operator=(Socket&& o) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket();
  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// Listens on host:port (port 0 = any free port); `bound_port` gets the port.
absl::StatusOr<Socket> listen_tcp(const std::string& host, int port, int* bound_port);
// Waits up to timeout_ms (< 0: forever) for one connection.
absl::StatusOr<Socket> accept_tcp(const Socket& listener, int timeout_ms);
// Connects to host:port, retrying until timeout_ms has passed (the other side may still be starting).
absl::StatusOr<Socket> connect_tcp(const std::string& host, int port, int timeout_ms);

absl::Status send_all(const Socket& s, const std::string& bytes);

// Reads NUL-terminated messages (DXP framing). Holds at most max_message + 1
// bytes plus one read, whatever the peer sends.
class MessageReader {
 public:
  explicit MessageReader(std::size_t max_message) : max_(max_message) {}
  // Next message without its NUL. Errors: closed connection, timeout
  // (timeout_ms < 0: wait forever; it applies to each wait for bytes), and
  // InvalidArgument for a message longer than the limit: that message is
  // discarded up to and including its NUL, once, and the next call reads on.
  absl::StatusOr<std::string> next(const Socket& s, int timeout_ms);

 private:
  std::size_t max_;
  std::string buffer_;
  bool discarding_ = false;    // inside an oversized message: drop bytes up to its NUL
  std::size_t discarded_ = 0;  // bytes of it dropped so far
};

}  // namespace tempo::cli
