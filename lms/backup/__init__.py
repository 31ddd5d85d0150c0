"""Backups: the database, the instance folder (uploads, assets) and the certificate signing keys, in one file."""
