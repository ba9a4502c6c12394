"""Known names found again in prose (``text/recognise/known_names.py``), on sentences written for the test."""

from __future__ import annotations

from dataclasses import dataclass, field

from industriegraph.text.recognise.known_names import NameIndex, common_prefix, norm_chars


@dataclass
class Known:
    key: str
    names: list[str] = field(default_factory=list)


def test_norm_chars_maps_back_to_the_original_offsets():
    norm, idx = norm_chars("In|du|strie – Netz")
    assert norm == "industrienetz"
    assert [idx[0], idx[2], idx[-1]] == [0, 3, 17]


def test_common_prefix_ends_at_a_word():
    assert common_prefix("Bündnis für Arbeit Nord", "Bündnis für Arbeit Süd") == "Bündnis für Arbeit"
    assert common_prefix("Netzwerk Alpha", "Netzwerk Beta") == "Netzwerk"


def test_find_tolerates_spacing_dashes_case_and_genitive():
    index = NameIndex([Known("Zukunftsnetz Metallbau", ["ZNM"]), Known("Masterplan Werkbank Oberdorf")])
    text = "Die Partner des Masterplans Werkbank Oberdorf trafen das ZUKUNFTS-NETZ Metallbau."
    keys = [k for _, _, k in index.find(text)]
    assert keys == ["Masterplan Werkbank Oberdorf", "Zukunftsnetz Metallbau"]
    # a short acronym only counts written in capitals, as a whole word
    assert [k for _, _, k in index.find("Das ZNM tagt.")] == ["Zukunftsnetz Metallbau"]
    assert index.find("Die znm tagt.") == []
    assert index.find("Die Tagung war lang.") == []


def test_a_family_of_equal_names_is_told_apart_by_its_place():
    index = NameIndex([
        Known("Gemeinsam für die Industrie der Zukunft Nordstadt"),
        Known("Gemeinsam für die Industrie der Zukunft Südheim"),
    ])  # fmt: skip
    text = "In Südheim lädt Gemeinsam für die Industrie der Zukunft wieder ein."
    assert [k for _, _, k in index.find(text)] == ["Gemeinsam für die Industrie der Zukunft Südheim"]
    unclear = index.find("Gemeinsam für die Industrie der Zukunft lädt ein.")
    assert [k[:1] for _, _, k in unclear] == ["?"]  # neither place named: marked unclear
