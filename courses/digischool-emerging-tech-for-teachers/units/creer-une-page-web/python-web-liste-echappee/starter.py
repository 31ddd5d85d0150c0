import html


def liste_html(elements):
    """Renvoie le code HTML d'une liste <ul> dont chaque texte est échappé."""
    lignes = ["<ul>"]
    return ""
