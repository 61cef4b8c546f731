"""Publishing: what touches the built site (CSP and _headers, Pagefind, the diagrams drawn at
build time, PDF) and the headless Chromium two of them need."""
