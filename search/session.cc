#include "search/session.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "egdb/database.h"
#include "search/searcher.h"
#include "tt/table.h"

namespace tempo {

static_assert(kTableSize.default_bytes() >= tt::kMinBytes && kTableSize.min_mib == 0 &&
                  (std::size_t{1} << 20) >= tt::kMinBytes,
              "every size in kTableSize's range but 0 must be a usable table");

Session::Session() : own_table_(static_cast<std::uint8_t*>(std::calloc(kTableSize.default_bytes(), 1))) {
  if (own_table_) table_ = {own_table_.get(), kTableSize.default_bytes()};
}

Session::~Session() { stop(); }

absl::Status Session::resize_table(int mib) {
  if (absl::Status st = kTableSize.check(mib, kTableSize.name); !st.ok()) return st;
  if (searching()) return absl::FailedPreconditionError("the table cannot change while a search runs");
  join_finished();
  const std::size_t bytes = static_cast<std::size_t>(mib) << 20;
  std::unique_ptr<std::uint8_t, Free> fresh(bytes > 0 ? static_cast<std::uint8_t*>(std::calloc(bytes, 1)) : nullptr);
  if (bytes > 0 && !fresh) return absl::ResourceExhaustedError(absl::StrCat("no memory for a table of ", mib, " MiB"));
  own_table_ = std::move(fresh);
  table_ = bytes > 0 ? std::span<std::uint8_t>(own_table_.get(), bytes) : std::span<std::uint8_t>();  // none: null
  return absl::OkStatus();
}

absl::Status Session::borrow_table(std::span<std::uint8_t> bytes) {
  if (searching()) return absl::FailedPreconditionError("the table cannot change while a search runs");
  join_finished();
  own_table_.reset();
  table_ = bytes;
  return absl::OkStatus();
}

absl::Status Session::clear_table() {
  if (searching()) return absl::FailedPreconditionError("the table cannot be cleared while a search runs");
  if (table_.empty()) return absl::OkStatus();
  return tt::clear(table_.data(), table_.size());
}

absl::Status Session::attach_egdb(std::span<const std::uint8_t> bytes) {
  // The bytes a running search reads must not change under it.
  if (searching()) return absl::FailedPreconditionError("the endgame database cannot change while a search runs");
  if (!bytes.empty()) {
    const egdb::Database db = egdb::Database::open(bytes.data(), bytes.size());
    if (!db.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("not a usable endgame database (", egdb::status_name(db.status()), ")"));
    }
  }
  egdb_ = bytes;
  return absl::OkStatus();
}

void Session::set_cancel(std::int32_t v) { store_cancel(cancel_, v); }

void Session::cancel() { set_cancel(1); }

SearchRequest Session::with_buffers(SearchRequest request) {
  // A caller's buffer too short to be a table reaches search(), which says so.
  request.tt = table_.data();
  request.tt_len = table_.size();
  request.egdb = egdb_.empty() ? nullptr : egdb_.data();
  request.egdb_len = egdb_.size();
  request.cancel = cancel_;
  return request;
}

absl::StatusOr<SearchResult> Session::search(SearchRequest request) {
  if (searching()) return absl::FailedPreconditionError("a search is already running (stop it first)");
  join_finished();
  if (cancel_ == &own_cancel_) set_cancel(0);
  return tempo::search(game_, with_buffers(std::move(request)));
}

absl::Status Session::start(SearchRequest request, Done done) {
  return begin(std::move(request), /*ponder=*/false, std::move(done));
}

absl::Status Session::start_ponder(SearchRequest request, Done done) {
  return begin(std::move(request), /*ponder=*/true, std::move(done));
}

absl::Status Session::begin(SearchRequest request, bool ponder, Done done) {
  if (searching()) return absl::FailedPreconditionError("a search is already running (stop it first)");
  join_finished();
  if (cancel_ == &own_cancel_) set_cancel(0);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_requested_ = false;
    ponder_hit_ = false;
    pondering_ = ponder;
  }
  finished_.store(false);
  // The worker searches its own copy of the game: the owner may go on
  // changing game() (a GUI's next `pos`) while it runs.
  worker_ = std::thread(
      [this, game = game_, req = with_buffers(std::move(request)), ponder, done = std::move(done)]() mutable {
        absl::StatusOr<SearchResult> result;
        if (ponder) {
          SearchRequest unlimited = req;
          unlimited.limits = Limits{};
          unlimited.limits.infinite = true;
          result = tempo::search(game, unlimited);
          bool hit = false;
          if (result.ok()) {  // it ended cancelled: by ponder_hit() or stop()
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [this] { return stop_requested_ || ponder_hit_; });
            hit = !stop_requested_;
            // Cleared under the lock, so a stop() from now on cancels the search below.
            if (hit) set_cancel(0);
          }
          {
            std::lock_guard<std::mutex> lock(mu_);
            pondering_ = false;
          }
          if (hit) result = tempo::search(game, req);
        } else {
          result = tempo::search(game, req);
        }
        // The search counts as over before its answer is out: the owner may
        // start the next one as soon as it has seen it.
        finished_.store(true);
        if (done) done(std::move(result));
      });
  return absl::OkStatus();
}

bool Session::ponder_hit() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!pondering_ || ponder_hit_) return false;
  ponder_hit_ = true;
  set_cancel(1);  // ends the unlimited search; the worker searches again with the real limits
  cv_.notify_all();
  return true;
}

void Session::stop() {
  if (!worker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_requested_ = true;
  }
  set_cancel(1);
  cv_.notify_all();
  worker_.join();
}

bool Session::searching() const { return worker_.joinable() && !finished_.load(); }

void Session::join_finished() {
  if (worker_.joinable() && finished_.load()) worker_.join();
}

}  // namespace tempo
