# Erreur : notes.sort() modifie la liste reçue.
def statistiques(notes):
    notes.sort()
    return (notes[0], notes[-1], round(sum(notes) / len(notes), 2))
