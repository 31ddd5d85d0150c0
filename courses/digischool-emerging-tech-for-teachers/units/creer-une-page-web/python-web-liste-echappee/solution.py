import html


def liste_html(elements):
    """Renvoie le code HTML d'une liste <ul> dont chaque texte est échappé."""
    lignes = ["<ul>"]
    for element in elements:
        lignes.append("  <li>" + html.escape(element) + "</li>")
    lignes.append("</ul>")
    return "\n".join(lignes)
