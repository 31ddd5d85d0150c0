def deux_articles(prix, bon):
    for i in range(len(prix)):
        for j in range(i, len(prix)):
            if prix[i] + prix[j] == bon:
                return (i, j)
    return None
