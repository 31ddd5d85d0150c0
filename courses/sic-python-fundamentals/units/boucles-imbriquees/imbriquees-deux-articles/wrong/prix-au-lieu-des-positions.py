def deux_articles(prix, bon):
    for i in range(len(prix)):
        for j in range(i + 1, len(prix)):
            if prix[i] + prix[j] == bon:
                return (prix[i], prix[j])
    return None
