"""The web editors, above the Pelican layer: `invoke edit` (one editor on this machine) and
`invoke editor-server` (the department's shared editor with accounts, roles and approval), the
checker's word on an unpublished entry, a file's history, and the shared editor's nginx limits."""
