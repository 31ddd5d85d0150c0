import html


def cellule(balise, valeur):
    """Renvoie une cellule, par exemple cellule("td", 15) -> "<td>15</td>"."""
    return "<" + balise + ">" + html.escape(str(valeur)) + "</" + balise + ">"


def tableau_html(entetes, lignes):
    """Renvoie le code HTML d'un tableau avec une ligne d'en-tête et des lignes de données."""
    resultat = ["<table>"]
    resultat.append("  <tr>" + "".join(cellule("th", titre) for titre in entetes) + "</tr>")
    for ligne in lignes:
        resultat.append("  <tr>" + "".join(cellule("td", valeur) for valeur in ligne) + "</tr>")
    resultat.append("</table>")
    return "\n".join(resultat)
