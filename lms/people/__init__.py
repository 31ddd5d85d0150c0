"""People management for admins: find, create, edit, deactivate and import accounts; import places.

Every route needs ``Permission.MANAGE_PEOPLE`` (admins only). Every change goes through
:mod:`lms.people.operations`, which writes the audit entries; the views commit.
"""
