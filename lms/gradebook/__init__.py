"""The teacher's gradebook: learners × items, feedback on attempts, overrides, resets, reflection reviews."""
