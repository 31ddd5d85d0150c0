import html


def cellule(balise, valeur):
    return "<" + balise + ">" + html.escape(str(valeur)) + "</" + balise + ">"


def tableau_html(entetes, lignes):
    resultat = ["<table>"]
    # Erreur : la ligne d'en-tête n'est produite que s'il y a des données.
    for numero, ligne in enumerate(lignes):
        if numero == 0:
            resultat.append("  <tr>" + "".join(cellule("th", titre) for titre in entetes) + "</tr>")
        resultat.append("  <tr>" + "".join(cellule("td", valeur) for valeur in ligne) + "</tr>")
    resultat.append("</table>")
    return "\n".join(resultat)
