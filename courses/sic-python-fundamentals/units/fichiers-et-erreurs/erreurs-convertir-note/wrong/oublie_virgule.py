# Erreur : la virgule décimale n'est pas remplacée, "14,5" est refusé.
def convertir_note(texte):
    try:
        note = float(texte)
    except ValueError:
        return None
    if 0 <= note <= 20:
        return note
    return None
