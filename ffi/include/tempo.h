/* Tempo C ABI: international draughts (10x10, FMJD rules) for dart:ffi and
 * any other C caller.
 *
 * Conventions (they hold for every function below):
 *
 *  - Ownership. The caller allocates every input and every output: fixed-size
 *    structs, arrays with an explicit element count, character buffers with
 *    their length, and the transposition-table buffer. The library never
 *    allocates memory the caller must free and keeps no pointer into caller
 *    memory after a call returns: there are no handles, nothing to free.
 *  - Status codes. Every function except tempo_abi_version() and
 *    tempo_status_string() returns a tempo_status (int32_t): TEMPO_OK (0) or
 *    one of the TEMPO_ERR_* codes. tempo_status_string(code) gives static
 *    English text. On error, outputs hold no partial result unless the
 *    function says so (e.g. the needed length of a text buffer); inputs and
 *    the table buffer are never damaged. No C++ exception crosses the ABI.
 *  - Detail text. Functions that read text or validate caller data take an
 *    optional `char* error, size_t error_len` pair (NULL/0 to skip). On error
 *    it receives a NUL-terminated message saying what was wrong and where,
 *    truncated to fit; on success it is set to "".
 *  - Struct versions. Every struct starts with `uint32_t size`, which the
 *    caller sets to sizeof(the struct) as it was compiled, for inputs AND
 *    outputs. A size smaller than the first published version is rejected
 *    with TEMPO_ERR_STRUCT_SIZE; a larger size (a newer caller) is accepted:
 *    the library reads and writes only the fields it knows and leaves the
 *    rest untouched. Arrays of tempo_move carry their element size as an
 *    explicit `move_size` argument (the stride), and every element written
 *    gets its `size` field set to that value.
 *  - Alignment. Struct pointers must be aligned for their type
 *    (TEMPO_ERR_MISALIGNED otherwise). Character buffers and the table
 *    buffer may have any address.
 *  - Enumerations are int32_t codes given as #defines; unknown codes are
 *    rejected with TEMPO_ERR_INVALID_ARGUMENT.
 *  - Threads. Every function is reentrant and may be called from any thread
 *    at the same time as any other, provided that no two concurrent calls
 *    write the same caller memory. The one exception is the table buffer:
 *    an 8-byte-aligned one may serve several searches at once (they share
 *    its entries, as the threads of one search do); a misaligned one only
 *    one at a time. There is no global state and no initialisation call.
 *  - Squares are numbered 1..50 as in FMJD (White's men start on 31-50,
 *    Black's on 1-20, White moves first). Apps that number the board rotated
 *    (their White starts on 1-20) use TEMPO_NUMBERING_ROTATED in the square
 *    array functions and tempo_rotate_square() (s -> 51 - s) for moves.
 */
#ifndef TEMPO_H_
#define TEMPO_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define TEMPO_API __declspec(dllexport)
#elif defined(__GNUC__)
#define TEMPO_API __attribute__((visibility("default")))
#else
#define TEMPO_API
#endif

/* Bumped when a struct gains fields or a function is added; never when
 * something is removed (nothing is ever removed). */
#define TEMPO_ABI_VERSION 6
/* ABI 2 added tempo_search_request's parameter overrides (TEMPO_OVERRIDE_*);
 * a request of the ABI 1 size still works and plays its level as before.
 * ABI 4 added tempo_cancel_abandon and the TEMPO_CANCEL_* values.
 * ABI 5 added the strength ladder to tempo_search_request: `strength`
 * (TEMPO_OVERRIDE_STRENGTH) and the parameters it sets that no field had
 * (`max_nodes`, `blunder_depth`, `capture_horizon`); a request of the ABI 3
 * size is served as before.
 * ABI 6 added the opening book to tempo_search_request: `book`
 * (TEMPO_OVERRIDE_BOOK) and `book_variety` (TEMPO_OVERRIDE_BOOK_VARIETY); a
 * request of the ABI 5 size is served as before (the level's book values).
 * ABI 3 added `threads` (TEMPO_OVERRIDE_THREADS), `fresh_table`
 * (TEMPO_OVERRIDE_FRESH_TABLE) and tempo_move.captured_in_order (so
 * tempo_move grew from 52 to 72 bytes and tempo_search_result, which holds
 * moves, from 18800 to 19456). A request of the ABI 1 or ABI 2 size is
 * served exactly as before (on one thread); moves and results of the ABI 1-2
 * sizes are still read and written in their own layout, without the new
 * field. ABI 3 also added tempo_score_text() and the endgame database
 * (tempo_search_request's egdb fields, tempo_egdb_get_info,
 * tempo_egdb_probe). */

