"""One error type for everything a client may be told, over HTTP or Socket.IO."""


class AppError(Exception):
    """A refusal with a stable ``code`` and a human ``message`` (already translated).

    ``status`` is the HTTP status a REST client gets; socket clients get the code and message in
    the acknowledgement.
    """

    def __init__(self, code: str, message: str, status: int = 400, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra

    def to_dict(self) -> dict:
        error = {"code": self.code, "message": self.message}
        error.update(self.extra)
        return {"error": error}
