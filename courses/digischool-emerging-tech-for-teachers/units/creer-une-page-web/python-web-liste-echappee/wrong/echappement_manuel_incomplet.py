def liste_html(elements):
    lignes = ["<ul>"]
    for element in elements:
        # Échappement « maison » : oublie & et les guillemets.
        texte = element.replace("<", "&lt;").replace(">", "&gt;")
        lignes.append("  <li>" + texte + "</li>")
    lignes.append("</ul>")
    return "\n".join(lignes)
