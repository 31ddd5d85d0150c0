def precision_rappel_f1(y_vrai, y_pred, positive):
    paires = list(zip(y_vrai, y_pred))
    vp = sum(1 for v, p in paires if v == positive and p == positive)
    fp = sum(1 for v, p in paires if v != positive and p == positive)
    fn = sum(1 for v, p in paires if v == positive and p != positive)
    precision = vp / (vp + fp) if vp + fp > 0 else 0.0
    rappel = vp / (vp + fn) if vp + fn > 0 else 0.0
    if precision + rappel == 0:
        return (precision, rappel, 0.0)
    # Erreur : moyenne ordinaire au lieu de la moyenne harmonique.
    return (precision, rappel, (precision + rappel) / 2)
