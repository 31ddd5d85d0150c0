def statistiques(notes):
    pass


print(statistiques([12, 15, 9]))
