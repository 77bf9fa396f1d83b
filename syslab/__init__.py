"""Systems Lab: the Python package behind the site.

It holds the content models (snippets, datasets), the runners that execute snippets in CPython and in Pyodide,
and the MkDocs glue that renders runnable blocks. The same package is shipped to the browser as a pure-Python
wheel, so the code that CI runs is the code the reader runs.
"""

__version__ = "0.1.0"
