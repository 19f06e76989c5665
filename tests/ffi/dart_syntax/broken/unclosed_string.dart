// Deliberately broken: a string that never ends.
const text = 'a quiet move;
