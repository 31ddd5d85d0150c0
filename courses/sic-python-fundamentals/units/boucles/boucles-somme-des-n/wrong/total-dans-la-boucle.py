def somme_jusqua(n):
    # total est remis à zéro à chaque tour
    total = 0
    for i in range(1, n + 1):
        total = 0
        total += i
    return total
