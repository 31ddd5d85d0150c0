import html


def cellule(balise, valeur):
    """Renvoie une cellule, par exemple cellule("td", 15) -> "<td>15</td>"."""
    return ""


def tableau_html(entetes, lignes):
    """Renvoie le code HTML d'un tableau avec une ligne d'en-tête et des lignes de données."""
    resultat = ["<table>"]
    return "\n".join(resultat)
