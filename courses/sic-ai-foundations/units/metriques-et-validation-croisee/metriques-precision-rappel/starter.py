def precision_rappel_f1(y_vrai, y_pred, positive):
    return (0.0, 0.0, 0.0)
