"""The curated routes into careers: every one names a real job family, in both languages, with an https source."""

import pytest

from kiosk.careers.routes import RoutesError, load_routes, routes_for
from kiosk.cv.suggestions import occupations


def test_every_route_is_for_a_known_family_and_is_written_in_english_and_welsh():
    families = occupations().families
    routes = load_routes()
    assert {"security", "hgv", "labourer"} <= set(routes)
    for key, steps in routes.items():
        assert key in families
        assert all(step.en != step.cy for step in steps)


def test_a_security_guard_is_told_about_the_sia_licence_in_welsh_too():
    (step,) = routes_for("security")
    assert "SIA" in step.text("en") and "SIA" in step.text("cy") and "trwydded" in step.text("cy")


def test_a_career_without_routes_has_none():
    assert routes_for("no-such-career") == ()


def test_a_route_without_a_source_is_refused(tmp_path):
    bad = tmp_path / "routes.toml"
    bad.write_text('[[route]]\nfamily = "hgv"\nen = "x"\ncy = "y"\nsource = "http://example.org"\n')
    with pytest.raises(RoutesError):
        load_routes(bad)
