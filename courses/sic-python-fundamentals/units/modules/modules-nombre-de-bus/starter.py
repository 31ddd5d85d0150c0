def nombre_de_bus(eleves, accompagnateurs, places):
    return 0