/* ------------------------------------------------------------- status codes */
typedef int32_t tempo_status;
#define TEMPO_OK 0
#define TEMPO_ERR_NULL_POINTER 1     /* a required pointer argument is NULL */
#define TEMPO_ERR_STRUCT_SIZE 2      /* a struct's size field (or move_size) is below the first published version */
#define TEMPO_ERR_MISALIGNED 3       /* a struct pointer is not aligned for its type */
#define TEMPO_ERR_BUFFER_TOO_SMALL 4 /* an output buffer/array is too small; the needed length/count is reported */
#define TEMPO_ERR_INVALID_ARGUMENT 5 /* an enum code, count or limit is out of range */
#define TEMPO_ERR_INVALID_POSITION 6 /* overlapping pieces, >20 a side, a man on its promotion row, bad piece code */
#define TEMPO_ERR_PARSE 7            /* malformed FEN or move text */
#define TEMPO_ERR_ILLEGAL_MOVE 8     /* the move is not legal in the position */
#define TEMPO_ERR_AMBIGUOUS_MOVE 9   /* the move text names several legal moves */
#define TEMPO_ERR_TABLE 10           /* the table buffer is unusable (shorter than TEMPO_TABLE_MIN_BYTES) */
#define TEMPO_ERR_INTERNAL 11        /* a bug or out of memory inside the library */

/* ------------------------------------------------------------- enumerations */
#define TEMPO_WHITE 0
#define TEMPO_BLACK 1

/* Piece codes, the same as the app's server int[51] encoding. */
#define TEMPO_EMPTY 0
#define TEMPO_WHITE_MAN 1
#define TEMPO_BLACK_MAN 2
#define TEMPO_WHITE_KING 3
#define TEMPO_BLACK_KING 4

/* How a square array is numbered. FMJD: square s is FMJD square s.
 * ROTATED: square s is FMJD square 51 - s (the app's White starts on 1-20;
 * colours are not changed, only the numbering). */
#define TEMPO_NUMBERING_FMJD 0
#define TEMPO_NUMBERING_ROTATED 1

#define TEMPO_LEVEL_EASY 0
#define TEMPO_LEVEL_MEDIUM 1
#define TEMPO_LEVEL_HARD 2
#define TEMPO_LEVEL_EXPERT 3 /* full strength */

/* Bits of tempo_search_request.overrides (ABI 2): which of the level's
 * parameters the request sets itself. Unknown bits are refused. */
#define TEMPO_OVERRIDE_MAX_DEPTH 1           /* max_depth */
#define TEMPO_OVERRIDE_TIME_LIMIT 2          /* time_limit_ms */
#define TEMPO_OVERRIDE_EVAL_NOISE 4          /* eval_noise */
#define TEMPO_OVERRIDE_BLUNDER_PROBABILITY 8 /* blunder_probability */
#define TEMPO_OVERRIDE_BLUNDER_MARGIN 16     /* blunder_margin */
#define TEMPO_OVERRIDE_FEATURE_SCALE 32      /* feature_scale */
#define TEMPO_OVERRIDE_USE_TABLE 64          /* use_table */
#define TEMPO_OVERRIDE_USE_KILLERS 128       /* use_killers */
#define TEMPO_OVERRIDE_THREADS 256           /* threads (ABI 3) */
#define TEMPO_OVERRIDE_FRESH_TABLE 512       /* fresh_table (ABI 3) */
#define TEMPO_OVERRIDE_MAX_NODES 1024        /* max_nodes (ABI 5) */
#define TEMPO_OVERRIDE_BLUNDER_DEPTH 2048    /* blunder_depth (ABI 5) */
#define TEMPO_OVERRIDE_CAPTURE_HORIZON 4096  /* capture_horizon (ABI 5) */
#define TEMPO_OVERRIDE_STRENGTH 8192         /* strength (ABI 5): applied before every other override */
#define TEMPO_OVERRIDE_BOOK 16384            /* book (ABI 6) */
#define TEMPO_OVERRIDE_BOOK_VARIETY 32768    /* book_variety (ABI 6) */

