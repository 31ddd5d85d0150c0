def ecrire_resultats(chemin, notes):
    nb_admis = 0
    return nb_admis


print(ecrire_resultats("resultats.txt", {"Amina": 15.5, "Karim": 8}))
