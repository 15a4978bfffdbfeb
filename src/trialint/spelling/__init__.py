"""Spelling: the vocabularies a word is known by, the near words of one that is not, and the
judgement of whether an unknown word is a misspelling (see ``detector``)."""
