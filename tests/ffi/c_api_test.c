/* Calls every function of tempo.h from C99, on good input and on every error
 * path: NULL pointers, wrong struct sizes, misaligned structs, too-small
 * buffers, invalid positions, illegal moves, tiny output buffers.
 * Prints "N passed, M failed" and exits non-zero on any failure. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#define CHECK_ST(expr, want)                                                                                     \
  do {                                                                                                           \
    tempo_status got_ = (expr);                                                                                  \
    if (got_ == (want)) {                                                                                        \
      ++passed;                                                                                                  \
    } else {                                                                                                     \
      ++failed;                                                                                                  \
      fprintf(stderr, "%s:%d: %s\n  returned %d (%s), expected %d (%s)\n", __FILE__, __LINE__, #expr, (int)got_, \
              tempo_status_string(got_), (int)(want), tempo_status_string(want));                                \
    }                                                                                                            \
  } while (0)

static tempo_position new_position(void) {
  tempo_position p;
  memset(&p, 0, sizeof p);
  p.size = sizeof p;
  return p;
}

static tempo_move new_move(void) {
  tempo_move m;
  memset(&m, 0, sizeof m);
  m.size = sizeof m;
  return m;
}

static tempo_position fen(const char* text) {
  tempo_position p = new_position();
  char err[200];
  tempo_status st = tempo_position_from_fen(text, &p, err, sizeof err);
  if (st != TEMPO_OK) fprintf(stderr, "fen(%s): %s\n", text, err);
  CHECK(st == TEMPO_OK);
  return p;
}

static void test_version_and_status_strings(void) {
  int code;
  CHECK(tempo_abi_version() == TEMPO_ABI_VERSION);
  for (code = TEMPO_OK; code <= TEMPO_ERR_INTERNAL; ++code) {
    const char* s = tempo_status_string(code);
    CHECK(s != NULL && strlen(s) > 0 && strcmp(s, "unknown status code") != 0);
  }
  CHECK(strcmp(tempo_status_string(-1), "unknown status code") == 0);
  CHECK(strcmp(tempo_status_string(1000), "unknown status code") == 0);
}

/* The one score text, on the scale GUIs read (wins just below 100 men). */
static void test_score_text(void) {
  char text[TEMPO_SCORE_TEXT];
  char tiny[4];
  size_t len = 0;
  CHECK_ST(tempo_score_text(25, text, sizeof text, &len), TEMPO_OK);
  CHECK(strcmp(text, "+0.25") == 0 && len == 5);
  CHECK_ST(tempo_score_text(-100, text, sizeof text, NULL), TEMPO_OK);
  CHECK(strcmp(text, "-1.00") == 0);
  CHECK_ST(tempo_score_text(TEMPO_WIN_SCORE - 7, text, sizeof text, NULL), TEMPO_OK);
  CHECK(strcmp(text, "+99.93") == 0);
  CHECK_ST(tempo_score_text(-(TEMPO_WIN_SCORE - 4), text, sizeof text, NULL), TEMPO_OK);
  CHECK(strcmp(text, "-99.96") == 0);
  CHECK_ST(tempo_score_text(-TEMPO_WIN_SCORE, text, sizeof text, &len), TEMPO_OK);
  CHECK(strcmp(text, "-100.00") == 0 && len == 7);
  CHECK_ST(tempo_score_text(TEMPO_WIN_THRESHOLD, text, sizeof text, NULL), TEMPO_OK);
  CHECK(strcmp(text, "+90.00") == 0); /* not a win: other scores stay within 90 men */
  CHECK_ST(tempo_score_text(INT32_MIN, text, sizeof text, NULL), TEMPO_OK); /* no such score: held at a loss now */
  CHECK(strcmp(text, "-100.00") == 0);
  CHECK_ST(tempo_score_text(INT32_MAX, text, sizeof text, NULL), TEMPO_OK);
  CHECK(strcmp(text, "+100.00") == 0);
  CHECK_ST(tempo_score_text(25, tiny, sizeof tiny, &len), TEMPO_ERR_BUFFER_TOO_SMALL);
  CHECK(len == 5 && tiny[0] == '\0');
  CHECK_ST(tempo_score_text(25, NULL, 8, &len), TEMPO_ERR_NULL_POINTER);
}