/* Game results, from the board's point of view. */
#define TEMPO_RESULT_ONGOING 0
#define TEMPO_RESULT_WHITE_WINS 1 /* Black to move has no legal move */
#define TEMPO_RESULT_BLACK_WINS 2 /* White to move has no legal move */
#define TEMPO_RESULT_DRAW 3

#define TEMPO_DRAW_NONE 0
#define TEMPO_DRAW_REPETITION 1 /* the same position the third time */
#define TEMPO_DRAW_25_MOVES 2   /* 25 moves each of kings only, no capture */
#define TEMPO_DRAW_16_MOVES 3   /* 3 kings (or 2K+1M, 1K+2M) against 1 king */
#define TEMPO_DRAW_5_MOVES 4    /* 2 kings (or 1K+1M, 1K) against 1 king */

/* What the search found in the table buffer (tempo_table_info.status,
 * tempo_search_result.tt_status). */
#define TEMPO_TABLE_REUSED 0 /* a valid table: its entries were used */
#define TEMPO_TABLE_FRESH 1  /* all-zero bytes: a new empty table */
#define TEMPO_TABLE_RESET 2  /* other bytes: treated as empty, see reason */

#define TEMPO_TABLE_REASON_NONE 0
#define TEMPO_TABLE_REASON_BAD_MAGIC 1
#define TEMPO_TABLE_REASON_VERSION 2
#define TEMPO_TABLE_REASON_GEOMETRY 3
#define TEMPO_TABLE_REASON_FINGERPRINT 4
#define TEMPO_TABLE_REASON_BYTE_ORDER 5
#define TEMPO_TABLE_REASON_CORRUPT_HEADER 6

/* ------------------------------------------------------------- sizes */
/* The engine's move-list capacity (256 in ABI 1): positions met in play have
 * about 130 moves at most, the most crowded composed king positions known 407
 * legal captures. Were a position ever to have more, only the first
 * TEMPO_MAX_MOVES would be generated. */
#define TEMPO_MAX_MOVES 512
#define TEMPO_MAX_CAPTURES 20 /* a move takes at most 20 pieces */
#define TEMPO_MAX_PATH 21     /* from + one landing square per capture */
#define TEMPO_MAX_MULTIPV 32
#define TEMPO_PV_TEXT 512  /* bytes for a principal variation as PDN text */
#define TEMPO_FEN_TEXT 160 /* always enough for any valid position's FEN */
#define TEMPO_MOVE_TEXT 96 /* always enough for any move's PDN or Hub text */
#define TEMPO_TABLE_MIN_BYTES 65536u
#define TEMPO_TABLE_DEFAULT_BYTES 4194304u /* 4 MiB, what the app uses */

/* ------------------------------------------------------------- structs */

/* A position: where the pieces stand and who is to move. 60 bytes. */
typedef struct tempo_position {
  uint32_t size;       /* sizeof(tempo_position) */
  int32_t side;        /* TEMPO_WHITE or TEMPO_BLACK, to move */
  uint8_t squares[51]; /* piece code per FMJD square 1..50; [0] unused, 0 */
  uint8_t reserved[1]; /* 0 */
} tempo_position;

/* A legal move. A move is identified by (from, to, captured set): routes of
 * the same piece over the same pieces count as one FMJD move. `path` is one
 * canonical route for animation and captured_in_order the piece each of its
 * jumps takes (jump i goes from path[i] to path[i + 1] over
 * captured_in_order[i]), so an app can show a capture step by step. When the
 * caller passes a move in, only from, to, capture_count and captured[] are
 * read. 72 bytes (52 in ABI 1-2, without captured_in_order). */
typedef struct tempo_move {
  uint32_t size;                        /* sizeof(tempo_move) */
  uint8_t from;                         /* square 1..50 */
  uint8_t to;                           /* square 1..50 (may equal from: a king's round trip) */
  uint8_t capture_count;                /* pieces taken, 0..20 */
  uint8_t path_length;                  /* entries used in path: 2 for a quiet move, 1 + capture_count for a capture */
  uint8_t captured[TEMPO_MAX_CAPTURES]; /* squares of the pieces taken, increasing; unused entries 0 */
  uint8_t path[TEMPO_MAX_PATH];         /* from, each landing square, to; unused entries 0 */
  uint8_t reserved[3];                  /* 0 */
  /* ABI 3 */
  uint8_t captured_in_order[TEMPO_MAX_CAPTURES]; /* the piece each jump takes, jump by jump; unused entries 0 */
} tempo_move;

