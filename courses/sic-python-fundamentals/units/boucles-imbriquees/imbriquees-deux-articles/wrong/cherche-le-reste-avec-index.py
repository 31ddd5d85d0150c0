def deux_articles(prix, bon):
    # Une seule boucle : cherche le prix qui manque avec « in » et « index ». index donne la PREMIÈRE
    # position de ce prix : quand le reste est le prix de l'article lui-même, la paire est sautée
    # et une paire trouvée plus loin est renvoyée à sa place
    for i in range(len(prix)):
        reste = bon - prix[i]
        if reste in prix and prix.index(reste) != i:
            j = prix.index(reste)
            return (min(i, j), max(i, j))
    return None
