// The DXP message reader (cli/net.*) against a peer that misbehaves: an
// oversized message is discarded once and reading goes on; the timeout and
// the peer's close still end a wait.
#include "cli/net.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

namespace tempo::cli {
namespace {

constexpr std::size_t kMax = 1024;  // protocol/dxp.h's kMaxMessage

struct Pair {
  Socket ours, peer;
  Pair() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    ours = Socket(fds[0]);
    peer = Socket(fds[1]);
  }
  void send(const std::string& bytes) { ASSERT_TRUE(send_all(peer, bytes).ok()); }
};

TEST(MessageReader, DiscardsAnOversizedMessageAndReadsOn) {
  Pair p;
  MessageReader reader(kMax);
  p.send(std::string(1, 'C') + std::string(2000, 'x') + '\0' + "Bnext" + '\0');
  absl::StatusOr<std::string> first = reader.next(p.ours, 1000);
  ASSERT_FALSE(first.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(first.status())) << first.status();
  EXPECT_NE(first.status().message().find("2001 bytes"), std::string::npos) << first.status();
  absl::StatusOr<std::string> second = reader.next(p.ours, 1000);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, "Bnext");
}

TEST(MessageReader, OneReportPerOversizedMessageWhateverItsLength) {
  Pair p;
  MessageReader reader(kMax);
  // 1 MB in pieces, written while the reader reads (more than the socket
  // holds): still one error, then the next message.
  std::thread writer([&p] {
    for (int i = 0; i < 1000; ++i) p.send(std::string(1000, 'y'));
    p.send(std::string(1, '\0') + "E" + std::string(1, '\0'));
  });
  absl::StatusOr<std::string> first = reader.next(p.ours, 5000);
  writer.join();
  EXPECT_TRUE(absl::IsInvalidArgument(first.status())) << first.status();
  absl::StatusOr<std::string> second = reader.next(p.ours, 1000);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, "E");
}

TEST(MessageReader, TimeoutStillFiresInsideAnOversizedMessage) {
  Pair p;
  MessageReader reader(kMax);
  p.send(std::string(3000, 'z'));  // never terminated
  const auto t0 = std::chrono::steady_clock::now();
  absl::StatusOr<std::string> r = reader.next(p.ours, 200);
  const auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_TRUE(absl::IsDeadlineExceeded(r.status())) << r.status();
  EXPECT_GE(waited, std::chrono::milliseconds(150));  // it waited for bytes, it did not spin
}

TEST(MessageReader, PeerCloseEndsAnOversizedMessage) {
  Pair p;
  MessageReader reader(kMax);
  p.send(std::string(3000, 'z'));
  p.peer = Socket();  // closes
  absl::StatusOr<std::string> r = reader.next(p.ours, 1000);
  EXPECT_TRUE(absl::IsUnavailable(r.status())) << r.status();
}

TEST(MessageReader, MessagesUpToTheLimitPass) {
  Pair p;
  MessageReader reader(kMax);
  const std::string longest(kMax, 'a');
  p.send(longest + '\0');
  absl::StatusOr<std::string> r = reader.next(p.ours, 1000);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, longest);
}

}  // namespace
}  // namespace tempo::cli
