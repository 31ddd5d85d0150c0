"""Work a teacher gives a class or chosen pupils: a course, a unit or one item, with an optional due date."""
