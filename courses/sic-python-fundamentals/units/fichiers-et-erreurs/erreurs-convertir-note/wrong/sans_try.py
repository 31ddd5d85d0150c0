# Erreur : pas de try / except, un texte invalide fait planter la fonction.
def convertir_note(texte):
    note = float(texte.replace(",", "."))
    if 0 <= note <= 20:
        return note
    return None
