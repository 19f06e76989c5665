// Deliberately broken: a class without a name.
class {
  final int square = 1;
}
