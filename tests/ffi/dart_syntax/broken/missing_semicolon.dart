// Deliberately broken: a statement without its semicolon.
int twice(int x) {
  final y = x * 2
  return y;
}
