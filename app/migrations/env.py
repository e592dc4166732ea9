from alembic import context

# Models must be imported so that autogenerate sees every table.
from app.core import account_models as _accounts  # noqa: F401
from app.core import note_models as _notes  # noqa: F401
from app.core import workshop_models as _workshops  # noqa: F401
from app.extensions import db

target_metadata = db.metadata
connection = context.config.attributes.get("connection")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
