import html


def liste_html(elements):
    lignes = ["<ul>"]
    for element in elements:
        # Oubli : le texte n'est pas échappé.
        lignes.append("  <li>" + element + "</li>")
    lignes.append("</ul>")
    return "\n".join(lignes)
