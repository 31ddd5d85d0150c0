def nombre_heures(total_minutes):
    # Arrondit au lieu de garder les heures complètes : 59 minutes donnent 1 heure
    return round(total_minutes / 60)


def minutes_restantes(total_minutes):
    return total_minutes % 60
