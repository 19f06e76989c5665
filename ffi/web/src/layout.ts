// The C ABI's structs (ffi/include/tempo.h) as wasm32 lays them out: the
// fields in header order, their offsets computed with C's alignment rules
// (pointers and size_t are 4 bytes on wasm32, 64-bit fields align to 8). The
// test suite compiles _Static_asserts of every offset computed here with the
// same compiler as tempo.wasm, so a field added to the header and not here
// fails there.

export type FieldType = 'u8' | 'i32' | 'u32' | 'u64' | 'i64' | 'f64' | 'ptr' | StructLayout;

export interface Field {
  readonly name: string;
  readonly offset: number;
  readonly type: FieldType;
  readonly count: number; // array length, 1 for a scalar
}

export interface StructLayout {
  readonly name: string;
  readonly size: number;
  readonly align: number;
  readonly fields: Readonly<Record<string, Field>>;
}

const scalar: Record<Exclude<FieldType, StructLayout>, number> = {
  u8: 1, i32: 4, u32: 4, u64: 8, i64: 8, f64: 8, ptr: 4,
};

function sizeAlign(t: FieldType): [number, number] {
  if (typeof t === 'string') return [scalar[t], scalar[t]];
  return [t.size, t.align];
}

/** Lays out a C struct from its fields in order: [name, type, count?]. */
export function struct(name: string, spec: ReadonlyArray<readonly [string, FieldType, number?]>): StructLayout {
  let offset = 0;
  let align = 1;
  const fields: Record<string, Field> = {};
  for (const [fieldName, type, count = 1] of spec) {
    const [size, a] = sizeAlign(type);
    offset = Math.ceil(offset / a) * a;
    fields[fieldName] = { name: fieldName, offset, type, count };
    offset += size * count;
    align = Math.max(align, a);
  }
  return { name, size: Math.ceil(offset / align) * align, align, fields };
}

// Array lengths from tempo.h.
export const MAX_MOVES = 512;
export const MAX_CAPTURES = 20;
export const MAX_PATH = 21;
export const MAX_MULTIPV = 32;
export const PV_TEXT = 512;
export const FEN_TEXT = 160;
export const MOVE_TEXT = 96;
export const SCORE_TEXT = 16;
export const TABLE_MIN_BYTES = 65536;
export const TABLE_DEFAULT_BYTES = 4194304;

export const positionLayout = struct('tempo_position', [
  ['size', 'u32'], ['side', 'i32'], ['squares', 'u8', 51], ['reserved', 'u8', 1],
]);

export const moveLayout = struct('tempo_move', [
  ['size', 'u32'], ['from', 'u8'], ['to', 'u8'], ['capture_count', 'u8'], ['path_length', 'u8'],
  ['captured', 'u8', MAX_CAPTURES], ['path', 'u8', MAX_PATH], ['reserved', 'u8', 3],
  ['captured_in_order', 'u8', MAX_CAPTURES],
]);

export const gameStateLayout = struct('tempo_game_state', [
  ['size', 'u32'], ['result', 'i32'], ['draw_rule', 'i32'], ['side_to_move', 'i32'], ['plies', 'u32'],
  ['legal_moves', 'u32'], ['king_plies', 'u32'], ['endgame_plies', 'u32'], ['repetitions', 'u32'],
  ['position', positionLayout],
]);

export const progressLayout = struct('tempo_progress', [
  ['size', 'u32'], ['depth', 'i32'], ['seldepth', 'i32'], ['score', 'i32'], ['nodes', 'u64'], ['time_ms', 'i64'],
  ['multipv_index', 'i32'], ['pv', 'u8', PV_TEXT],
]);

export const searchRequestLayout = struct('tempo_search_request', [
  ['size', 'u32'], ['level', 'i32'], ['start', 'ptr'], ['moves', 'ptr'], ['move_size', 'u32'], ['move_count', 'u32'],
  ['depth', 'i32'], ['movetime_ms', 'i32'], ['nodes', 'u64'], ['time_left_ms', 'i32'], ['increment_ms', 'i32'],
  ['moves_to_go', 'i32'], ['infinite', 'i32'], ['seed', 'u64'], ['multipv', 'i32'], ['reserved0', 'i32'],
  ['cancel', 'ptr'], ['on_progress', 'ptr'], ['progress_user_data', 'ptr'],
  ['overrides', 'u32'], ['max_depth', 'i32'], ['time_limit_ms', 'i32'], ['eval_noise', 'i32'],
  ['blunder_margin', 'i32'], ['use_table', 'i32'], ['use_killers', 'i32'], ['reserved1', 'i32'],
  ['blunder_probability', 'f64'], ['feature_scale', 'f64'],
  ['threads', 'i32'], ['fresh_table', 'i32'], ['egdb', 'ptr'], ['egdb_size', 'u64'],
  ['max_nodes', 'i32'], ['blunder_depth', 'i32'], ['capture_horizon', 'i32'], ['strength', 'i32'],
  ['book', 'i32'], ['book_variety', 'i32'],
]);

export const scoredMoveLayout = struct('tempo_scored_move', [
  ['move', moveLayout], ['score', 'i32'], ['pv', 'u8', PV_TEXT],
]);

export const searchResultLayout = struct('tempo_search_result', [
  ['size', 'u32'], ['has_move', 'i32'], ['best_move', moveLayout], ['score', 'i32'], ['depth', 'i32'],
  ['seldepth', 'i32'], ['cancelled', 'i32'], ['blunder', 'i32'], ['tt_status', 'i32'], ['tt_reason', 'i32'],
  ['multipv_count', 'i32'], ['nodes', 'u64'], ['time_ms', 'i64'], ['pv', 'u8', PV_TEXT],
  ['multipv', scoredMoveLayout, MAX_MULTIPV],
]);

export const tableInfoLayout = struct('tempo_table_info', [
  ['size', 'u32'], ['format_version', 'u32'], ['generation', 'u32'], ['status', 'i32'], ['reason', 'i32'],
  ['reserved0', 'i32'], ['bytes', 'u64'], ['entries', 'u64'], ['fill', 'f64'],
]);

export const egdbInfoLayout = struct('tempo_egdb_info', [
  ['size', 'u32'], ['status', 'i32'], ['max_pieces', 'i32'], ['slices', 'i32'], ['bytes', 'u64'],
]);

/** Every struct, for the layout test. */
export const allLayouts: readonly StructLayout[] = [
  positionLayout, moveLayout, gameStateLayout, progressLayout, searchRequestLayout, scoredMoveLayout,
  searchResultLayout, tableInfoLayout, egdbInfoLayout,
];