/* The state of a game given its start position and the moves played. */
typedef struct tempo_game_state {
  uint32_t size;           /* sizeof(tempo_game_state) */
  int32_t result;          /* TEMPO_RESULT_* */
  int32_t draw_rule;       /* TEMPO_DRAW_* when result is DRAW, else TEMPO_DRAW_NONE */
  int32_t side_to_move;    /* TEMPO_WHITE or TEMPO_BLACK in the final position */
  uint32_t plies;          /* moves played (= the count passed in) */
  uint32_t legal_moves;    /* legal moves in the final position (0 once the game is over) */
  uint32_t king_plies;     /* 25-move rule count: plies of king-only, non-capturing moves */
  uint32_t endgame_plies;  /* 16/5-move rule count: plies since the endgame class arose (0 if none) */
  uint32_t repetitions;    /* how often the final position has occurred (1 = first time) */
  tempo_position position; /* the final position (its size is set by the library) */
} tempo_game_state;

/* Sent to the progress callback after each completed iteration, and once
 * more before the search returns when the move it plays is not the first move
 * of the last line sent (an unfinished iteration found a better move: depth
 * is that iteration's; one legal move, or cancelled before depth 1 ended:
 * depth 0; the level's deliberate mistake), so the last progress always shows
 * the move played. Valid only during the callback. */
typedef struct tempo_progress {
  uint32_t size;    /* sizeof(tempo_progress) as the library knows it */
  int32_t depth;    /* iteration just completed, plies */
  int32_t seldepth; /* deepest ply reached */
  int32_t score;    /* side to move's view, 100 = one man; |score| > TEMPO_WIN_THRESHOLD: a win/loss */
  uint64_t nodes;
  int64_t time_ms;
  int32_t multipv_index;  /* 0 = best line */
  char pv[TEMPO_PV_TEXT]; /* the line as PDN moves separated by spaces, NUL-terminated */
} tempo_progress;

/* Called on the thread that called tempo_search (never on a helper search
 * thread, never twice at once), once per line after each completed
 * iteration; must not call tempo_search on the same table buffer. user_data
 * is the request's progress_user_data. */
typedef void (*tempo_progress_fn)(const tempo_progress* progress, void* user_data);

/* Scores: the side to move's view, 100 = one man; a win in n plies scores
 * TEMPO_WIN_SCORE - n, a loss in n plies -(TEMPO_WIN_SCORE - n); beyond
 * +-TEMPO_WIN_THRESHOLD a score is a forced win or loss. To show one, use
 * tempo_score_text(): men on the scale draughts GUIs read (Scan's, and the
 * Hub's `info` lines), a win in n plies as 100 - n/100 men ("+99.93": 7
 * plies), a loss as its negative ("-100.00": no legal move), every other
 * score clamped to +-90 men, so anything beyond 90 men is a win or a loss. */
#define TEMPO_WIN_SCORE 30000 /* a win in n plies scores TEMPO_WIN_SCORE - n */
#define TEMPO_WIN_THRESHOLD 29000
#define TEMPO_SCORE_TEXT 16 /* always enough for tempo_score_text */

