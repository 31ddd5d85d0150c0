def mention(moyenne):
    # Renvoyez "Très bien", "Bien", "Assez bien", "Passable" ou "Non admis"
    return ""
