"""tempo.svg() and the Jupyter pictures: well-formed SVG showing every piece, arrows and numbers."""
import xml.etree.ElementTree as ET

import pytest

import tempo

NS = {"s": "http://www.w3.org/2000/svg"}
KIND = {
    tempo.Piece.WHITE_MAN: "white-man",
    tempo.Piece.BLACK_MAN: "black-man",
    tempo.Piece.WHITE_KING: "white-king",
    tempo.Piece.BLACK_KING: "black-king",
}


def pieces_drawn(svg_text):
    root = ET.fromstring(svg_text)
    out = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        classes = g.get("class", "").split()
        if "piece" in classes:
            out[int(g.get("data-square"))] = [c for c in classes if c != "piece"][0]
    return root, out


@pytest.mark.parametrize("fen", ["W:W31-50:B1-20", "B:WK3,28,33,K46:BK7,12,K45,19", "W:W:B"])
def test_every_piece_is_drawn_on_its_square(fen):
    pos = tempo.Position.from_fen(fen)
    root, drawn = pieces_drawn(tempo.svg(pos))
    expected = {s: KIND[p] for s, p in enumerate(pos.squares(), 1) if p != tempo.Piece.EMPTY}
    assert drawn == expected
    assert len(root.findall(".//s:rect[@class='square']", NS)) == 50
    assert root.find("s:title", NS).text == pos.fen()
    assert pos._repr_svg_() == tempo.svg(pos)


def test_square_numbers_and_flipping():
    pos = tempo.Position.start()
    root = ET.fromstring(tempo.svg(pos, numbers=True))
    numbers = [t.text for t in root.findall(".//s:text[@class='square-number']", NS)]
    assert numbers == [str(s) for s in range(1, 51)]
    assert not ET.fromstring(tempo.svg(pos)).findall(".//s:text[@class='square-number']", NS)

    def square_xy(svg_text, square):
        rect = ET.fromstring(svg_text).find(f".//s:rect[@data-square='{square}']", NS)
        return float(rect.get("x")), float(rect.get("y"))

    # Square 1 is second from the left on the top row (the diagram's layout); flipped, at the bottom.
    assert square_xy(tempo.svg(pos), 1) == (40.0, 0.0)
    assert square_xy(tempo.svg(pos, flipped=True), 1) == (320.0, 360.0)
    assert square_xy(tempo.svg(pos), 50)[1] == 360.0 and square_xy(tempo.svg(pos, flipped=True), 50)[1] == 0.0
    assert square_xy(tempo.svg(pos), 46) == (0.0, 360.0)


def test_arrows_for_a_move_a_pv_and_extra_arrows():
    pos = tempo.Position.from_fen("W:W32,45:B5,17,27")
    take = pos.legal_moves()[0]
    assert take.is_capture and len(take.path) >= 3, "the test wants a capture of two pieces"
    result = tempo.search(pos, depth=4)
    text = tempo.svg(pos, move=take, pv=result.pv, arrows=[(32, 27), (33, 29, 24)])
    root = ET.fromstring(text)
    lines = root.findall(".//s:polyline", NS)
    classes = [line.get("class") for line in lines]
    assert classes.count("arrow move") == 1
    assert sum(c.startswith("arrow pv") for c in classes) == len(result.pv)
    assert classes.count("arrow arrow") == 2
    move_line = lines[classes.index("arrow move")]
    # A capture's arrow follows its route: one point per square of the path.
    assert len(move_line.get("points").split()) == len(take.path)
    labels = [t.text for t in root.findall(".//s:text[@class='arrow-label']", NS)]
    assert labels == [str(i) for i in range(1, len(result.pv) + 1)]


def test_game_draws_its_position_and_last_move():
    game = tempo.Game()
    assert "polyline" not in game._repr_svg_()
    game.play("32-28")
    game.play("19-23")
    root, drawn = pieces_drawn(game._repr_svg_())
    assert drawn[23] == "black-man" and 19 not in drawn
    lines = root.findall(".//s:polyline", NS)
    assert [line.get("class") for line in lines] == ["arrow move"]
    assert "polyline" not in tempo.svg(game, last_move=False)


def test_bad_arguments():
    with pytest.raises(TypeError, match="Position or tempo.Game"):
        tempo.svg("W:W31-50:B1-20")
    with pytest.raises(ValueError, match="off the board"):
        tempo.svg(tempo.Position.start(), arrows=[(0, 5)])
    with pytest.raises(ValueError, match="at least two squares"):
        tempo.svg(tempo.Position.start(), arrows=[(5,)])
    with pytest.raises(ValueError, match="size"):
        tempo.svg(tempo.Position.start(), size=0)