typedef struct tempo_search_request {
  uint32_t size;               /* sizeof(tempo_search_request) */
  int32_t level;               /* TEMPO_LEVEL_* : depth, time, noise and blunder settings */
  const tempo_position* start; /* the game's position before `moves` (required) */
  const tempo_move* moves;     /* moves played since start, in order (NULL if move_count is 0) */
  uint32_t move_size;          /* sizeof(tempo_move): the stride of `moves` */
  uint32_t move_count;
  /* Limits: 0 = not set. With none set the level's depth and time cap
   * (time_limit_ms: 10 s at Expert) apply. A value set must be in its range
   * (the ranges of every Tempo interface, search/params.h's kLimitSpecs),
   * else TEMPO_ERR_INVALID_ARGUMENT. */
  int32_t depth;        /* 1..127 plies */
  int32_t movetime_ms;  /* 1..86400000: think this long at most */
  uint64_t nodes;       /* 1..2^50 */
  int32_t time_left_ms; /* 1..86400000: game clock of the side to move */
  int32_t increment_ms; /* 0..86400000 */
  int32_t moves_to_go;  /* 0..1000, 0 = sudden death */
  int32_t infinite;     /* non-zero: run until *cancel is set (required), whatever the level:
                         * no depth, node or time limit applies, not even the level's
                         * (pondering: fill the table while the opponent thinks) */
  uint64_t seed;        /* all randomness (noise, blunders) comes from it */
  int32_t multipv;      /* 1..TEMPO_MAX_MULTIPV best root moves to score; 0 means 1 */
  int32_t reserved0;    /* 0 */
  /* Cancellation: a flag the caller owns, NULL for none. Setting it to
   * non-zero from any thread ends the search promptly; the result then holds
   * the best move found so far and the table buffer stays valid. Read with
   * relaxed atomic loads; it must stay valid until tempo_search returns. */
  int32_t* cancel;
  tempo_progress_fn on_progress; /* NULL for none */
  void* progress_user_data;
  /* ABI 2: the level's parameters one by one. A field is read only when its
   * TEMPO_OVERRIDE_* bit is set in `overrides` (and the caller's size covers
   * it), so a zero-filled request plays the level exactly. Out-of-range
   * values are refused with TEMPO_ERR_INVALID_ARGUMENT. The ranges are the
   * ones every Tempo interface uses (search/params.h). */
  uint32_t overrides;
  int32_t max_depth;          /* 1..127 plies */
  int32_t time_limit_ms;      /* 0..86400000 ms per move when neither movetime_ms nor time_left_ms is set
                               * (a depth or node limit does not lift it); 0 = none */
  int32_t eval_noise;         /* 0..10000: uniform +-noise/2 added at leaves (100 = a man) */
  int32_t blunder_margin;     /* 0..10000: how much weaker (static score) a blunder may be */
  int32_t use_table;          /* 0: leave the table buffer alone (it is not even read) */
  int32_t use_killers;        /* 0: no killer moves */
  int32_t reserved1;          /* 0 */
  double blunder_probability; /* 0..1: chance of a deliberately weaker root move */
  double feature_scale;       /* 0..4: evaluation's positional terms, 0 = material only */
  /* ABI 3 */
  int32_t threads;     /* 1..64 search threads sharing the table (Lazy SMP); every
                        * level's value is 1. The library starts threads - 1 threads
                        * for the call and joins them before it returns. Limits and
                        * the cancel flag hold for all of them together; the answer
                        * may vary from run to run. Without a table, or with a
                        * buffer not 8-byte aligned, one thread searches. */
  int32_t fresh_table; /* non-zero: clear the table buffer first (nothing carried over) */
  /* ABI 3: the endgame database (egdb/FORMAT.md), a read-only buffer the
   * caller owns (a mapped file, a Dart asset), any address, NULL for none.
   * A truncated, foreign or damaged buffer is not an error: the search goes
   * on without it (tempo_egdb_get_info says what is wrong with it). */
  const uint8_t* egdb;
  uint64_t egdb_size; /* its size in bytes */
  /* ABI 5: the strength ladder (docs/strength.md). `strength` sets max_depth,
   * max_nodes, eval_noise, blunder_probability, blunder_margin,
   * blunder_depth, capture_horizon and feature_scale together from one
   * table; it is applied first, so any of those the request also overrides
   * keeps the request's own value. */
  int32_t max_nodes;       /* 0..1000000000 nodes per move, 0 = none: the same play on any device */
  int32_t blunder_depth;   /* 0..16 plies (then captures) a blunder is looked at; 0 = static score */
  int32_t capture_horizon; /* 0..127 captures followed past the depth before a position is scored */
  int32_t strength;        /* 400..3000 Elo-like; at or above Expert's value: full strength */
  /* ABI 6: the compiled-in opening book (docs/strength.md). A position in it
   * is answered at once with a book move (depth 0, no nodes) unless a depth,
   * `infinite` or multi-PV is asked. Expert's values: on, variety 10. */
  int32_t book;         /* non-zero: play from the opening book */
  int32_t book_variety; /* 0..100: a seeded pick among book moves within this of the best (100 = a man); 0 = the best */
} tempo_search_request;

typedef struct tempo_scored_move {
  tempo_move move;
  int32_t score;          /* side to move's view */
  char pv[TEMPO_PV_TEXT]; /* the line starting with move, PDN, NUL-terminated */
} tempo_scored_move;

