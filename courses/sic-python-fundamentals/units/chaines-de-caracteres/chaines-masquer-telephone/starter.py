def masquer(numero):
    return numero
