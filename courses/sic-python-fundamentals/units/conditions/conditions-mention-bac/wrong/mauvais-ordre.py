def mention(moyenne):
    # Commence par le test le plus large : tout ce qui dépasse 10 devient "Passable"
    if moyenne >= 10:
        return "Passable"
    elif moyenne >= 12:
        return "Assez bien"
    elif moyenne >= 14:
        return "Bien"
    elif moyenne >= 16:
        return "Très bien"
    else:
        return "Non admis"
