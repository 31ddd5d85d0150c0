import html


def liste_html(elements):
    lignes = ["<ul>"]
    for element in elements:
        lignes.append("  <li>" + html.escape(element) + "</li>")
    lignes.append("</ul>")
    # Erreur : la fonction affiche le résultat mais ne le renvoie pas.
    print("\n".join(lignes))
