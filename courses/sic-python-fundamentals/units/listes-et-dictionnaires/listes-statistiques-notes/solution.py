def statistiques(notes):
    moyenne = sum(notes) / len(notes)
    return (min(notes), max(notes), round(moyenne, 2))


print(statistiques([12, 15, 9]))
