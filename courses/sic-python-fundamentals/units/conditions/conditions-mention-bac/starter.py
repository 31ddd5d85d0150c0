def mention(moyenne):
    return -1
