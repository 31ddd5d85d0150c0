def deux_articles(prix, bon):
    return None
