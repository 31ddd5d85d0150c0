def nombre_de_bus(eleves, accompagnateurs, places):
    personnes = eleves + accompagnateurs
    bus = personnes // places
    if personnes % places != 0:
        bus = bus + 1
    return bus
