def nombre_heures(total_minutes):
    return total_minutes // 60


def minutes_restantes(total_minutes):
    # La partie décimale des heures, remise en minutes : 24.999999999999964 au lieu de 25
    return (total_minutes / 60 - total_minutes // 60) * 60
