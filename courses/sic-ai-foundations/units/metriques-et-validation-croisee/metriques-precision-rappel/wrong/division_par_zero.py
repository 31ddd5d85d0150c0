def precision_rappel_f1(y_vrai, y_pred, positive):
    paires = list(zip(y_vrai, y_pred))
    vp = sum(1 for v, p in paires if v == positive and p == positive)
    fp = sum(1 for v, p in paires if v != positive and p == positive)
    fn = sum(1 for v, p in paires if v == positive and p != positive)
    # Erreur : aucun cas particulier, une division par zéro est possible.
    precision = vp / (vp + fp)
    rappel = vp / (vp + fn)
    return (precision, rappel, 2 * precision * rappel / (precision + rappel))