typedef struct tempo_search_result {
  uint32_t size;    /* sizeof(tempo_search_result) */
  int32_t has_move; /* 0: no legal move (the side to move has lost) */
  tempo_move best_move;
  int32_t score; /* side to move's view, 100 = one man */
  int32_t depth; /* last completed iteration */
  int32_t seldepth;
  int32_t cancelled;     /* non-zero: stopped by the cancel flag */
  int32_t blunder;       /* non-zero: the level chose a deliberately weaker move */
  int32_t tt_status;     /* TEMPO_TABLE_* : what the buffer held */
  int32_t tt_reason;     /* TEMPO_TABLE_REASON_* when tt_status is RESET */
  int32_t multipv_count; /* entries used in multipv */
  uint64_t nodes;
  int64_t time_ms;
  char pv[TEMPO_PV_TEXT];                       /* best line, PDN moves separated by spaces */
  tempo_scored_move multipv[TEMPO_MAX_MULTIPV]; /* best first */
} tempo_search_result;

typedef struct tempo_table_info {
  uint32_t size;           /* sizeof(tempo_table_info) */
  uint32_t format_version; /* of the buffer layout (tt/FORMAT.md); 0 when not a Tempo table */
  uint32_t generation;     /* searches run on this table since it was fresh */
  int32_t status;          /* TEMPO_TABLE_* : what the next search would find */
  int32_t reason;          /* TEMPO_TABLE_REASON_* */
  int32_t reserved0;       /* 0 */
  uint64_t bytes;          /* buffer bytes in use */
  uint64_t entries;
  double fill; /* estimated fraction of entries in use, 0..1 */
} tempo_table_info;

/* What an endgame database buffer is (tempo_egdb_info.status). */
#define TEMPO_EGDB_OK 0
#define TEMPO_EGDB_NONE 1              /* NULL or empty */
#define TEMPO_EGDB_TRUNCATED 2         /* shorter than its header says */
#define TEMPO_EGDB_BAD_MAGIC 3         /* not a Tempo endgame database */
#define TEMPO_EGDB_BYTE_ORDER 4        /* written on a machine of the other byte order */
#define TEMPO_EGDB_VERSION 5           /* another format version */
#define TEMPO_EGDB_CORRUPT_HEADER 6    /* header fails its checksum */
#define TEMPO_EGDB_CORRUPT_DIRECTORY 7 /* slice directory fails its checksum or checks */

typedef struct tempo_egdb_info {
  uint32_t size;      /* sizeof(tempo_egdb_info) */
  int32_t status;     /* TEMPO_EGDB_* */
  int32_t max_pieces; /* most pieces of a stored position; 0 unless status is OK */
  int32_t slices;     /* stored slices (piece-count combinations) */
  uint64_t bytes;     /* the buffer size given */
} tempo_egdb_info;

/* ------------------------------------------------------------- functions */

/* ABI 3. What a search would find in an endgame database buffer (an O(1)
 * look at its header and slice directory). OK whatever the buffer holds
 * (out->status says); NULL_POINTER for a NULL out, STRUCT_SIZE for a bad
 * out->size. */
TEMPO_API tempo_status tempo_egdb_get_info(const uint8_t* egdb, uint64_t egdb_size, tempo_egdb_info* out);

/* ABI 3. The database's value of a position for the side to move: *value
 * 1 win, 0 draw, -1 loss, and *found 1; *found 0 (and *value 0) when the
 * position is not in the database (too many pieces, a slice not stored, an
 * unusable buffer). A capture pending is played out. INVALID_POSITION for a
 * bad position, NULL_POINTER for a NULL pos, value or found. */
TEMPO_API tempo_status tempo_egdb_probe(const uint8_t* egdb, uint64_t egdb_size, const tempo_position* pos,
                                        int32_t* value, int32_t* found);

/* TEMPO_ABI_VERSION of the library as built. A caller compiled against a
 * newer header should check it before using newer functions or fields. */
TEMPO_API uint32_t tempo_abi_version(void);

/* Static English text for a status code ("unknown status code" for codes this
 * library does not know). Never NULL; never to be freed. */
TEMPO_API const char* tempo_status_string(tempo_status code);

/* A score (TEMPO_WIN_SCORE scale) as the text GUIs show: "+0.25", "-1.00",
 * "+99.93" (a win in 7 plies), "-99.96" (a loss in 4 plies); the same text
 * as the Hub's `info` score, `tempo analyse` and Python's score_text. Written
 * NUL-terminated into text[0..text_len); *length (optional) gets its length
 * without the NUL. Errors: NULL_POINTER (text NULL with text_len > 0),
 * BUFFER_TOO_SMALL (then *length is the needed length; TEMPO_SCORE_TEXT
 * bytes always suffice). */
TEMPO_API tempo_status tempo_score_text(int32_t score, char* text, size_t text_len, size_t* length);

