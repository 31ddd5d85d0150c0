def nombre_de_bus(eleves, accompagnateurs, places):
    return round((eleves + accompagnateurs) / places)
