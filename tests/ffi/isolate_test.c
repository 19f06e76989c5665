/* The app's per-move isolate pattern, in C with threads:
 *   thread A searches with a fresh table buffer and hands it back;
 *   thread B continues the game with the same buffer;
 *   the buffer is memcpy'd to a fresh allocation (at an odd address) and
 *   thread C continues with the copy;
 *   thread D runs a long (infinite) search on it and a fourth thread E sets
 *   the caller-owned cancel flag mid-way;
 *   E: the Dart service's teardown (ffi/dart/lib/src/tempo_ai.dart). A worker
 *   ponders (infinite) on one block, the cancel word then the table, that it
 *   owns for the length of its search; the owner "dies" meanwhile, and its
 *   only act is the native finalizer's: tempo_cancel_abandon(cancel word).
 *   The search must return promptly, the worker then sees
 *   TEMPO_CANCEL_ABANDONED in the word and frees the block itself, after checking the
 *   table is intact; nothing frees it before tempo_search returns (under
 *   AddressSanitizer a free under the search would be reported).
 * Every result must be a legal move, and the table must be reused each time
 * (generation counting up), never reset. The progress callback must run on
 * the searching thread, also when B searches with 2 threads (and C, D ask
 * for 3 on a misaligned buffer, which one thread searches). Prints
 * "N passed, M failed". */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tempo.h"

