import html


def cellule(balise, valeur):
    """Renvoie une cellule, par exemple cellule("td", 15) -> "<td>15</td>"."""
    # À compléter : convertir la valeur en texte, l'échapper, l'entourer de la balise.
    return ""


def tableau_html(entetes, lignes):
    """Renvoie le code HTML d'un tableau avec une ligne d'en-tête et des lignes de données."""
    resultat = ["<table>"]
    # À compléter : la ligne d'en-tête (cellules <th>), puis une ligne par
    # élément de `lignes` (cellules <td>), puis "</table>".
    return "\n".join(resultat)
