"""Certificates: issued once on course completion (or by an admin), verified by anyone.

Anatomy: models (certificate + audit events), snapshot (what it says, frozen), operations (issue,
revoke, re-issue), receivers (completion → issue), credentials/proofs/keys/status_list (the signed Open
Badges 3.0 credential), pdf (WeasyPrint), views (public, learner) and admin_views. docs/certificates.md.
"""
