"""The bookshop app: authors, books and orders (the same models in every exercise of lesson 11)."""