static int passed = 0;
static int failed = 0;
#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      ++passed;                                                                \
    } else {                                                                   \
      ++failed;                                                                \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define TABLE_BYTES (1u << 20)

typedef struct job {
  /* in */
  tempo_position start;
  tempo_move history[64];
  uint32_t history_count;
  uint8_t* tt;
  size_t tt_len;
  int32_t depth;
  int32_t infinite;
  int32_t* cancel;
  int32_t threads; /* 0: the level's (1) */
  /* out */
  tempo_status status;
  tempo_search_result result;
  char error[256];
  pthread_t searcher;
  int progress_calls;
  int progress_on_other_thread;
} job;

static void on_progress(const tempo_progress* p, void* user_data) {
  job* j = (job*)user_data;
  ++j->progress_calls;
  if (!pthread_equal(pthread_self(), j->searcher)) ++j->progress_on_other_thread;
  (void)p;
}

static void* run_search(void* arg) {
  job* j = (job*)arg;
  tempo_search_request req;
  memset(&req, 0, sizeof req);
  req.size = sizeof req;
  req.level = TEMPO_LEVEL_EXPERT;
  req.start = &j->start;
  req.moves = j->history_count > 0 ? j->history : NULL;
  req.move_size = sizeof(tempo_move);
  req.move_count = j->history_count;
  req.depth = j->depth;
  req.infinite = j->infinite;
  req.seed = 42;
  req.cancel = j->cancel;
  if (j->threads > 0) {
    req.overrides = TEMPO_OVERRIDE_THREADS;
    req.threads = j->threads;
  }
  req.on_progress = on_progress;
  req.progress_user_data = j;
  j->searcher = pthread_self();
  memset(&j->result, 0, sizeof j->result);
  j->result.size = sizeof j->result;
  j->status = tempo_search(&req, j->tt, j->tt_len, &j->result, j->error, sizeof j->error);
  return NULL;
}

/* The position after the job's history. */
static tempo_position current(const job* j) {
  tempo_position p = j->start;
  uint32_t i;
  for (i = 0; i < j->history_count; ++i) {
    tempo_position next = p;
    CHECK(tempo_play_move(&p, &j->history[i], &next) == TEMPO_OK);
    p = next;
  }
  return p;
}

/* Runs `j` on a new thread and waits for it, like Isolate.run. */
static void run_on_thread(job* j) {
  pthread_t t;
  CHECK(pthread_create(&t, NULL, run_search, j) == 0);
  CHECK(pthread_join(t, NULL) == 0);
}

static void check_legal_result(job* j, const char* who) {
  tempo_position p = current(j);
  tempo_position after = p;
  if (j->status != TEMPO_OK) fprintf(stderr, "%s: %s (%s)\n", who, tempo_status_string(j->status), j->error);
  CHECK(j->status == TEMPO_OK);
  CHECK(j->result.has_move == 1);
  CHECK(tempo_play_move(&p, &j->result.best_move, &after) == TEMPO_OK);
  CHECK(j->progress_calls > 0);
  CHECK(j->progress_on_other_thread == 0);
  printf("%s: best %s depth %d score %d nodes %llu time %lld ms, table %s, cancelled %d\n", who, j->result.pv,
         j->result.depth, j->result.score, (unsigned long long)j->result.nodes, (long long)j->result.time_ms,
         j->result.tt_status == TEMPO_TABLE_REUSED  ? "reused"
         : j->result.tt_status == TEMPO_TABLE_FRESH ? "fresh"
                                                    : "RESET",
         j->result.cancelled);
}

static uint32_t generation_of(const uint8_t* tt, size_t len) {
  tempo_table_info info;
  memset(&info, 0, sizeof info);
  info.size = sizeof info;
  CHECK(tempo_table_get_info(tt, len, &info) == TEMPO_OK);
  CHECK(info.status == TEMPO_TABLE_REUSED);
  return info.generation;
}

static uint32_t legal_count(const job* j);
static tempo_move first_legal(const job* j);

/* Plays `m`, then any forced single replies, so the next search has a real
 * choice to make (a single legal move is answered at once, without a search). */
static void add_to_history(job* j, const tempo_move* m) {
  j->history[j->history_count++] = *m;
  while (legal_count(j) == 1) {
    const tempo_move forced = first_legal(j);
    j->history[j->history_count++] = forced;
  }
}

static uint32_t legal_count(const job* j) {
  tempo_move moves[TEMPO_MAX_MOVES];
  uint32_t n = 0;
  tempo_position p = current(j);
  memset(moves, 0, sizeof moves);
  CHECK(tempo_legal_moves(&p, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, &n) == TEMPO_OK);
  return n;
}

/* The opponent's reply: the first legal move after the job's history. */
static tempo_move first_legal(const job* j) {
  tempo_move moves[TEMPO_MAX_MOVES];
  uint32_t n = 0;
  tempo_position p = current(j);
  memset(moves, 0, sizeof moves);
  CHECK(tempo_legal_moves(&p, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, &n) == TEMPO_OK && n > 0);
  return moves[0];
}

static void* cancel_later(void* arg) {
  struct timespec pause = {0, 300 * 1000 * 1000};
  nanosleep(&pause, NULL);
  __atomic_store_n((int32_t*)arg, 1, __ATOMIC_RELAXED);
  return NULL;
}

static double ms_since(const struct timespec* t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) * 1000.0 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* E: the block as TempoAi lays it out: the cancel word (8 bytes, room for a
 * time_t), padding, the table at offset 16. */
#define BLOCK_TABLE_OFFSET 16

typedef struct teardown {
  job search; /* search.tt points into block */
  uint8_t* block;
  struct timespec start; /* when the worker started */
  double signalled_ms;   /* when the owner's finalizer wrote the word */
  double returned_ms;    /* when tempo_search returned */
  int32_t word_seen;     /* the cancel word the worker read afterwards */
  int worker_freed;      /* the worker kept (freed) the block */
  uint32_t generation_before;
  uint32_t generation_after;
} teardown;

/* The worker isolate (_work): search, then decide who frees the block. */
static void* teardown_worker(void* arg) {
  teardown* t = (teardown*)arg;
  run_search(&t->search);
  t->returned_ms = ms_since(&t->start);
  t->word_seen = __atomic_load_n((int32_t*)t->block, __ATOMIC_RELAXED);
  if (t->word_seen == TEMPO_CANCEL_ABANDONED) {
    /* The owner is gone: this worker owns the block; check, then free it. */
    t->generation_after = generation_of(t->block + BLOCK_TABLE_OFFSET, TABLE_BYTES);
    free(t->block);
    t->block = NULL;
    t->worker_freed = 1;
  }
  return NULL;
}

/* The owner isolate dies 300 ms into the ponder: its NativeFinalizer calls
 * tempo_cancel_abandon(cancel word), and nothing else. */
static void* owner_dies(void* arg) {
  teardown* t = (teardown*)arg;
  struct timespec pause = {0, 300 * 1000 * 1000};
  nanosleep(&pause, NULL);
  t->signalled_ms = ms_since(&t->start);
  tempo_cancel_abandon(t->block);
  return NULL;
}

static job jobs[4];
static teardown torn;

int main(void) {
  uint8_t* buffer = (uint8_t*)calloc(1, TABLE_BYTES);
  unsigned char* raw_copy;
  uint8_t* copy;
  uint32_t gen_a, gen_b, gen_c, gen_d;
  tempo_move reply;
  int32_t* cancel_flag;
  pthread_t searcher, canceller;
  struct timespec t0, t1;
  double cancel_ms;

  CHECK(buffer != NULL);
  /* A: a fresh, all-zero buffer. */
  memset(&jobs[0], 0, sizeof jobs[0]);
  jobs[0].start.size = sizeof jobs[0].start;
  CHECK(tempo_position_start(&jobs[0].start) == TEMPO_OK);
  jobs[0].tt = buffer;
  jobs[0].tt_len = TABLE_BYTES;
  jobs[0].depth = 8;
  run_on_thread(&jobs[0]);
  check_legal_result(&jobs[0], "A");
  CHECK(jobs[0].result.tt_status == TEMPO_TABLE_FRESH);
  gen_a = generation_of(buffer, TABLE_BYTES);

  /* B: the game goes on (A's move, a reply), same buffer. */
  jobs[1] = jobs[0];
  jobs[1].progress_calls = 0;
  jobs[1].threads = 2;
  add_to_history(&jobs[1], &jobs[0].result.best_move);
  reply = first_legal(&jobs[1]);
  add_to_history(&jobs[1], &reply);
  run_on_thread(&jobs[1]);
  check_legal_result(&jobs[1], "B");
  CHECK(jobs[1].result.tt_status == TEMPO_TABLE_REUSED);
  gen_b = generation_of(buffer, TABLE_BYTES);
  CHECK(gen_b == gen_a + 1);

  /* C: memcpy to a fresh allocation at an odd address, free the old one. */
  raw_copy = (unsigned char*)malloc(TABLE_BYTES + 1);
  CHECK(raw_copy != NULL);
  copy = raw_copy + 1;
  memcpy(copy, buffer, TABLE_BYTES);
  memset(buffer, 0xEE, TABLE_BYTES); /* the old memory is gone */
  free(buffer);
  jobs[2] = jobs[1];
  jobs[2].progress_calls = 0;
  add_to_history(&jobs[2], &jobs[1].result.best_move);
  reply = first_legal(&jobs[2]);
  add_to_history(&jobs[2], &reply);
  jobs[2].tt = copy;
  jobs[2].threads = 3;
  run_on_thread(&jobs[2]);
  check_legal_result(&jobs[2], "C");
  CHECK(jobs[2].result.tt_status == TEMPO_TABLE_REUSED);
  gen_c = generation_of(copy, TABLE_BYTES);
  CHECK(gen_c == gen_b + 1);

  /* D: an infinite search; thread E sets the caller's flag after 300 ms. */
  cancel_flag = (int32_t*)calloc(1, sizeof(int32_t));
  CHECK(cancel_flag != NULL);
  jobs[3] = jobs[2];
  jobs[3].progress_calls = 0;
  add_to_history(&jobs[3], &jobs[2].result.best_move);
  jobs[3].depth = 0;
  jobs[3].infinite = 1;
  jobs[3].cancel = cancel_flag;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  CHECK(pthread_create(&searcher, NULL, run_search, &jobs[3]) == 0);
  CHECK(pthread_create(&canceller, NULL, cancel_later, cancel_flag) == 0);
  CHECK(pthread_join(searcher, NULL) == 0);
  CHECK(pthread_join(canceller, NULL) == 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  cancel_ms = (double)(t1.tv_sec - t0.tv_sec) * 1000.0 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
  check_legal_result(&jobs[3], "D");
  CHECK(jobs[3].result.cancelled == 1);
  CHECK(jobs[3].result.tt_status == TEMPO_TABLE_REUSED);
  /* Stopped promptly: well before a second after the flag went up. */
  printf("D: returned %.0f ms after start (flag set at 300 ms)\n", cancel_ms);
  CHECK(cancel_ms < 1300.0);
  gen_d = generation_of(copy, TABLE_BYTES);
  CHECK(gen_d == gen_c + 1);

  /* The buffer is still a good table: one more search reuses it. */
  *cancel_flag = 0;
  jobs[3].infinite = 0;
  jobs[3].depth = 6;
  jobs[3].progress_calls = 0;
  run_on_thread(&jobs[3]);
  check_legal_result(&jobs[3], "D'");
  CHECK(jobs[3].result.tt_status == TEMPO_TABLE_REUSED);
  CHECK(generation_of(copy, TABLE_BYTES) == gen_d + 1);

  /* E: the owner dies during an infinite ponder (see the top comment). */
  {
    pthread_t worker, owner;
    CHECK(TABLE_BYTES % 16 == 0);
    memset(&torn, 0, sizeof torn);
    torn.block = (uint8_t*)calloc(1, BLOCK_TABLE_OFFSET + TABLE_BYTES);
    CHECK(torn.block != NULL);
    memcpy(torn.block + BLOCK_TABLE_OFFSET, copy, TABLE_BYTES); /* D's table, in the block */
    torn.generation_before = generation_of(torn.block + BLOCK_TABLE_OFFSET, TABLE_BYTES);
    torn.search = jobs[3];
    torn.search.progress_calls = 0;
    torn.search.depth = 0;
    torn.search.infinite = 1;
    torn.search.tt = torn.block + BLOCK_TABLE_OFFSET;
    torn.search.cancel = (int32_t*)(void*)torn.block;
    clock_gettime(CLOCK_MONOTONIC, &torn.start);
    CHECK(pthread_create(&worker, NULL, teardown_worker, &torn) == 0);
    CHECK(pthread_create(&owner, NULL, owner_dies, &torn) == 0);
    CHECK(pthread_join(owner, NULL) == 0);
    CHECK(pthread_join(worker, NULL) == 0);
    printf("E: owner's finalizer at %.0f ms, search returned at %.0f ms, cancel word %d, worker freed %d\n",
           torn.signalled_ms, torn.returned_ms, torn.word_seen, torn.worker_freed);
    CHECK(torn.search.status == TEMPO_OK);
    CHECK(torn.search.result.cancelled == 1);
    CHECK(torn.search.result.has_move == 1);
    CHECK(torn.search.result.tt_status == TEMPO_TABLE_REUSED);
    CHECK(torn.word_seen == TEMPO_CANCEL_ABANDONED);
    CHECK(torn.worker_freed == 1 && torn.block == NULL);
    /* Returned after the signal, and promptly: well within a second of it. */
    CHECK(torn.returned_ms >= torn.signalled_ms);
    CHECK(torn.returned_ms - torn.signalled_ms < 1000.0);
    /* The table the worker freed was intact: one more generation, not reset. */
    CHECK(torn.generation_after == torn.generation_before + 1);
  }

  free(cancel_flag);
  free(raw_copy);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
