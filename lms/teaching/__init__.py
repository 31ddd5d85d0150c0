"""Running classes over the years: rename, archive, a new school year, co-teachers, who needs help."""
