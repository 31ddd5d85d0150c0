"""Authoring in the browser: admins edit a draft of a course, validate it and publish it.

A draft is the course as plain data (the same document ``courses export`` writes). Publishing writes
the draft as a package, loads it with the package validator and syncs it with the package sync, so a
course authored here obeys exactly the rules of one shipped on disk: same validation, same archiving,
same treatment of learners mid-course.
"""