/* The FMJD start position: White men on 31-50, Black men on 1-20, White to move. */
TEMPO_API tempo_status tempo_position_start(tempo_position* out);

/* Checks a position: piece codes 0..4, square 0 empty, at most 20 pieces a
 * side, no man on its own promotion row, side 0 or 1.
 * Errors: NULL_POINTER, STRUCT_SIZE, MISALIGNED, INVALID_POSITION. */
TEMPO_API tempo_status tempo_position_validate(const tempo_position* pos, char* error, size_t error_len);

/* Reads PDN FEN (`W:W31-50:B1-20`, kings as `K29`). NUL-terminated text.
 * Errors: NULL_POINTER, STRUCT_SIZE, MISALIGNED, PARSE (malformed),
 * INVALID_POSITION (well-formed but impossible). */
TEMPO_API tempo_status tempo_position_from_fen(const char* fen, tempo_position* out, char* error, size_t error_len);

/* Writes the position's FEN into text[0..text_len), NUL-terminated; *length
 * (optional) gets its length without the NUL. If text_len is too small:
 * BUFFER_TOO_SMALL, *length = the needed length without the NUL, and text
 * (if text_len > 0) holds "". TEMPO_FEN_TEXT bytes always suffice. */
TEMPO_API tempo_status tempo_position_to_fen(const tempo_position* pos, char* text, size_t text_len, size_t* length);

/* From a square array of `count` entries (must be 51; [0] ignored), piece
 * codes TEMPO_EMPTY..TEMPO_BLACK_KING, numbered per `numbering`.
 * Errors: NULL_POINTER, STRUCT_SIZE, MISALIGNED, INVALID_ARGUMENT (count,
 * side or numbering), INVALID_POSITION (bad piece code or impossible). */
TEMPO_API tempo_status tempo_position_from_squares(const int32_t* squares, size_t count, int32_t side,
                                                   int32_t numbering, tempo_position* out, char* error,
                                                   size_t error_len);

/* To a square array of `count` entries (must be >= 51; [0] and entries past
 * 50 are set to 0), numbered per `numbering`. */
TEMPO_API tempo_status tempo_position_to_squares(const tempo_position* pos, int32_t numbering, int32_t* squares,
                                                 size_t count);

/* The app's rotated numbering and FMJD's map onto each other by s -> 51 - s,
 * in both directions. Errors: NULL_POINTER, INVALID_ARGUMENT (not 1..50). */
TEMPO_API tempo_status tempo_rotate_square(int32_t square, int32_t* rotated);

/* All legal moves of the side to move (captures are mandatory and maximal),
 * with from, to, captured squares and one path each. `moves` has room for
 * `capacity` elements of `move_size` bytes. *count gets the number of legal
 * moves; if it exceeds capacity: BUFFER_TOO_SMALL and the first `capacity`
 * are written. TEMPO_MAX_MOVES suffices (see its note). No legal move: OK, *count 0.
 * Errors: NULL_POINTER (moves may be NULL only if capacity is 0),
 * STRUCT_SIZE, MISALIGNED, INVALID_POSITION, BUFFER_TOO_SMALL. */
TEMPO_API tempo_status tempo_legal_moves(const tempo_position* pos, tempo_move* moves, uint32_t move_size,
                                         uint32_t capacity, uint32_t* count);

/* Plays `move` (matched on from, to and the captured set against the legal
 * moves) and writes the position after it. `out` may be `pos`. A man ending
 * on the far row is promoted.
 * Errors: NULL_POINTER, STRUCT_SIZE, MISALIGNED, INVALID_POSITION,
 * ILLEGAL_MOVE. */
TEMPO_API tempo_status tempo_play_move(const tempo_position* pos, const tempo_move* move, tempo_position* out);

/* PDN move text: `32-28`, `19x30`, or the long form `47x38x24x13x36` when
 * another legal move has the same from and to. Text buffers as in
 * tempo_position_to_fen; TEMPO_MOVE_TEXT bytes always suffice.
 * Errors: as tempo_play_move, plus BUFFER_TOO_SMALL. */
TEMPO_API tempo_status tempo_move_to_pdn(const tempo_position* pos, const tempo_move* move, char* text, size_t text_len,
                                         size_t* length);

