def nombre_de_bus(eleves, accompagnateurs, places):
    return (eleves + accompagnateurs) // places + 1
