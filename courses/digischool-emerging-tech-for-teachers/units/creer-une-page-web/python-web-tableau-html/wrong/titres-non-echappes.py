import html


def cellule(balise, valeur):
    return "<" + balise + ">" + html.escape(str(valeur)) + "</" + balise + ">"


def tableau_html(entetes, lignes):
    resultat = ["<table>"]
    # Les titres sont écrits tels quels : seules les valeurs des lignes sont échappées
    resultat.append("  <tr>" + "".join("<th>" + titre + "</th>" for titre in entetes) + "</tr>")
    for ligne in lignes:
        resultat.append("  <tr>" + "".join(cellule("td", valeur) for valeur in ligne) + "</tr>")
    resultat.append("</table>")
    return "\n".join(resultat)
