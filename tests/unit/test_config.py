import pytest

from config import ProductionConfig, config_for


def test_production_refuses_to_start_without_secret_and_database():
    with pytest.raises(RuntimeError, match="SECRET_KEY.*CLAIMCHECK_DATABASE_URL"):
        ProductionConfig.check({"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": None}, debug=False)


def test_production_refuses_debug():
    settings = {"SECRET_KEY": "k" * 40, "SQLALCHEMY_DATABASE_URI": "postgresql://db/x"}
    with pytest.raises(RuntimeError, match="debug"):
        ProductionConfig.check(settings, debug=True)


def test_production_refuses_a_short_secret():
    settings = {"SECRET_KEY": "short", "SQLALCHEMY_DATABASE_URI": "postgresql://db/x"}
    with pytest.raises(RuntimeError, match="32 characters"):
        ProductionConfig.check(settings, debug=False)


def test_production_accepts_a_complete_setup():
    settings = {"SECRET_KEY": "k" * 40, "SQLALCHEMY_DATABASE_URI": "postgresql://db/x"}
    ProductionConfig.check(settings, debug=False)


def test_unknown_environment_name_is_an_error():
    with pytest.raises(RuntimeError, match="Unknown CLAIMCHECK_ENV"):
        config_for("staging-typo")


def test_create_app_in_production_fails_fast(monkeypatch):
    from claimcheck import create_app

    monkeypatch.delenv("CLAIMCHECK_DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="Production needs"):
        create_app("production", {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": None})


def test_production_app_starts_with_its_settings(monkeypatch, tmp_path):
    from claimcheck import create_app

    app = create_app(
        "production",
        {"SECRET_KEY": "k" * 40, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}"},
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["DEMO_ENABLED"] is False


def test_matching_warm_up_can_be_switched_off_from_the_environment(monkeypatch):
    import importlib

    import config

    monkeypatch.setenv("CLAIMCHECK_MATCHING_WARM_UP", "false")
    try:
        assert importlib.reload(config).ProductionConfig.MATCHING_WARM_UP is False
        monkeypatch.delenv("CLAIMCHECK_MATCHING_WARM_UP")
        assert importlib.reload(config).ProductionConfig.MATCHING_WARM_UP is True
    finally:
        monkeypatch.undo()
        importlib.reload(config)