static void test_start_and_fen(void) {
  tempo_position p = new_position();
  tempo_position q;
  char text[TEMPO_FEN_TEXT];
  char tiny[5];
  char err[128];
  size_t len = 0;
  int s;

  CHECK_ST(tempo_position_start(&p), TEMPO_OK);
  for (s = 1; s <= 20; ++s) CHECK(p.squares[s] == TEMPO_BLACK_MAN);
  for (s = 21; s <= 30; ++s) CHECK(p.squares[s] == TEMPO_EMPTY);
  for (s = 31; s <= 50; ++s) CHECK(p.squares[s] == TEMPO_WHITE_MAN);
  CHECK(p.side == TEMPO_WHITE);
  CHECK_ST(tempo_position_start(NULL), TEMPO_ERR_NULL_POINTER);
  q = new_position();
  q.size = 8;
  CHECK_ST(tempo_position_start(&q), TEMPO_ERR_STRUCT_SIZE);

  CHECK_ST(tempo_position_to_fen(&p, text, sizeof text, &len), TEMPO_OK);
  CHECK(strcmp(text, "W:W31-50:B1-20") == 0);
  CHECK(len == strlen("W:W31-50:B1-20"));
  /* Too small: the needed length comes back and the buffer holds "". */
  len = 0;
  memset(tiny, 'z', sizeof tiny);
  CHECK_ST(tempo_position_to_fen(&p, tiny, sizeof tiny, &len), TEMPO_ERR_BUFFER_TOO_SMALL);
  CHECK(len == strlen("W:W31-50:B1-20") && tiny[0] == '\0');
  CHECK_ST(tempo_position_to_fen(&p, text, 15, &len), TEMPO_OK);                   /* exactly enough */
  CHECK_ST(tempo_position_to_fen(&p, text, 14, &len), TEMPO_ERR_BUFFER_TOO_SMALL); /* one short */
  CHECK_ST(tempo_position_to_fen(&p, NULL, 0, &len), TEMPO_ERR_BUFFER_TOO_SMALL);  /* a size query */
  CHECK(len == 14);
  CHECK_ST(tempo_position_to_fen(&p, NULL, 10, &len), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_position_to_fen(NULL, text, sizeof text, &len), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_position_to_fen(&p, text, sizeof text, NULL), TEMPO_OK);

  /* Round trip with kings and Black to move. */
  q = fen("B:WK4,31,32:BK47,10");
  CHECK(q.side == TEMPO_BLACK && q.squares[4] == TEMPO_WHITE_KING && q.squares[47] == TEMPO_BLACK_KING);
  CHECK(q.squares[10] == TEMPO_BLACK_MAN && q.squares[31] == TEMPO_WHITE_MAN);
  CHECK_ST(tempo_position_to_fen(&q, text, sizeof text, NULL), TEMPO_OK);
  {
    tempo_position r = fen(text);
    CHECK(memcmp(r.squares, q.squares, sizeof q.squares) == 0 && r.side == q.side);
  }

  /* Errors: malformed text, impossible positions, NULLs, sizes. */
  q = new_position();
  CHECK_ST(tempo_position_from_fen("W:W31-50:B1-2x", &q, err, sizeof err), TEMPO_ERR_PARSE);
  CHECK(strlen(err) > 0);
  CHECK_ST(tempo_position_from_fen("", &q, err, sizeof err), TEMPO_ERR_PARSE);
  CHECK_ST(tempo_position_from_fen("hello", &q, NULL, 0), TEMPO_ERR_PARSE);
  CHECK_ST(tempo_position_from_fen("W:W31-50:B31", &q, err, sizeof err), TEMPO_ERR_INVALID_POSITION); /* overlap */
  CHECK(strstr(err, "31") != NULL);
  CHECK_ST(tempo_position_from_fen("W:W1-21:B30", &q, err, sizeof err),
           TEMPO_ERR_INVALID_POSITION); /* 21 white, man on row 0 */
  CHECK_ST(tempo_position_from_fen("W:W6-26:BK50", &q, err, sizeof err), TEMPO_ERR_INVALID_POSITION); /* 21 white men */
  CHECK(strstr(err, "21") != NULL);
  CHECK_ST(tempo_position_from_fen("W:W30:B46", &q, err, sizeof err), TEMPO_ERR_INVALID_POSITION); /* black man on 46 */
  CHECK(strstr(err, "46") != NULL);
  CHECK_ST(tempo_position_from_fen(NULL, &q, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_position_from_fen("W:W31-50:B1-20", NULL, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  q.size = sizeof q - 1;
  CHECK_ST(tempo_position_from_fen("W:W31-50:B1-20", &q, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  /* A tiny error buffer is truncated, still NUL-terminated. */
  q = new_position();
  memset(tiny, 'z', sizeof tiny);
  CHECK_ST(tempo_position_from_fen("W:W31-50:B31", &q, tiny, sizeof tiny), TEMPO_ERR_INVALID_POSITION);
  CHECK(tiny[4] == '\0' && strlen(tiny) == 4);
  /* A newer caller's larger struct is accepted; the tail is left alone. */
  {
    unsigned char big[sizeof(tempo_position) + 16];
    tempo_position* bp;
    size_t i;
    int tail_ok = 1;
    /* 8-byte aligned storage for the bigger struct. */
    uint64_t storage[(sizeof big + 7) / 8];
    memset(storage, 0xAB, sizeof storage);
    bp = (tempo_position*)(void*)storage;
    bp->size = (uint32_t)(sizeof(tempo_position) + 16);
    CHECK_ST(tempo_position_from_fen("W:W31-50:B1-20", bp, NULL, 0), TEMPO_OK);
    for (i = sizeof(tempo_position); i < sizeof(tempo_position) + 16; ++i) {
      if (((unsigned char*)storage)[i] != 0xAB) tail_ok = 0;
    }
    CHECK(tail_ok);
    CHECK(bp->squares[50] == TEMPO_WHITE_MAN);
    (void)big;
  }
}

static void test_validate(void) {
  tempo_position p = new_position();
  char err[160];
  CHECK_ST(tempo_position_start(&p), TEMPO_OK);
  CHECK_ST(tempo_position_validate(&p, err, sizeof err), TEMPO_OK);
  CHECK(err[0] == '\0');
  p.squares[25] = 9; /* not a piece code */
  CHECK_ST(tempo_position_validate(&p, err, sizeof err), TEMPO_ERR_INVALID_POSITION);
  CHECK(strstr(err, "25") != NULL);
  p.squares[25] = TEMPO_EMPTY;
  p.side = 2;
  CHECK_ST(tempo_position_validate(&p, err, sizeof err), TEMPO_ERR_INVALID_POSITION);
  p.side = TEMPO_WHITE;
  p.squares[3] = TEMPO_WHITE_MAN; /* white man on its promotion row, also 21 white pieces */
  p.squares[3] = TEMPO_EMPTY;
  p.squares[1] = TEMPO_EMPTY;
  p.squares[2] = TEMPO_WHITE_MAN;
  CHECK_ST(tempo_position_validate(&p, err, sizeof err), TEMPO_ERR_INVALID_POSITION);
  CHECK(strstr(err, "promotion") != NULL || strstr(err, "20") != NULL);
  /* squares[0] is not a square: anything but 0 there is refused, by every
     function that takes a position. */
  CHECK_ST(tempo_position_start(&p), TEMPO_OK);
  p.squares[0] = TEMPO_WHITE_MAN;
  CHECK_ST(tempo_position_validate(&p, err, sizeof err), TEMPO_ERR_INVALID_POSITION);
  CHECK(strstr(err, "squares[0]") != NULL);
  CHECK_ST(tempo_position_to_fen(&p, err, sizeof err, NULL), TEMPO_ERR_INVALID_POSITION);
  p.squares[0] = TEMPO_EMPTY;
  CHECK_ST(tempo_position_validate(&p, err, sizeof err), TEMPO_OK);
  CHECK_ST(tempo_position_validate(NULL, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  p.size = 0;
  CHECK_ST(tempo_position_validate(&p, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  /* Misaligned struct pointer. */
  {
    uint64_t storage[16];
    tempo_position* mp = (tempo_position*)(void*)((unsigned char*)storage + 1);
    CHECK_ST(tempo_position_validate(mp, err, sizeof err), TEMPO_ERR_MISALIGNED);
  }
}

static void test_squares(void) {
  int32_t sq[51];
  int32_t back[51];
  int32_t big[60];
  tempo_position p = new_position();
  tempo_position q = new_position();
  char err[160];
  int s;
  int32_t r = 0;

  /* The app's board: White men on 1-20 in its rotated numbering. */
  memset(sq, 0, sizeof sq);
  for (s = 1; s <= 20; ++s) sq[s] = TEMPO_WHITE_MAN;
  for (s = 31; s <= 50; ++s) sq[s] = TEMPO_BLACK_MAN;
  CHECK_ST(tempo_position_from_squares(sq, 51, TEMPO_WHITE, TEMPO_NUMBERING_ROTATED, &p, err, sizeof err), TEMPO_OK);
  CHECK_ST(tempo_position_start(&q), TEMPO_OK);
  CHECK(memcmp(p.squares, q.squares, sizeof p.squares) == 0);
  CHECK_ST(tempo_position_to_squares(&p, TEMPO_NUMBERING_ROTATED, back, 51), TEMPO_OK);
  CHECK(memcmp(sq + 1, back + 1, 50 * sizeof(int32_t)) == 0 && back[0] == 0);
  CHECK_ST(tempo_position_to_squares(&p, TEMPO_NUMBERING_FMJD, back, 51), TEMPO_OK);
  CHECK(back[1] == TEMPO_BLACK_MAN && back[50] == TEMPO_WHITE_MAN);
  CHECK_ST(tempo_position_to_squares(&p, TEMPO_NUMBERING_FMJD, big, 60), TEMPO_OK);
  CHECK(big[59] == 0 && big[50] == TEMPO_WHITE_MAN);
  CHECK_ST(tempo_position_from_squares(back, 51, TEMPO_WHITE, TEMPO_NUMBERING_FMJD, &q, err, sizeof err), TEMPO_OK);
  CHECK(memcmp(p.squares, q.squares, sizeof p.squares) == 0);

  /* Errors. */
  CHECK_ST(tempo_position_to_squares(&p, TEMPO_NUMBERING_FMJD, back, 50), TEMPO_ERR_BUFFER_TOO_SMALL);
  CHECK_ST(tempo_position_to_squares(&p, 7, back, 51), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK_ST(tempo_position_to_squares(&p, TEMPO_NUMBERING_FMJD, NULL, 51), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_position_to_squares(NULL, TEMPO_NUMBERING_FMJD, back, 51), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_position_from_squares(sq, 50, TEMPO_WHITE, TEMPO_NUMBERING_FMJD, &q, err, sizeof err),
           TEMPO_ERR_INVALID_ARGUMENT);
  CHECK_ST(tempo_position_from_squares(sq, 51, 5, TEMPO_NUMBERING_FMJD, &q, err, sizeof err),
           TEMPO_ERR_INVALID_ARGUMENT);
  CHECK_ST(tempo_position_from_squares(sq, 51, TEMPO_WHITE, -1, &q, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK_ST(tempo_position_from_squares(NULL, 51, TEMPO_WHITE, TEMPO_NUMBERING_FMJD, &q, err, sizeof err),
           TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_position_from_squares(sq, 51, TEMPO_WHITE, TEMPO_NUMBERING_FMJD, NULL, err, sizeof err),
           TEMPO_ERR_NULL_POINTER);
  {
    /* In FMJD numbering this array has white men on 1-20: on White's own
     * promotion row, impossible. */
    CHECK_ST(tempo_position_from_squares(sq, 51, TEMPO_WHITE, TEMPO_NUMBERING_FMJD, &q, err, sizeof err),
             TEMPO_ERR_INVALID_POSITION);
    CHECK(strstr(err, "promotion") != NULL);
  }
  sq[25] = 5;
  CHECK_ST(tempo_position_from_squares(sq, 51, TEMPO_WHITE, TEMPO_NUMBERING_ROTATED, &q, err, sizeof err),
           TEMPO_ERR_INVALID_POSITION);
  sq[25] = TEMPO_WHITE_MAN; /* a 21st white piece */
  CHECK_ST(tempo_position_from_squares(sq, 51, TEMPO_WHITE, TEMPO_NUMBERING_ROTATED, &q, err, sizeof err),
           TEMPO_ERR_INVALID_POSITION);
  CHECK(strstr(err, "20") != NULL);
  {
    uint64_t storage[32];
    int32_t* mis = (int32_t*)(void*)((unsigned char*)storage + 2);
    CHECK_ST(tempo_position_from_squares(mis, 51, TEMPO_WHITE, TEMPO_NUMBERING_FMJD, &q, err, sizeof err),
             TEMPO_ERR_MISALIGNED);
  }

  CHECK_ST(tempo_rotate_square(1, &r), TEMPO_OK);
  CHECK(r == 50);
  CHECK_ST(tempo_rotate_square(50, &r), TEMPO_OK);
  CHECK(r == 1);
  CHECK_ST(tempo_rotate_square(23, &r), TEMPO_OK);
  CHECK(r == 28);
  CHECK_ST(tempo_rotate_square(0, &r), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK_ST(tempo_rotate_square(51, &r), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK_ST(tempo_rotate_square(5, NULL), TEMPO_ERR_NULL_POINTER);
}

static const tempo_move* find_move(const tempo_move* moves, uint32_t n, int from, int to) {
  uint32_t i;
  for (i = 0; i < n; ++i) {
    if (moves[i].from == from && moves[i].to == to) return &moves[i];
  }
  return NULL;
}

static void test_legal_moves_and_play(void) {
  tempo_position p = new_position();
  tempo_position q = new_position();
  tempo_move moves[TEMPO_MAX_MOVES];
  tempo_move few[3];
  tempo_move m;
  uint32_t n = 0;
  const tempo_move* found;
  char text[TEMPO_MOVE_TEXT];

  memset(moves, 0, sizeof moves);
  CHECK_ST(tempo_position_start(&p), TEMPO_OK);
  CHECK_ST(tempo_legal_moves(&p, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, &n), TEMPO_OK);
  CHECK(n == 9);
  CHECK(moves[0].size == sizeof(tempo_move));
  found = find_move(moves, n, 32, 28);
  CHECK(found != NULL && found->capture_count == 0 && found->path_length == 2);
  CHECK(found != NULL && found->path[0] == 32 && found->path[1] == 28);

  /* Too small: the count still comes back, the first `capacity` are written. */
  n = 0;
  memset(few, 0, sizeof few);
  CHECK_ST(tempo_legal_moves(&p, few, sizeof(tempo_move), 3, &n), TEMPO_ERR_BUFFER_TOO_SMALL);
  CHECK(n == 9 && few[2].from != 0);
  CHECK_ST(tempo_legal_moves(&p, NULL, sizeof(tempo_move), 0, &n), TEMPO_ERR_BUFFER_TOO_SMALL);
  CHECK(n == 9);
  CHECK_ST(tempo_legal_moves(&p, NULL, sizeof(tempo_move), 5, &n), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_legal_moves(&p, moves, 40, TEMPO_MAX_MOVES, &n), TEMPO_ERR_STRUCT_SIZE);
  CHECK_ST(tempo_legal_moves(&p, moves, sizeof(tempo_move) + 2, 10, &n), TEMPO_ERR_MISALIGNED);
  CHECK_ST(tempo_legal_moves(&p, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, NULL), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_legal_moves(NULL, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, &n), TEMPO_ERR_NULL_POINTER);
  /* A larger stride (a newer caller's tempo_move) works. */
  {
    uint64_t storage[9 * 64 / 8];
    const tempo_move* second;
    CHECK_ST(tempo_legal_moves(&p, (tempo_move*)(void*)storage, 64, 9, &n), TEMPO_OK);
    second = (const tempo_move*)(const void*)((const unsigned char*)storage + 64);
    CHECK(second->size == 64 && second->from >= 31 && second->from <= 35);
  }

  /* Play 32-28 and check the board. */
  m = *found;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_OK);
  CHECK(q.squares[32] == TEMPO_EMPTY && q.squares[28] == TEMPO_WHITE_MAN && q.side == TEMPO_BLACK);
  /* In place. */
  CHECK_ST(tempo_play_move(&p, &m, &p), TEMPO_OK);
  CHECK(memcmp(&p, &q, sizeof p) == 0);

  /* Illegal moves: wrong side, not a move, bad squares, bad captures. */
  m = new_move();
  m.from = 19;
  m.to = 23;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_OK); /* Black's 19-23 is legal */
  m.from = 33;
  m.to = 29;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_ERR_ILLEGAL_MOVE); /* White's man, Black to move */
  m.from = 0;
  m.to = 23;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_ERR_ILLEGAL_MOVE);
  m.from = 19;
  m.to = 23;
  m.capture_count = 1;
  m.captured[0] = 28;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_ERR_ILLEGAL_MOVE);
  m.capture_count = 25;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_ERR_ILLEGAL_MOVE);
  m.capture_count = 0;
  m.size = 4;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_ERR_STRUCT_SIZE);
  CHECK_ST(tempo_play_move(&p, NULL, &q), TEMPO_ERR_NULL_POINTER);
  m.size = sizeof m;
  CHECK_ST(tempo_play_move(&p, &m, NULL), TEMPO_ERR_NULL_POINTER);
  p.squares[1] = TEMPO_WHITE_MAN; /* white man on its promotion row */
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_ERR_INVALID_POSITION);
  CHECK_ST(tempo_legal_moves(&p, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, &n), TEMPO_ERR_INVALID_POSITION);

  /* Mandatory capture with path and captured squares: white 28 takes 23
   * and 12 ... a double capture. */
  p = fen("W:W28:B23,13");
  CHECK_ST(tempo_legal_moves(&p, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, &n), TEMPO_OK);
  CHECK(n == 1);
  CHECK(moves[0].from == 28 && moves[0].to == 8 && moves[0].capture_count == 2);
  CHECK(moves[0].captured[0] == 13 && moves[0].captured[1] == 23);
  CHECK(moves[0].path_length == 3 && moves[0].path[0] == 28 && moves[0].path[1] == 19 && moves[0].path[2] == 8);
  CHECK_ST(tempo_move_to_pdn(&p, &moves[0], text, sizeof text, NULL), TEMPO_OK);
  CHECK(strcmp(text, "28x8") == 0);
  CHECK_ST(tempo_move_to_hub(&p, &moves[0], text, sizeof text, NULL), TEMPO_OK);
  CHECK(strcmp(text, "28x8x13x23") == 0);
  /* The quiet move is illegal when a capture exists. */
  m = new_move();
  m.from = 28;
  m.to = 22;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_ERR_ILLEGAL_MOVE);
  /* Captured order does not matter when passing a move in. */
  m = moves[0];
  m.captured[0] = 23;
  m.captured[1] = 13;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_OK);
  CHECK(q.squares[8] == TEMPO_WHITE_MAN && q.squares[23] == TEMPO_EMPTY && q.squares[13] == TEMPO_EMPTY);
  m.captured[1] = 23; /* captured twice */
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_ERR_ILLEGAL_MOVE);

  /* No legal move: OK with count 0. */
  p = fen("W:W46:B41,37");
  CHECK_ST(tempo_legal_moves(&p, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, &n), TEMPO_OK);
  CHECK(n == 0);

  /* Promotion. */
  p = fen("W:W6:B45");
  m = new_move();
  m.from = 6;
  m.to = 1;
  CHECK_ST(tempo_play_move(&p, &m, &q), TEMPO_OK);
  CHECK(q.squares[1] == TEMPO_WHITE_KING);
}

static void test_move_text(void) {
  tempo_position p = new_position();
  tempo_move m = new_move();
  tempo_move moves[TEMPO_MAX_MOVES];
  uint32_t n = 0, i;
  char text[TEMPO_MOVE_TEXT];
  char tiny[3];
  char err[200];
  size_t len = 0;
  int ambiguous_pairs = 0;

  CHECK_ST(tempo_position_start(&p), TEMPO_OK);
  CHECK_ST(tempo_move_from_pdn(&p, "32-28", &m, err, sizeof err), TEMPO_OK);
  CHECK(m.from == 32 && m.to == 28 && m.capture_count == 0 && m.path_length == 2);
  CHECK_ST(tempo_move_to_pdn(&p, &m, text, sizeof text, &len), TEMPO_OK);
  CHECK(strcmp(text, "32-28") == 0 && len == 5);
  CHECK_ST(tempo_move_to_pdn(&p, &m, tiny, sizeof tiny, &len), TEMPO_ERR_BUFFER_TOO_SMALL);
  CHECK(len == 5 && tiny[0] == '\0');
  CHECK_ST(tempo_move_to_hub(&p, &m, tiny, sizeof tiny, &len), TEMPO_ERR_BUFFER_TOO_SMALL);
  CHECK_ST(tempo_move_from_hub(&p, "32-28", &m, err, sizeof err), TEMPO_OK);
  CHECK(m.from == 32 && m.to == 28);

  CHECK_ST(tempo_move_from_pdn(&p, "32-26", &m, err, sizeof err), TEMPO_ERR_ILLEGAL_MOVE);
  CHECK(strlen(err) > 0);
  CHECK_ST(tempo_move_from_pdn(&p, "32--28", &m, err, sizeof err), TEMPO_ERR_PARSE);
  CHECK_ST(tempo_move_from_pdn(&p, "", &m, err, sizeof err), TEMPO_ERR_PARSE);
  CHECK_ST(tempo_move_from_pdn(&p, "hello", &m, NULL, 0), TEMPO_ERR_PARSE);
  CHECK_ST(tempo_move_from_hub(&p, "19-23", &m, err, sizeof err), TEMPO_ERR_ILLEGAL_MOVE);
  CHECK_ST(tempo_move_from_hub(&p, "x", &m, err, sizeof err), TEMPO_ERR_PARSE);
  CHECK_ST(tempo_move_from_pdn(NULL, "32-28", &m, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_move_from_pdn(&p, NULL, &m, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_move_from_pdn(&p, "32-28", NULL, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_move_from_hub(&p, "32-28", NULL, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  m.size = 3;
  CHECK_ST(tempo_move_from_pdn(&p, "32-28", &m, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  m.size = sizeof m;
  m.from = 19;
  m.to = 23;
  m.capture_count = 0;
  CHECK_ST(tempo_move_to_pdn(&p, &m, text, sizeof text, &len), TEMPO_ERR_ILLEGAL_MOVE);
  CHECK_ST(tempo_move_to_hub(&p, &m, text, sizeof text, &len), TEMPO_ERR_ILLEGAL_MOVE);
  CHECK_ST(tempo_move_to_pdn(NULL, &m, text, sizeof text, &len), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_move_to_pdn(&p, NULL, text, sizeof text, &len), TEMPO_ERR_NULL_POINTER);
  {
    /* A very long unterminated-looking text is rejected, not over-read. */
    char* longtext = (char*)malloc(10000);
    CHECK(longtext != NULL);
    if (longtext != NULL) {
      memset(longtext, '1', 9999);
      longtext[9999] = '\0';
      CHECK_ST(tempo_move_from_pdn(&p, longtext, &m, err, sizeof err), TEMPO_ERR_PARSE);
      CHECK_ST(tempo_position_from_fen(longtext, &p, err, sizeof err), TEMPO_ERR_PARSE);
      free(longtext);
    }
  }

  /* An ambiguous king capture: a king with two routes to the same square over
   * different pieces. The short form is ambiguous, the long form and the Hub
   * form are not; every legal move's own text reads back to itself. */
  p = fen("W:WK21:B12-14,34");
  CHECK_ST(tempo_legal_moves(&p, moves, sizeof(tempo_move), TEMPO_MAX_MOVES, &n), TEMPO_OK);
  for (i = 0; i < n; ++i) {
    tempo_move back = new_move();
    uint32_t j;
    CHECK_ST(tempo_move_to_pdn(&p, &moves[i], text, sizeof text, NULL), TEMPO_OK);
    CHECK_ST(tempo_move_from_pdn(&p, text, &back, err, sizeof err), TEMPO_OK);
    CHECK(back.from == moves[i].from && back.to == moves[i].to &&
          memcmp(back.captured, moves[i].captured, sizeof back.captured) == 0);
    CHECK_ST(tempo_move_to_hub(&p, &moves[i], text, sizeof text, NULL), TEMPO_OK);
    CHECK_ST(tempo_move_from_hub(&p, text, &back, err, sizeof err), TEMPO_OK);
    CHECK(memcmp(back.captured, moves[i].captured, sizeof back.captured) == 0);
    for (j = i + 1; j < n; ++j) {
      if (moves[i].from == moves[j].from && moves[i].to == moves[j].to) {
        char short_form[16];
        ++ambiguous_pairs;
        sprintf(short_form, "%dx%d", moves[i].from, moves[i].to);
        CHECK_ST(tempo_move_from_pdn(&p, short_form, &back, err, sizeof err), TEMPO_ERR_AMBIGUOUS_MOVE);
      }
    }
  }
  CHECK(ambiguous_pairs > 0);
}

static void test_game_status(void) {
  static const char* const shuffle[9] = {"46-41", "1-6", "41-46", "6-1", "46-41", "1-6", "41-46", "6-1", "46-41"};
  tempo_position start = new_position();
  tempo_position p;
  tempo_game_state st;
  tempo_move moves[9];
  char err[200];
  int i;

  memset(&st, 0, sizeof st);
  st.size = sizeof st;
  CHECK_ST(tempo_position_start(&start), TEMPO_OK);
  CHECK_ST(tempo_game_status(&start, NULL, sizeof(tempo_move), 0, &st, err, sizeof err), TEMPO_OK);
  CHECK(st.result == TEMPO_RESULT_ONGOING && st.draw_rule == TEMPO_DRAW_NONE && st.side_to_move == TEMPO_WHITE);
  CHECK(st.plies == 0 && st.legal_moves == 9 && st.repetitions == 1);
  CHECK(st.position.size == sizeof(tempo_position) && memcmp(st.position.squares, start.squares, 51) == 0);

  /* No legal move for White: Black wins. */
  p = fen("W:W46:B41,37");
  CHECK_ST(tempo_game_status(&p, NULL, sizeof(tempo_move), 0, &st, err, sizeof err), TEMPO_OK);
  CHECK(st.result == TEMPO_RESULT_BLACK_WINS && st.legal_moves == 0);

  /* Kings shuffling: the start position the third time after 8 plies. */
  p = fen("W:WK46,K47,K48,K49:BK1,K2,K3,K4");
  start = p;
  for (i = 0; i < 9; ++i) {
    tempo_position next = new_position();
    moves[i] = new_move();
    CHECK_ST(tempo_move_from_pdn(&p, shuffle[i], &moves[i], err, sizeof err), TEMPO_OK);
    CHECK_ST(tempo_play_move(&p, &moves[i], &next), TEMPO_OK);
    p = next;
  }
  CHECK_ST(tempo_game_status(&start, moves, sizeof(tempo_move), 4, &st, err, sizeof err), TEMPO_OK);
  CHECK(st.result == TEMPO_RESULT_ONGOING && st.repetitions == 2 && st.king_plies == 4);
  CHECK_ST(tempo_game_status(&start, moves, sizeof(tempo_move), 8, &st, err, sizeof err), TEMPO_OK);
  CHECK(st.result == TEMPO_RESULT_DRAW && st.draw_rule == TEMPO_DRAW_REPETITION && st.repetitions == 3);
  CHECK(st.plies == 8 && st.legal_moves == 0 && st.king_plies == 8);
  /* A move after the end. */
  CHECK_ST(tempo_game_status(&start, moves, sizeof(tempo_move), 9, &st, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "ply 9") != NULL);
  /* An illegal move names its ply. */
  moves[1] = moves[0];
  CHECK_ST(tempo_game_status(&start, moves, sizeof(tempo_move), 4, &st, err, sizeof err), TEMPO_ERR_ILLEGAL_MOVE);
  CHECK(strstr(err, "ply 2") != NULL);

  /* Errors. */
  CHECK_ST(tempo_game_status(NULL, NULL, sizeof(tempo_move), 0, &st, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_game_status(&start, NULL, sizeof(tempo_move), 0, NULL, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_game_status(&start, NULL, sizeof(tempo_move), 3, &st, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_game_status(&start, moves, 20, 3, &st, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  st.size = 50;
  CHECK_ST(tempo_game_status(&start, NULL, sizeof(tempo_move), 0, &st, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  st.size = sizeof st;
  start.squares[10] = TEMPO_WHITE_KING;
  start.squares[10] = 7;
  CHECK_ST(tempo_game_status(&start, NULL, sizeof(tempo_move), 0, &st, err, sizeof err), TEMPO_ERR_INVALID_POSITION);
}

static tempo_search_request new_request(const tempo_position* start) {
  tempo_search_request r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  r.level = TEMPO_LEVEL_EXPERT;
  r.start = start;
  r.move_size = sizeof(tempo_move);
  r.depth = 4;
  return r;
}

static tempo_search_result* new_result(void) {
  static tempo_search_result r; /* 18 KB: keep it off the stack */
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  return &r;
}

static void test_table(void) {
  uint64_t storage[(TEMPO_TABLE_MIN_BYTES + 64) / 8];
  uint8_t* tt = (uint8_t*)storage;
  tempo_table_info info;
  tempo_position start = new_position();
  tempo_search_request req;
  tempo_search_result* res = new_result();
  char err[200];

  memset(storage, 0, sizeof storage);
  memset(&info, 0, sizeof info);
  info.size = sizeof info;
  CHECK_ST(tempo_table_get_info(tt, TEMPO_TABLE_MIN_BYTES, &info), TEMPO_OK);
  CHECK(info.status == TEMPO_TABLE_FRESH && info.generation == 0 && info.fill == 0.0);
  CHECK(info.entries > 0 && info.bytes <= TEMPO_TABLE_MIN_BYTES);

  /* A search fills it; the info says so. */
  CHECK_ST(tempo_position_start(&start), TEMPO_OK);
  req = new_request(&start);
  CHECK_ST(tempo_search(&req, tt, TEMPO_TABLE_MIN_BYTES, res, err, sizeof err), TEMPO_OK);
  CHECK(res->tt_status == TEMPO_TABLE_FRESH);
  CHECK_ST(tempo_table_get_info(tt, TEMPO_TABLE_MIN_BYTES, &info), TEMPO_OK);
  CHECK(info.status == TEMPO_TABLE_REUSED && info.generation >= 1 && info.fill > 0.0);
  CHECK(info.format_version >= 1);
  /* Garbage bytes are reported, and a search resets them without fuss. */
  memset(storage, 0x5A, sizeof storage);
  CHECK_ST(tempo_table_get_info(tt, TEMPO_TABLE_MIN_BYTES, &info), TEMPO_OK);
  CHECK(info.status == TEMPO_TABLE_RESET && info.reason == TEMPO_TABLE_REASON_BAD_MAGIC);
  CHECK_ST(tempo_search(&req, tt, TEMPO_TABLE_MIN_BYTES, res, err, sizeof err), TEMPO_OK);
  CHECK(res->tt_status == TEMPO_TABLE_RESET && res->tt_reason == TEMPO_TABLE_REASON_BAD_MAGIC);
  /* A misaligned table buffer works. */
  CHECK_ST(tempo_search(&req, tt + 3, TEMPO_TABLE_MIN_BYTES, res, err, sizeof err), TEMPO_OK);
  CHECK_ST(tempo_table_get_info(tt + 3, TEMPO_TABLE_MIN_BYTES, &info), TEMPO_OK);
  CHECK(info.status == TEMPO_TABLE_REUSED);
  /* Clear makes it fresh. */
  CHECK_ST(tempo_table_clear(tt, TEMPO_TABLE_MIN_BYTES), TEMPO_OK);
  CHECK_ST(tempo_table_get_info(tt, TEMPO_TABLE_MIN_BYTES, &info), TEMPO_OK);
  CHECK(info.status == TEMPO_TABLE_FRESH && info.generation == 0);

  /* Errors. */
  CHECK_ST(tempo_table_get_info(NULL, TEMPO_TABLE_MIN_BYTES, &info), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_table_get_info(tt, TEMPO_TABLE_MIN_BYTES - 1, &info), TEMPO_ERR_TABLE);
  CHECK_ST(tempo_table_get_info(tt, 100, &info), TEMPO_ERR_TABLE);
  CHECK_ST(tempo_table_get_info(tt, TEMPO_TABLE_MIN_BYTES, NULL), TEMPO_ERR_NULL_POINTER);
  info.size = 12;
  CHECK_ST(tempo_table_get_info(tt, TEMPO_TABLE_MIN_BYTES, &info), TEMPO_ERR_STRUCT_SIZE);
  CHECK_ST(tempo_table_clear(NULL, TEMPO_TABLE_MIN_BYTES), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_table_clear(tt, 1000), TEMPO_ERR_TABLE);
  CHECK_ST(tempo_search(&req, tt, 1000, res, err, sizeof err), TEMPO_ERR_TABLE);
  CHECK(strstr(err, "1000") != NULL);
  CHECK_ST(tempo_search(&req, NULL, 1000, res, err, sizeof err), TEMPO_ERR_NULL_POINTER);
}

static void test_search(void) {
  tempo_position start = new_position();
  tempo_position p;
  tempo_search_request req;
  tempo_search_result* res = new_result();
  tempo_move history[2];
  tempo_move best;
  char err[200];
  int32_t cancel = 0;
  int i;

  CHECK_ST(tempo_position_start(&start), TEMPO_OK);
  req = new_request(&start);
  /* No table at all is allowed. */
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->has_move == 1 && res->depth >= 1 && res->nodes > 0 && strlen(res->pv) > 0);
  CHECK(res->best_move.size == sizeof(tempo_move) && res->best_move.from >= 31 && res->best_move.from <= 35);
  p = start;
  best = res->best_move;
  CHECK_ST(tempo_play_move(&start, &best, &p), TEMPO_OK);

  /* Multi-PV: the 9 opening moves, best first, all different. */
  req.multipv = 9;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->multipv_count == 9);
  for (i = 1; i < res->multipv_count; ++i) {
    CHECK(res->multipv[i].score <= res->multipv[i - 1].score);
    CHECK(res->multipv[i].move.from != res->multipv[0].move.from || res->multipv[i].move.to != res->multipv[0].move.to);
  }
  req.multipv = 1;

  /* History: the search runs from the position after it. */
  history[0] = new_move();
  history[1] = new_move();
  CHECK_ST(tempo_move_from_pdn(&start, "32-28", &history[0], err, sizeof err), TEMPO_OK);
  CHECK_ST(tempo_play_move(&start, &history[0], &p), TEMPO_OK);
  CHECK_ST(tempo_move_from_pdn(&p, "19-23", &history[1], err, sizeof err), TEMPO_OK);
  req.moves = history;
  req.move_count = 2;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->has_move == 1 && res->best_move.from == 28 && res->best_move.to == 19 &&
        res->best_move.capture_count == 1);

  /* A pre-set cancel flag still gives a legal move. */
  cancel = 1;
  req.cancel = &cancel;
  req.move_count = 0;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->has_move == 1 && res->cancelled == 1);
  CHECK_ST(tempo_play_move(&start, &res->best_move, &p), TEMPO_OK);
  req.cancel = NULL;

  /* No legal move: OK, has_move 0. */
  p = fen("W:W46:B41,37");
  req = new_request(&p);
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->has_move == 0);

  /* Errors. */
  req = new_request(&start);
  CHECK_ST(tempo_search(NULL, NULL, 0, res, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_search(&req, NULL, 0, NULL, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  req.size = 16;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  req.size = sizeof req;
  res->size = 100;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  res->size = sizeof *res;
  req.start = NULL;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  p = start;
  p.squares[3] = TEMPO_WHITE_MAN; /* white man on its promotion row */
  req.start = &p;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_POSITION);
  req.start = &start;
  req.level = 4;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "level") != NULL);
  req.level = TEMPO_LEVEL_EASY;
  req.multipv = 33;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  req.multipv = 1;
  req.movetime_ms = -5;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  req.movetime_ms = 0;
  req.depth = 1000;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  req.depth = 3;
  req.moves = NULL;
  req.move_count = 2;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  req.moves = history;
  req.move_size = 8;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  req.move_size = sizeof(tempo_move);
  history[1] = history[0]; /* White's move again, with Black to move */
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_ILLEGAL_MOVE);
  CHECK(strstr(err, "ply 2") != NULL);
  {
    uint64_t storage[2];
    req.move_count = 0;
    req.cancel = (int32_t*)(void*)((unsigned char*)storage + 1);
    CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_MISALIGNED);
  }
}

/* ABI 2: the level's parameters one by one; ABI 1-sized requests still work. */
static void test_overrides(void) {
  tempo_position start = new_position();
  tempo_search_request req;
  tempo_search_result* res = new_result();
  char err[200];
  uint64_t easy_nodes;
  int32_t easy_depth;
  int32_t easy_score;

  CHECK(TEMPO_ABI_VERSION == 6);
  CHECK_ST(tempo_position_start(&start), TEMPO_OK);

  /* Easy stops at its 3 plies (or its node budget first); zero-filled
   * overrides change nothing. */
  req = new_request(&start);
  req.level = TEMPO_LEVEL_EASY;
  req.depth = 0;
  req.seed = 5;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->depth >= 1 && res->depth <= 3);
  easy_depth = res->depth;
  easy_nodes = res->nodes;
  easy_score = res->score;

  /* An ABI 1 caller's request (smaller size, no override fields) plays the
   * level the same way, whatever lies beyond its size. */
  req.size = (uint32_t)offsetof(tempo_search_request, overrides);
  req.overrides = 0xFFFFFFFFu;
  req.max_depth = -7;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->depth == easy_depth && res->nodes == easy_nodes && res->score == easy_score);
  req.size = (uint32_t)offsetof(tempo_search_request, overrides) - 4;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);

  /* Easy with a deeper horizon, no node budget, noise or blunders, the whole
   * capture horizon and the full evaluation. */
  req = new_request(&start);
  req.level = TEMPO_LEVEL_EASY;
  req.depth = 0;
  req.seed = 5;
  req.overrides = TEMPO_OVERRIDE_MAX_DEPTH | TEMPO_OVERRIDE_EVAL_NOISE | TEMPO_OVERRIDE_BLUNDER_PROBABILITY |
                  TEMPO_OVERRIDE_FEATURE_SCALE | TEMPO_OVERRIDE_MAX_NODES | TEMPO_OVERRIDE_CAPTURE_HORIZON;
  req.max_depth = 6;
  req.eval_noise = 0;
  req.blunder_probability = 0.0;
  req.feature_scale = 1.0;
  req.max_nodes = 0;
  req.capture_horizon = 127;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->depth == 6 && res->blunder == 0);
  {
    /* ... which is Expert at depth 6 (no table buffer here), node for node. */
    tempo_search_result expert;
    tempo_search_request e = new_request(&start);
    memcpy(&expert, res, sizeof expert < sizeof *res ? sizeof expert : sizeof *res);
    e.depth = 6;
    CHECK_ST(tempo_search(&e, NULL, 0, res, err, sizeof err), TEMPO_OK);
    CHECK(res->nodes == expert.nodes && res->score == expert.score);
  }
  /* Material only: the start position scores exactly 0 at any depth. */
  req.overrides = TEMPO_OVERRIDE_FEATURE_SCALE | TEMPO_OVERRIDE_EVAL_NOISE;
  req.feature_scale = 0.0;
  req.eval_noise = 0;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->score == 0);

  /* Bad values are refused with a message naming the field. */
  req.overrides = TEMPO_OVERRIDE_MAX_DEPTH;
  req.max_depth = 0;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "max_depth") != NULL);
  req.overrides = TEMPO_OVERRIDE_BLUNDER_PROBABILITY;
  req.blunder_probability = 1.5;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "blunder_probability") != NULL);
  req.overrides = TEMPO_OVERRIDE_BLUNDER_MARGIN;
  req.blunder_margin = -1;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "blunder_margin") != NULL);
  req.overrides = TEMPO_OVERRIDE_FEATURE_SCALE;
  req.feature_scale = -1.0;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "feature_scale") != NULL);
  req.overrides = TEMPO_OVERRIDE_EVAL_NOISE;
  req.eval_noise = 10001;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  req.overrides = 1u << 16;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "unknown bits") != NULL);
}

