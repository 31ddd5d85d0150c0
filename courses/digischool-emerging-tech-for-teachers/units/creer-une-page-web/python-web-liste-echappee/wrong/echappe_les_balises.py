import html


def liste_html(elements):
    lignes = ["<ul>"]
    for element in elements:
        lignes.append("  <li>" + element + "</li>")
    lignes.append("</ul>")
    # Erreur : on échappe tout le résultat, balises comprises.
    return html.escape("\n".join(lignes))
