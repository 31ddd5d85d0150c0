def precision_rappel_f1(y_vrai, y_pred, positive):
    vp = fp = fn = 0
    for vrai, predit in zip(y_vrai, y_pred):
        if predit == positive:
            if vrai == positive:
                vp += 1
            else:
                fp += 1
        elif vrai == positive:
            fn += 1
    precision = vp / (vp + fp) if vp + fp else 0.0
    rappel = vp / (vp + fn) if vp + fn else 0.0
    f1 = 2 * vp / (2 * vp + fp + fn) if vp else 0.0
    return precision, rappel, f1
