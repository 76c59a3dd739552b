"""ClaimCheck: claim-by-claim fact-checking for newsrooms."""

from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(config_name: str | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, errors, commands."""
    # templates/ sits at the top of the project, beside the package.
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    load_config(app, config_name, overrides)
    register_extensions(app)
    register_security(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_commands(app)
    register_matching(app)
    return app


def load_config(app: Flask, config_name: str | None, overrides: dict[str, Any] | None) -> None:
    """Apply the named config class, test overrides, and the production checks."""
    from claimcheck.instance_secret import ensure_secret_key
    from config import INSTANCE_DIR, ProductionConfig, config_for

    app.instance_path = str(INSTANCE_DIR)
    config_class = config_for(config_name)
    app.config.from_object(config_class)
    app.config.update(overrides or {})
    if config_class is ProductionConfig:
        ProductionConfig.check(app.config, app.debug)
    else:
        ensure_secret_key(app)


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    from claimcheck import models  # noqa: F401  (every table on the metadata)
    from claimcheck.database import init_database
    from claimcheck.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    init_database(app)
    migrate.init_app(
        app,
        db,
        directory=str(app.root_path + "/../migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)


def register_security(app: Flask) -> None:
    """Sessions, CSRF, default deny and headers, in the order requests meet them."""
    from claimcheck.permissions import PREDICATES
    from claimcheck.security.csrf import init_csrf
    from claimcheck.security.gate import init_gate
    from claimcheck.security.headers import init_headers
    from claimcheck.security.sessions import init_sessions

    init_sessions(app)
    init_gate(app)
    init_csrf(app)
    init_headers(app)
    app.jinja_env.globals["can"] = PREDICATES


def register_blueprints(app: Flask) -> None:
    """One blueprint per area of work."""
    from claimcheck.api.claims import bp as api_claims_bp
    from claimcheck.api.exports import bp as api_exports_bp
    from claimcheck.api.openapi import bp as openapi_bp
    from claimcheck.api.views import bp as api_bp
    from claimcheck.articles.views import bp as articles_bp
    from claimcheck.audit.views import bp as audit_bp
    from claimcheck.auth.views import bp as auth_bp
    from claimcheck.claims.views import bp as claims_bp
    from claimcheck.history.views import bp as history_bp
    from claimcheck.matches.views import bp as matches_bp
    from claimcheck.people.views import bp as people_bp
    from claimcheck.public.views import bp as public_bp
    from claimcheck.queue.views import bp as queue_bp
    from claimcheck.reports.views import bp as reports_bp
    from claimcheck.review.views import bp as review_bp
    from claimcheck.search.views import bp as search_bp
    from claimcheck.settings.views import bp as settings_bp
    from claimcheck.team.views import bp as team_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(articles_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(claims_bp)
    app.register_blueprint(history_bp)
    app.register_blueprint(matches_bp)
    app.register_blueprint(people_bp)
    app.register_blueprint(queue_bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(settings_bp)
    app.register_blueprint(team_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(api_claims_bp)
    app.register_blueprint(api_exports_bp)
    app.register_blueprint(openapi_bp)


def register_matching(app: Flask) -> None:
    """Have the reviewed claims ready for matching before the first import needs them."""
    from claimcheck.services.match_index import warm_on_first_request

    if app.config["MATCHING_ENABLED"] and app.config["MATCHING_WARM_UP"]:
        warm_on_first_request(app)


def register_error_handlers(app: Flask) -> None:
    """Error pages for every status the app can answer with."""
    from claimcheck.errors import init_error_handlers

    init_error_handlers(app)


def register_commands(app: Flask) -> None:
    """The `flask --app wsgi …` commands."""
    from claimcheck.cli import init_commands

    init_commands(app)
