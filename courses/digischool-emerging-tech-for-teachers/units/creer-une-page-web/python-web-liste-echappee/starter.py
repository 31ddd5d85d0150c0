import html


def liste_html(elements):
    lignes = ["<ul>"]
    return ""
