"""The audit log: who did what to whom, when and from where.

Other areas call :func:`lms.audit.operations.record` from their operations (role changes, grade
overrides, certificate issue/revoke, exports of personal data, sign-ins). Entries are append-only.
"""
