import html


def cellule(balise, valeur):
    return ""


def tableau_html(entetes, lignes):
    resultat = ["<table>"]
    return "\n".join(resultat)
