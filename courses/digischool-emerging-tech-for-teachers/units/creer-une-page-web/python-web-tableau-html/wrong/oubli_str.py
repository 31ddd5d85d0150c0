import html


def cellule(balise, valeur):
    # Oubli de str() : html.escape échoue sur un nombre.
    return "<" + balise + ">" + html.escape(valeur) + "</" + balise + ">"


def tableau_html(entetes, lignes):
    resultat = ["<table>"]
    resultat.append("  <tr>" + "".join(cellule("th", titre) for titre in entetes) + "</tr>")
    for ligne in lignes:
        resultat.append("  <tr>" + "".join(cellule("td", valeur) for valeur in ligne) + "</tr>")
    resultat.append("</table>")
    return "\n".join(resultat)
