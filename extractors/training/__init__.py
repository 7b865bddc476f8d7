"""Training data and trained components: the annotated corpus, its splits and the models learned from it."""
