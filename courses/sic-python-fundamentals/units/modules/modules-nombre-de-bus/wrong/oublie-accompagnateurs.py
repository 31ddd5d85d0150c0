import math


def nombre_de_bus(eleves, accompagnateurs, places):
    return math.ceil(eleves / places)
