#include "cli/net.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "absl/strings/str_cat.h"
#include "rules/text.h"

namespace tempo::cli {
namespace {

std::string err() { return std::strerror(errno); }

absl::StatusOr<sockaddr_in> resolve(const std::string& host, int port) {
  if (port < 0 || port > 65535) return absl::InvalidArgumentError(absl::StrCat("port ", port, " is not 0..65535"));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) == 1) return addr;
  addrinfo hints{}, *res = nullptr;
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0 || res == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot resolve host ", quote(host)));
  }
  addr.sin_addr = reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr;
  freeaddrinfo(res);
  return addr;
}

// Waits for `events` on fd; false on timeout.
absl::StatusOr<bool> wait_for(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  while (true) {
    const int r = poll(&p, 1, timeout_ms);
    if (r > 0) return true;
    if (r == 0) return false;
    if (errno != EINTR) return absl::InternalError(absl::StrCat("poll: ", err()));
  }
}

}  // namespace

Socket& Socket::operator=(Socket&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

absl::StatusOr<Socket> listen_tcp(const std::string& host, int port, int* bound_port) {
  absl::StatusOr<sockaddr_in> addr = resolve(host, port);
  if (!addr.ok()) return addr.status();
  Socket s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s.valid()) return absl::InternalError(absl::StrCat("socket: ", err()));
  const int one = 1;
  setsockopt(s.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(s.fd(), reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", host, ":", port, ": ", err()));
  }
  if (::listen(s.fd(), 1) != 0) return absl::InternalError(absl::StrCat("listen: ", err()));
  sockaddr_in got{};
  socklen_t len = sizeof got;
  getsockname(s.fd(), reinterpret_cast<sockaddr*>(&got), &len);
  if (bound_port) *bound_port = ntohs(got.sin_port);
  return s;
}

absl::StatusOr<Socket> accept_tcp(const Socket& listener, int timeout_ms) {
  absl::StatusOr<bool> ready = wait_for(listener.fd(), POLLIN, timeout_ms);
  if (!ready.ok()) return ready.status();
  if (!*ready) return absl::DeadlineExceededError(absl::StrCat("no connection within ", timeout_ms, " ms"));
  Socket s(::accept4(listener.fd(), nullptr, nullptr, SOCK_CLOEXEC));
  if (!s.valid()) return absl::InternalError(absl::StrCat("accept: ", err()));
  const int one = 1;
  setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return s;
}

absl::StatusOr<Socket> connect_tcp(const std::string& host, int port, int timeout_ms) {
  absl::StatusOr<sockaddr_in> addr = resolve(host, port);
  if (!addr.ok()) return addr.status();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  while (true) {
    Socket s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!s.valid()) return absl::InternalError(absl::StrCat("socket: ", err()));
    if (::connect(s.fd(), reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) == 0) {
      const int one = 1;
      setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      return s;
    }
    const std::string why = err();
    if (std::chrono::steady_clock::now() >= deadline) {
      return absl::UnavailableError(absl::StrCat("cannot connect to ", host, ":", port, ": ", why));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

absl::Status send_all(const Socket& s, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(s.fd(), bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(absl::StrCat("send: ", err()));
    }
    sent += static_cast<std::size_t>(n);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> MessageReader::next(const Socket& s, int timeout_ms) {
  while (true) {
    if (const std::size_t nul = buffer_.find('\0'); nul != std::string::npos) {
      if (discarding_) {
        // The end of an oversized message: report it once, read on after it.
        const std::size_t total = discarded_ + nul;
        buffer_.erase(0, nul + 1);
        discarding_ = false;
        discarded_ = 0;
        return absl::InvalidArgumentError(
            absl::StrCat("message of ", total, " bytes is longer than ", max_, ": discarded"));
      }
      std::string msg = buffer_.substr(0, nul);
      buffer_.erase(0, nul + 1);
      return msg;
    }
    if (discarding_ || buffer_.size() > max_) {
      // No NUL within the limit: the message is too long. Its bytes are
      // dropped as they come (memory stays bounded) until its NUL.
      discarding_ = true;
      discarded_ += buffer_.size();
      buffer_.clear();
    }
    absl::StatusOr<bool> ready = wait_for(s.fd(), POLLIN, timeout_ms);
    if (!ready.ok()) return ready.status();
    if (!*ready) return absl::DeadlineExceededError(absl::StrCat("nothing received for ", timeout_ms, " ms"));
    char chunk[512];
    const ssize_t n = ::recv(s.fd(), chunk, sizeof chunk, 0);
    if (n == 0) return absl::UnavailableError("connection closed by the other side");
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(absl::StrCat("recv: ", err()));
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

}  // namespace tempo::cli