/* ABI 5: strength sets the ladder's parameters; the request's other
 * overrides apply after it, whatever their bits. */
static void test_strength(void) {
  tempo_position start = new_position();
  tempo_search_request req;
  tempo_search_result* res = new_result();
  char err[200];
  uint64_t budget_nodes;

  CHECK_ST(tempo_position_start(&start), TEMPO_OK);
  req = new_request(&start);
  req.depth = 0;
  req.overrides = TEMPO_OVERRIDE_STRENGTH | TEMPO_OVERRIDE_BOOK;
  req.book = 0;       /* searched, not the opening book's move */
  req.strength = 400; /* the lowest step: a small node budget and depth */
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->has_move && res->depth >= 1 && res->depth <= 4 && res->nodes <= 1000);
  budget_nodes = res->nodes;
  /* The same request at Easy's level: strength replaces the level's values. */
  req.level = TEMPO_LEVEL_EASY;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->nodes == budget_nodes);
  /* A node budget given with it wins over the strength's. */
  req.overrides = TEMPO_OVERRIDE_STRENGTH | TEMPO_OVERRIDE_MAX_NODES | TEMPO_OVERRIDE_MAX_DEPTH | TEMPO_OVERRIDE_BOOK;
  req.max_nodes = 5;
  req.max_depth = 1;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->has_move && res->nodes <= 5);
  /* Out of range, and a request too short for the field, name it. */
  req.overrides = TEMPO_OVERRIDE_STRENGTH;
  req.strength = 399;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "strength") != NULL);
  req.strength = 3001;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  req.strength = 1000;
  req.size = (uint32_t)offsetof(tempo_search_request, strength);
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "strength") != NULL && strstr(err, "ABI 5") != NULL);
  /* An ABI 3 request (no ladder fields) is served as before. */
  req.overrides = 0;
  req.size = (uint32_t)offsetof(tempo_search_request, max_nodes);
  req.depth = 2;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->depth == 2);
}

