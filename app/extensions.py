"""Extension objects, created once and bound to an app in ``create_app``."""

from flask_babel import Babel
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


# Objects stay readable after commit: handlers serialise them after the transaction ends.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
socketio = SocketIO()
csrf = CSRFProtect()
babel = Babel()
