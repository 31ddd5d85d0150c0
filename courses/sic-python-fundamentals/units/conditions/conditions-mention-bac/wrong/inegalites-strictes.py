def mention(moyenne):
    # Utilise > au lieu de >= : les valeurs limites tombent dans la mauvaise mention
    if moyenne > 16:
        return 4
    elif moyenne > 14:
        return 3
    elif moyenne > 12:
        return 2
    elif moyenne > 10:
        return 1
    else:
        return 0
