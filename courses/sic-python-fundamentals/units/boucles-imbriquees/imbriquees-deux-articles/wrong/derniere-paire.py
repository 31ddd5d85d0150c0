def deux_articles(prix, bon):
    trouve = None
    for i in range(len(prix)):
        for j in range(i + 1, len(prix)):
            if prix[i] + prix[j] == bon:
                trouve = (i, j)
    return trouve
