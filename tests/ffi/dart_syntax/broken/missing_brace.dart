// Deliberately broken: the function's closing brace is missing (tree-sitter
// inserts a MISSING node, which the check must report).
void main() {
  print('draughts');
