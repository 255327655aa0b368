"""The headless core: loading, cleaning, sentences, alignment, facts and export.

Nothing in this package imports textual (a test checks ``sys.modules``).
"""
