"""The real app in Flask-SocketIO's threading mode, for comparing async modes only.

``pajapohja serve`` runs gevent; threading mode has no production server of its own in
Flask-SocketIO, so this runs Werkzeug's threaded server (with simple-websocket) as Flask-SocketIO
does in that mode.

    PAJAPOHJA_ASYNC_MODE=threading python -m bench.app_threading --port 8000
"""

import argparse
import os


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.app_threading")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    os.environ["PAJAPOHJA_ASYNC_MODE"] = "threading"
    from app import create_app
    from app.extensions import socketio

    app = create_app()
    print(f"app (threading) on {args.host}:{args.port}", flush=True)
    socketio.run(
        app,
        host=args.host,
        port=args.port,
        log_output=False,
        use_reloader=False,
        allow_unsafe_werkzeug=True,
    )


if __name__ == "__main__":
    main()
