from django.db import models
from django.db.models.functions import Now


class User(models.Model):
    """The lab's users table (fixtures/sql/001_users.sql), which the fixtures migrate, not Django."""

    id = models.BigAutoField(primary_key=True)
    email = models.TextField(unique=True)
    name = models.TextField()
    country = models.CharField(max_length=2)
    # The database's now(), read back by the INSERT's RETURNING.
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        managed = False
        db_table = "users"
