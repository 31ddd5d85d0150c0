def test_mention(mention):
    assert mention(17.5) == 4
    assert mention(8) == 0
