from alembic import context

# Models must be imported so that autogenerate sees every table.
from app.accounts import models as _accounts  # noqa: F401
from app.extensions import db
from app.notes import models as _notes  # noqa: F401
from app.workshops import models as _workshops  # noqa: F401

target_metadata = db.metadata
connection = context.config.attributes.get("connection")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
