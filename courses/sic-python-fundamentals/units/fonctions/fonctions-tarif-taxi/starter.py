def prix_course(distance, nuit=False):
    pass


print(prix_course(4))
print(prix_course(4, True))
