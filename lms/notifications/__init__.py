"""Announcements to a class and each person's in-app notifications (mailed too when a server is set)."""