/* ABI 3: threads. An ABI 2 caller cannot set it (the bit was refused then
 * and still is); an ABI 3 caller gets a legal move from several threads,
 * within its node limit counted over all of them. */
static void test_threads(void) {
  tempo_position start = new_position();
  tempo_search_request req;
  tempo_search_result* res = new_result();
  char err[200];
  uint8_t* tt = (uint8_t*)calloc(1, 1u << 20);
  int threads;

  CHECK(tt != NULL);
  CHECK_ST(tempo_position_start(&start), TEMPO_OK);
  req = new_request(&start);
  req.overrides = TEMPO_OVERRIDE_THREADS | TEMPO_OVERRIDE_BOOK;
  req.book = 0; /* the start is in the opening book: searched all the same */
  req.threads = 2;
  req.size = (uint32_t)offsetof(tempo_search_request, threads);
  CHECK_ST(tempo_search(&req, tt, 1u << 20, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "threads") != NULL);
  req.size = sizeof req;
  for (threads = 1; threads <= 8; threads *= 2) {
    req.threads = threads;
    req.depth = 0;
    req.nodes = 20000;
    CHECK_ST(tempo_search(&req, tt, 1u << 20, res, err, sizeof err), TEMPO_OK);
    CHECK(res->has_move == 1 && res->nodes <= 20000 && res->depth >= 1);
  }
  req.threads = 0;
  CHECK_ST(tempo_search(&req, tt, 1u << 20, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "threads") != NULL);
  req.threads = 65;
  CHECK_ST(tempo_search(&req, tt, 1u << 20, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  free(tt);
}

/* Bytes [from, to) of a buffer all equal `b`: what the library must not write. */
static int untouched(const unsigned char* p, size_t from, size_t to, unsigned char b) {
  size_t i;
  for (i = from; i < to; ++i)
    if (p[i] != b) return 0;
  return 1;
}

/* ABI 3: captured_in_order, fresh_table, and ABI 1-2 sized moves and results. */
/* ABI 4: tempo_cancel_abandon, the finalizer-shaped cancel. It stores
 * TEMPO_CANCEL_ABANDONED and nothing else; NULL is ignored; a search whose
 * flag holds it stops like any cancelled one (the table stays valid). */
static void test_cancel_abandon(void) {
  int32_t word = TEMPO_CANCEL_RUN;
  int32_t around[3] = {7, TEMPO_CANCEL_STOP, 9};
  tempo_position start = new_position();
  tempo_search_request req;
  tempo_search_result* res = new_result();
  uint8_t* tt = (uint8_t*)calloc(1, TEMPO_TABLE_MIN_BYTES);
  char err[200];

  CHECK(TEMPO_CANCEL_RUN == 0 && TEMPO_CANCEL_STOP == 1 && TEMPO_CANCEL_ABANDONED == 2);
  tempo_cancel_abandon(NULL);
  tempo_cancel_abandon(&word);
  CHECK(word == TEMPO_CANCEL_ABANDONED);
  tempo_cancel_abandon(&around[1]);
  CHECK(around[0] == 7 && around[1] == TEMPO_CANCEL_ABANDONED && around[2] == 9);

  CHECK(tt != NULL);
  CHECK_ST(tempo_position_start(&start), TEMPO_OK);
  req = new_request(&start);
  req.depth = 0;
  req.infinite = 1;
  req.cancel = &word; /* already abandoned: returns at once, cancelled */
  CHECK_ST(tempo_search(&req, tt, TEMPO_TABLE_MIN_BYTES, res, err, sizeof err), TEMPO_OK);
  CHECK(res->cancelled == 1 && res->has_move == 1);
  CHECK(word == TEMPO_CANCEL_ABANDONED);
  free(tt);
}

static void test_abi3(void) {
  static uint64_t storage[(20000 + 200) / 8];
  static uint64_t table[(TEMPO_TABLE_MIN_BYTES + 64) / 8];
  unsigned char* raw = (unsigned char*)storage;
  tempo_position p;
  tempo_position start = new_position();
  tempo_move moves[4];
  tempo_search_request req;
  tempo_search_result* res = new_result();
  tempo_search_result full;
  char err[300];
  uint32_t n = 0;
  uint64_t first_nodes;
  int32_t score;
  uint64_t nodes;

  CHECK(sizeof(tempo_move) == 72 && offsetof(tempo_move, captured_in_order) == 52);

  /* 28x8 takes 23 on its first jump, 13 on its second: captured[] is
   * increasing, captured_in_order follows the path. */
  p = fen("W:W28:B23,13");
  CHECK_ST(tempo_legal_moves(&p, moves, sizeof(tempo_move), 4, &n), TEMPO_OK);
  CHECK(n == 1 && moves[0].captured[0] == 13 && moves[0].captured[1] == 23);
  CHECK(moves[0].path[1] == 19 && moves[0].captured_in_order[0] == 23 && moves[0].captured_in_order[1] == 13);
  CHECK(moves[0].captured_in_order[2] == 0);
  /* A king's capture: four jumps, four pieces in the order taken. */
  p = fen("W:WK38:B22,23,32,33");
  CHECK_ST(tempo_move_from_hub(&p, "38x43x22x23x32x33", &moves[0], err, sizeof err), TEMPO_OK);
  CHECK(moves[0].path_length == 5 && moves[0].path[1] == 29 && moves[0].path[2] == 18 && moves[0].path[3] == 27);
  CHECK(moves[0].captured_in_order[0] == 33 && moves[0].captured_in_order[1] == 23 &&
        moves[0].captured_in_order[2] == 22 && moves[0].captured_in_order[3] == 32);
  /* ABI 1-2 moves (52 bytes) get no captured_in_order: nothing past their size is written. */
  memset(raw, 0xAB, 200);
  p = fen("W:W28:B23,13");
  CHECK_ST(tempo_legal_moves(&p, (tempo_move*)(void*)raw, 52, 2, &n), TEMPO_OK);
  CHECK(n == 1 && ((tempo_move*)(void*)raw)->size == 52 && ((tempo_move*)(void*)raw)->capture_count == 2);
  CHECK(untouched(raw, 52, 200, 0xAB));
  memset(raw, 0xAB, 200);
  ((tempo_move*)(void*)raw)->size = 52;
  CHECK_ST(tempo_move_from_pdn(&p, "28x8", (tempo_move*)(void*)raw, err, sizeof err), TEMPO_OK);
  CHECK(((tempo_move*)(void*)raw)->to == 8 && untouched(raw, 52, 200, 0xAB));

  /* An ABI 1-2 result (18800 bytes, 52-byte moves) holds the same values in its own layout. */
  CHECK_ST(tempo_position_start(&start), TEMPO_OK);
  req = new_request(&start);
  req.depth = 5;
  req.multipv = 2;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  memcpy(&full, res, sizeof full);
  memset(raw, 0xCD, 18800 + 200);
  {
    uint32_t size = 18800;
    memcpy(raw, &size, 4);
  }
  CHECK_ST(tempo_search(&req, NULL, 0, (tempo_search_result*)(void*)raw, err, sizeof err), TEMPO_OK);
  CHECK(untouched(raw, 18800, 18800 + 200, 0xCD));
  CHECK(raw[12] == full.best_move.from && raw[13] == full.best_move.to); /* best_move after size, has_move, its size */
  memcpy(&score, raw + 60, 4);
  memcpy(&nodes, raw + 96, 8);
  CHECK(score == full.score && nodes == full.nodes);
  CHECK(strcmp((const char*)raw + 112, full.pv) == 0); /* pv */
  CHECK(raw[624 + 4] == full.multipv[0].move.from && raw[624 + 568 + 4] == full.multipv[1].move.from);
  CHECK(strcmp((const char*)raw + 624 + 568 + 56, full.multipv[1].pv) == 0); /* second line's pv */

  /* fresh_table: the search starts from an empty table. */
  memset(table, 0, sizeof table);
  req = new_request(&start);
  req.depth = 6;
  CHECK_ST(tempo_search(&req, (uint8_t*)table, sizeof table, res, err, sizeof err), TEMPO_OK);
  first_nodes = res->nodes;
  CHECK_ST(tempo_search(&req, (uint8_t*)table, sizeof table, res, err, sizeof err), TEMPO_OK);
  CHECK(res->tt_status == TEMPO_TABLE_REUSED && res->nodes < first_nodes);
  req.overrides = TEMPO_OVERRIDE_FRESH_TABLE;
  req.fresh_table = 1;
  CHECK_ST(tempo_search(&req, (uint8_t*)table, sizeof table, res, err, sizeof err), TEMPO_OK);
  CHECK(res->tt_status == TEMPO_TABLE_FRESH && res->nodes == first_nodes);
  /* A request that ends before fresh_table (ABI 2, or ABI 3 up to threads)
   * cannot set it. */
  req.size = (uint32_t)offsetof(tempo_search_request, fresh_table);
  CHECK_ST(tempo_search(&req, (uint8_t*)table, sizeof table, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "fresh_table") != NULL);
  req.size = sizeof req;

  /* infinite needs a cancel flag: nothing else would end it. */
  req = new_request(&start);
  req.infinite = 1;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_INVALID_ARGUMENT);
  CHECK(strstr(err, "cancel") != NULL);

  /* Detail text for struct sizes, alignment and NULL text. */
  req = new_request(&start);
  res->size = 100;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  CHECK(strstr(err, "result->size is 100") != NULL);
  res->size = sizeof *res;
  req.size = 16;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  CHECK(strstr(err, "request->size is 16") != NULL);
  req.size = sizeof req;
  {
    tempo_search_request* odd = (tempo_search_request*)(void*)(raw + 4);
    memcpy(odd, &req, sizeof req);
    CHECK_ST(tempo_search(odd, NULL, 0, res, err, sizeof err), TEMPO_ERR_MISALIGNED);
    CHECK(strstr(err, "request is at address") != NULL);
  }
  start.size = 8;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  CHECK(strstr(err, "request->start->size is 8") != NULL);
  start.size = sizeof start;
  req.move_count = 1;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK(strstr(err, "request->moves is NULL") != NULL);
  CHECK_ST(tempo_position_from_fen(NULL, &p, err, sizeof err), TEMPO_ERR_NULL_POINTER);
  CHECK(strstr(err, "FEN") != NULL);
  p.size = 3;
  CHECK_ST(tempo_position_from_fen("W:W31-50:B1-20", &p, err, sizeof err), TEMPO_ERR_STRUCT_SIZE);
  CHECK(strstr(err, "out->size is 3") != NULL);
  CHECK_ST(tempo_position_validate((const tempo_position*)(const void*)(raw + 2), err, sizeof err),
           TEMPO_ERR_MISALIGNED);
  CHECK(strstr(err, "pos is at address") != NULL);
}

/* ABI 3: the endgame database buffer. No real database here (the C++ tests
 * generate them); what matters at this boundary: a missing or foreign buffer
 * is a status, never an error, and the search goes on without it. */
static void test_egdb(void) {
  tempo_position start = new_position();
  tempo_search_request req;
  tempo_search_result* res = new_result();
  tempo_egdb_info info;
  uint8_t garbage[256];
  int32_t value = 7, found = 7;
  char err[200];
  int i;

  for (i = 0; i < (int)sizeof garbage; ++i) garbage[i] = (uint8_t)(i * 37 + 11);
  memset(&info, 0, sizeof info);
  info.size = sizeof info;
  CHECK_ST(tempo_egdb_get_info(NULL, 0, &info), TEMPO_OK);
  CHECK(info.status == TEMPO_EGDB_NONE && info.max_pieces == 0 && info.slices == 0);
  CHECK_ST(tempo_egdb_get_info(garbage, sizeof garbage, &info), TEMPO_OK);
  CHECK(info.status == TEMPO_EGDB_BAD_MAGIC && info.bytes == sizeof garbage);
  memcpy(garbage, "TEMPO-EG", 8);
  CHECK_ST(tempo_egdb_get_info(garbage, 20, &info), TEMPO_OK);
  CHECK(info.status == TEMPO_EGDB_TRUNCATED);
  CHECK_ST(tempo_egdb_get_info(garbage, sizeof garbage, NULL), TEMPO_ERR_NULL_POINTER);
  info.size = 4;
  CHECK_ST(tempo_egdb_get_info(garbage, sizeof garbage, &info), TEMPO_ERR_STRUCT_SIZE);

  CHECK_ST(tempo_position_start(&start), TEMPO_OK);
  CHECK_ST(tempo_egdb_probe(garbage, sizeof garbage, &start, &value, &found), TEMPO_OK);
  CHECK(value == 0 && found == 0);
  CHECK_ST(tempo_egdb_probe(garbage, sizeof garbage, NULL, &value, &found), TEMPO_ERR_NULL_POINTER);
  CHECK_ST(tempo_egdb_probe(garbage, sizeof garbage, &start, NULL, &found), TEMPO_ERR_NULL_POINTER);

  req = new_request(&start);
  req.depth = 3;
  req.egdb = garbage;
  req.egdb_size = sizeof garbage;
  CHECK_ST(tempo_search(&req, NULL, 0, res, err, sizeof err), TEMPO_OK);
  CHECK(res->has_move == 1);
}

int main(void) {
  test_egdb();
  test_version_and_status_strings();
  test_score_text();
  test_start_and_fen();
  test_validate();
  test_squares();
  test_legal_moves_and_play();
  test_move_text();
  test_table();
  test_search();
  test_overrides();
  test_strength();
  test_threads();
  test_abi3();
  test_cancel_abandon();
  test_game_status();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
