def ecrire_resultats(chemin, notes):
    nb_admis = 0
    # Ouvrez le fichier en écriture et écrivez une ligne par élève.
    return nb_admis


print(ecrire_resultats("resultats.txt", {"Amina": 15.5, "Karim": 8}))
