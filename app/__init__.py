"""Pajapohja: structured online workshops, live, and the documents they produce.

Imports stay inside ``create_app`` so that ``pajapohja serve`` can patch the standard library for
gevent before Flask and its friends load.
"""


def create_app(overrides: dict | None = None):
    from flask import Flask

    # Socket handlers must be registered before the first init_app: Flask-SocketIO keeps
    # handlers declared before then and binds them to every server it creates.
    from . import (
        backpressure,
        i18n,
        ratelimit,
        realtime,
        realtime_handlers,  # noqa: F401
        security,
    )
    from .accounts.routes import bp as accounts_bp
    from .api import bp as api_bp
    from .api import init_error_pages
    from .api import routes as api_routes  # noqa: F401  (registers the endpoints on bp)
    from .canvases import load_library
    from .config import load_config, require_drivers
    from .core import presence
    from .db import configure_engine
    from .exports import api as exports_api
    from .exports import routes as exports_routes
    from .extensions import babel, csrf, db, socketio
    from .pages.routes import bp as pages_bp
    from .wire import JsonPacket
    from .workshops.offline import bp as offline_bp
    from .workshops.routes import bp as workshops_bp

    app = Flask(__name__)
    # Before any blueprint adds its rules: every <int:...> id in a URL fits the database.
    from .validation import DatabaseIdConverter

    app.url_map.converters["int"] = DatabaseIdConverter
    app.config.update(load_config(overrides))
    require_drivers(app.config)
    realtime.init_app(app)
    db.init_app(app)
    # Before anything starts: SQLite is upgraded here; a shared database must already be current
    # (``SchemaNotCurrent``, app/migrations).
    with app.app_context():
        configure_engine(db.engine, synchronous=app.config["SQLITE_SYNCHRONOUS"])
        if app.config.get("CREATE_SCHEMA", True):
            from .migrations import prepare_schema

            prepare_schema(db.engine)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config["MESSAGE_QUEUE"],
        max_http_buffer_size=64 * 1024,
        serializer=JsonPacket,
        ping_interval=20,
        ping_timeout=20,
    )
    backpressure.install(socketio.server, app.config["SOCKET_BACKLOG_BYTES"])

    if app.config["PROXY_COUNT"]:  # behind nginx: the client's address and scheme
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=app.config["PROXY_COUNT"], x_proto=app.config["PROXY_COUNT"]
        )
    ratelimit.init_app(app)
    from .exports import cache as export_cache

    export_cache.init_app(app, create_app)
    from .facilitation import suggestions

    suggestions.init_app(app)
    presence.init_app(app)
    app.extensions["pajapohja.canvases"] = load_library(app.config["CANVAS_DIRS"])
    app.register_blueprint(accounts_bp)
    app.register_blueprint(workshops_bp)
    app.register_blueprint(offline_bp)
    app.register_blueprint(api_bp)
    from .privacy.routes import bp as privacy_bp

    app.register_blueprint(privacy_bp)
    app.register_blueprint(exports_routes.bp)
    app.register_blueprint(exports_api.bp)
    app.register_blueprint(pages_bp)
    from .demo.routes import bp as demo_bp
    from .help.routes import bp as help_bp

    app.register_blueprint(demo_bp)
    app.register_blueprint(help_bp)
    csrf.exempt(exports_api.bp)
    csrf.exempt(api_bp)
    security.init_app(app)
    init_error_pages(app)
    security.init_rate_limit_pages(app)
    i18n.init_app(app)
    return app
