# Erreur : les notes hors de l'intervalle 0-20 ne sont pas refusées.
def convertir_note(texte):
    try:
        return float(texte.replace(",", "."))
    except ValueError:
        return None
