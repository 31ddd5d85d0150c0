import html


def liste_html(elements):
    """Renvoie le code HTML d'une liste <ul> dont chaque texte est échappé."""
    lignes = ["<ul>"]
    # À compléter : ajouter une ligne "  <li>...</li>" par élément,
    # en échappant le texte avec html.escape, puis la ligne "</ul>".
    return ""
