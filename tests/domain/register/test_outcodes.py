import pytest

from inspectorate.domain.register.outcodes import OutcodeCentres, outcode_of

CENTRES = OutcodeCentres.from_csv("id,outcode,latitude,longitude,\r\n1,RG4,51.5,-0.97,\r\n2,N1,51.54,-0.10,\r\n")


@pytest.mark.parametrize(
    ("postcode", "outcode"),
    [("RG4 7RA", "RG4"), ("rg4 7ra", "RG4"), ("RG47RA", "RG4"), ("N1C 4PF", "N1C"), ("EC1A 1BB", "EC1A"), ("", "")],
)
def test_the_outcode_is_the_part_before_the_inward_code(postcode: str, outcode: str) -> None:
    assert outcode_of(postcode) == outcode


def test_a_school_is_placed_at_its_district_centre() -> None:
    assert CENTRES.locate("RG4 7RA") == (51.5, -0.97)


def test_a_district_not_in_the_list_has_no_location() -> None:
    assert CENTRES.locate("N1C 4PF") is None
