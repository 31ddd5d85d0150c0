# Juste : trier une copie (sorted) laisse la liste reçue intacte.
def statistiques(notes):
    triees = sorted(notes)
    return (triees[0], triees[-1], round(sum(triees) / len(triees), 2))
