def mention(moyenne):
    # Commence par le test le plus large : tout ce qui dépasse 10 devient 1
    if moyenne >= 10:
        return 1
    elif moyenne >= 12:
        return 2
    elif moyenne >= 14:
        return 3
    elif moyenne >= 16:
        return 4
    else:
        return 0
