# Juste : la règle en une seule expression booléenne.
def est_bissextile(annee):
    return annee % 4 == 0 and (annee % 100 != 0 or annee % 400 == 0)
