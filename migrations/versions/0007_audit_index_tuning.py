"""audit log indexes for family filters and per-person counts

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 08:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        # Pattern operators let "action LIKE 'claim.%'" range-scan the index on
        # PostgreSQL whatever the database's collation; equality still uses it.
        batch_op.drop_index("ix_audit_event_action_id")
        batch_op.create_index(
            "ix_audit_event_action_id",
            ["action", "id"],
            unique=False,
            postgresql_ops={"action": "varchar_pattern_ops"},
        )
        batch_op.create_index(
            "ix_audit_event_actor_id_action_id", ["actor_id", "action", "id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_actor_id_action_id")
        batch_op.drop_index("ix_audit_event_action_id")
        batch_op.create_index("ix_audit_event_action_id", ["action", "id"], unique=False)