/* Reads PDN move text (short or long form) and writes the legal move it
 * names, with its path. Errors: NULL_POINTER, STRUCT_SIZE, MISALIGNED,
 * INVALID_POSITION, PARSE, ILLEGAL_MOVE, AMBIGUOUS_MOVE (short form of an
 * ambiguous king capture: use the long form or pick from tempo_legal_moves). */
TEMPO_API tempo_status tempo_move_from_pdn(const tempo_position* pos, const char* text, tempo_move* out, char* error,
                                           size_t error_len);

/* Hub move text: `32-28`, or `fromxto` then `x<square>` for every captured
 * piece in increasing order (`28x19x23`). Never ambiguous. */
TEMPO_API tempo_status tempo_move_to_hub(const tempo_position* pos, const tempo_move* move, char* text, size_t text_len,
                                         size_t* length);
TEMPO_API tempo_status tempo_move_from_hub(const tempo_position* pos, const char* text, tempo_move* out, char* error,
                                           size_t error_len);

/* The state of the game from `start` after `moves` (move_count elements of
 * move_size bytes, NULL if 0): won, lost (no legal move for the side to
 * move), drawn and by which rule (threefold repetition, 25-, 16-, 5-move
 * rules), or still going. Errors: NULL_POINTER, STRUCT_SIZE, MISALIGNED,
 * INVALID_POSITION, ILLEGAL_MOVE (the detail says which ply), and
 * INVALID_ARGUMENT for a move after the game has ended. */
TEMPO_API tempo_status tempo_game_status(const tempo_position* start, const tempo_move* moves, uint32_t move_size,
                                         uint32_t move_count, tempo_game_state* out, char* error, size_t error_len);

/* Searches the position reached from request->start after request->moves
 * (the history makes the search see repetitions and the draw counters).
 * tt/tt_len: the caller's table buffer, any address, at least
 * TEMPO_TABLE_MIN_BYTES, or NULL/0 to search without a table. All-zero bytes
 * are an empty table; a table from an earlier search (from any thread, or a
 * memcpy of it) is reused; foreign bytes are detected and treated as empty.
 * The buffer may be moved or copied between calls; an 8-byte-aligned one may
 * serve concurrent calls, a misaligned one never. request->threads > 1 (ABI
 * 3) starts helper threads for this call and joins them before returning.
 * Blocks for the length of the search: call it from a worker thread/isolate. Errors: NULL_POINTER, STRUCT_SIZE,
 * MISALIGNED, INVALID_ARGUMENT (level, limits, multipv), INVALID_POSITION, ILLEGAL_MOVE (in the history), TABLE (buffer
 * too short). With no legal move: OK and result->has_move 0. */
TEMPO_API tempo_status tempo_search(const tempo_search_request* request, uint8_t* tt, size_t tt_len,
                                    tempo_search_result* result, char* error, size_t error_len);

/* Values of a cancel flag (tempo_search_request.cancel). Any non-zero value
 * stops a search; these two say who stopped it. */
#define TEMPO_CANCEL_RUN 0       /* keep searching */
#define TEMPO_CANCEL_STOP 1      /* the owner asks the search to stop */
#define TEMPO_CANCEL_ABANDONED 2 /* the owner is gone: whoever ran the search frees what it lent */

/* ABI 4. Stores TEMPO_CANCEL_ABANDONED into the int32_t cancel flag at
 * `cancel` (an atomic store; NULL is ignored). Shaped as a finalizer,
 * void f(void*), so that a garbage-collected owner of memory lent to a search
 * on another thread (Dart's NativeFinalizer when an isolate dies) can stop
 * that search instead of freeing the memory under it: the search returns
 * promptly, and the code that called tempo_search, seeing
 * TEMPO_CANCEL_ABANDONED, frees the flag, the table and anything else lent. */
TEMPO_API void tempo_cancel_abandon(void* cancel);

/* Facts about a table buffer without searching (reads the header and a small
 * sample; does not change the buffer). Errors: NULL_POINTER, STRUCT_SIZE,
 * MISALIGNED, TABLE. */
TEMPO_API tempo_status tempo_table_get_info(const uint8_t* tt, size_t tt_len, tempo_table_info* out);

/* Makes the buffer an empty table (writes every byte). Never needed for
 * correctness: a table is reused or reset by tempo_search as it finds it.
 * Not while a search uses the buffer. Errors: NULL_POINTER, TABLE. */
TEMPO_API tempo_status tempo_table_clear(uint8_t* tt, size_t tt_len);

#ifdef __cplusplus
}
#endif

#endif /* TEMPO_H_ */
