def test_mention(mention):
    print(mention(16) == 4)
    print(mention(9.5) == 0)
