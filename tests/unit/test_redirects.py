import pytest

from claimcheck.security.redirects import safe_next


@pytest.mark.parametrize("target", ["/", "/articles/3", "/claims?state=new&page=2"])
def test_local_paths_are_kept(target):
    assert safe_next(target, "/home") == target


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "evil.example",
        "",
        None,
        "/" + "a" * 3000,
    ],
)
def test_anything_that_could_leave_the_site_falls_back(target):
    assert safe_next(target, "/home") == "/home"
