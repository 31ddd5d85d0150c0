def mention(moyenne):
    # Renvoyez "Très bien", "Bien", "Assez bien", "Passable" ou "Non admis"
    if moyenne >= 16:
        return "Très bien"
    elif moyenne >= 14:
        return "Bien"
    elif moyenne >= 12:
        return "Assez bien"
    elif moyenne >= 10:
        return "Passable"
    else:
        return "Non admis"
