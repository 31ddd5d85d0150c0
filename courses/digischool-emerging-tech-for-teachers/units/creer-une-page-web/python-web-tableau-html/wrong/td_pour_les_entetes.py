import html


def cellule(balise, valeur):
    return "<" + balise + ">" + html.escape(str(valeur)) + "</" + balise + ">"


def tableau_html(entetes, lignes):
    resultat = ["<table>"]
    # Erreur : les titres de colonnes sont mis dans des <td> au lieu de <th>.
    resultat.append("  <tr>" + "".join(cellule("td", titre) for titre in entetes) + "</tr>")
    for ligne in lignes:
        resultat.append("  <tr>" + "".join(cellule("td", valeur) for valeur in ligne) + "</tr>")
    resultat.append("</table>")
    return "\n".join(resultat)
