def mention(moyenne):
    # Renvoyez 4, 3, 2, 1 ou 0
    if moyenne >= 16:
        return 4
    elif moyenne >= 14:
        return 3
    elif moyenne >= 12:
        return 2
    elif moyenne >= 10:
        return 1
    else:
        return 0
