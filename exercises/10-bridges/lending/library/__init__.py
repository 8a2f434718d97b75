"""The library app: books and the loans of books to members (models.py)."""
