"""Personal data under Morocco's law 09-08: a person's copy of their data, and anonymising a departed user."""
