"""Publishing: what touches the built site (CSP and _headers, Pagefind, PDF)."""
