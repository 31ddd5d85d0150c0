def cellule(balise, valeur):
    # Oubli : la valeur n'est pas échappée.
    return "<" + balise + ">" + str(valeur) + "</" + balise + ">"


def tableau_html(entetes, lignes):
    resultat = ["<table>"]
    resultat.append("  <tr>" + "".join(cellule("th", titre) for titre in entetes) + "</tr>")
    for ligne in lignes:
        resultat.append("  <tr>" + "".join(cellule("td", valeur) for valeur in ligne) + "</tr>")
    resultat.append("</table>")
    return "\n".join(resultat)
